"""URLs of the member area's listings, mounted like the directory's (config/urls.py) under
/fr/espace-membre/ and /en/member-area/: the directory does not know the cooperation app."""

from cooperation.member_space import urlpatterns

__all__ = ["urlpatterns"]
