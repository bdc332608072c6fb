"""The member area, mounted once by config/urls.py under /fr/espace-membre/ and /en/member-area/
(namespace "members"). French path segments in both languages (the prefix alone is translated).
"""

from django.urls import path

from .accounts.urls import urlpatterns as account_urls
from .listings import views as listings
from .my_data import my_data, my_data_json
from .profile import edit_structure, member_space

urlpatterns = [
    *account_urls,
    path("", member_space, name="member_space"),
    path("structures/<int:pk>/", edit_structure, name="edit_structure"),
    path("mes-donnees/", my_data, name="my_data"),
    path("mes-donnees/export.json", my_data_json, name="my_data_json"),
    path("annonces/", listings.listings, name="listings"),
    path("annonces/nouvelle/<str:kind>/", listings.new_listing, name="new_listing"),
    path("annonces/<int:pk>/", listings.edit_listing, name="edit_listing"),
    path("annonces/<int:pk>/renouveler/", listings.renew_listing, name="renew_listing"),
    path("annonces/<int:pk>/cloturer/", listings.close_listing, name="close_listing"),
]
