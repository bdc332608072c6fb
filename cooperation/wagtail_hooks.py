"""The marketplace's part of `purge_personal_data` (directory/privacy.py)."""

import datetime

from wagtail import hooks

from .images import purge_orphans


@hooks.register("purge_personal_data")
def purge_orphan_listing_images(now: datetime.datetime) -> dict[str, int]:
    return {"listing_images": purge_orphans(now)}
