"""Accounts' URLs, part of members/urls.py, under /fr/espace-membre/ and /en/member-area/.

French path segments in both languages (the prefix alone is translated).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/oubli/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe/oubli/envoye/", views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/change/", views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "mot-de-passe/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "invitation/<uidb64>/<token>/", views.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
]
