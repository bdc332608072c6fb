"""Tests of the cooperation app: the marketplace and the listings of the member space."""
