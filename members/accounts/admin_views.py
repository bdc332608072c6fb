"""Wagtail admin: "Invite a member" (e-mail, name, structure, role → one-time link by e-mail).

Wagtail only loads `<app>/wagtail_hooks.py`: directory/wagtail_hooks.py imports this module.
Reserved to users who may add memberships (superusers, the "Editors" group: migration
0002_editors_manage_memberships); others are sent away by Wagtail's own checks.
"""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from directory.fields import database_integer
from directory.models import Membership

from .forms import InvitationForm, invitable_structures
from .invitations import InvitationError, invite, send_invitation

URL_NAME = "directory_invite_member"
membership_permission_policy = ModelPermissionPolicy(Membership)


class InviteMemberView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    permission_policy = membership_permission_policy
    permission_required = "add"
    form_class = InvitationForm
    template_name = "members/accounts/admin/invite.html"
    page_title = _("Invite a member")
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_initial(self) -> dict:
        initial = super().get_initial()
        # ?structure=<id>: a link from a structure can preselect it.
        structure_id = self.request.GET.get("structure", "")
        pk = database_integer(structure_id)
        if pk is not None and invitable_structures().filter(pk=pk).exists():
            initial["structure"] = pk
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=_("Send the invitation"),
            submit_button_active_label=_("Sending…"),
            media=context["form"].media,
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation = invite(
                email=data["email"], first_name=data["first_name"],
                last_name=data["last_name"], structure=data["structure"], role=data["role"],
            )
        except InvitationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        params = {"email": invitation.user.email, "structure": invitation.membership.structure}
        if send_invitation(invitation, self.request, inviter=self.request.user):
            if invitation.needs_password:
                message = _("Invitation sent to %(email)s for %(structure)s: the link lets this "
                            "person choose a password.")
            else:
                message = _("%(email)s already had an account: it is now a member of "
                            "%(structure)s, and was told so by e-mail.")
            messages.success(self.request, message % params)
        else:
            messages.warning(
                self.request,
                _("The membership of %(email)s in %(structure)s is saved, but the e-mail could "
                  "not be sent. Invite this person again later to resend it.") % params,
            )
        return redirect(URL_NAME)


class InviteMemberMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return membership_permission_policy.user_has_permission(request.user, "add")


@hooks.register("register_admin_urls")
def register_invitation_url():
    return [path("members/invite/", InviteMemberView.as_view(), name=URL_NAME)]


@hooks.register("register_admin_menu_item")
def register_invitation_menu_item():
    return InviteMemberMenuItem(
        _("Invite a member"), reverse(URL_NAME), name="invite-member", icon_name="mail",
        order=250,
    )
