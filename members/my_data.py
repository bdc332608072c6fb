"""Personal data (RGPD) in the member space: download what the site holds, delete my account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.emails import send_templated_email

from . import privacy
from .forms import DeleteAccountForm


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """What the site holds about me: download it, or delete my account."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.email:
            send_templated_email(
                "members/emails/account_deleted", {"user": request.user}, [request.user.email]
            )
        privacy.forget_account(request.user)
        logout(request)
        messages.success(request, _("Your account was deleted. Thank you for your trust."))
        return redirect("/")
    return TemplateResponse(
        request, "members/member_space/my_data.html", {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def my_data_json(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(
        privacy.personal_data(request.user), encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-apess53.json"'
    return response
