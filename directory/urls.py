"""URLs of the member area, mounted under /fr/espace-membre/ and /en/member-area/."""

from directory.accounts.urls import urlpatterns as account_urls
from directory.member_space import urlpatterns as member_space_urls

urlpatterns = [*account_urls, *member_space_urls]
