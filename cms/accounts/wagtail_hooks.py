from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .audit import register_actions
from .escalation import refuse_superuser_flag, refuse_superuser_targets
from .lockout import can_unlock, lockouts


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    register_actions(actions)


hooks.register("before_edit_user", refuse_superuser_targets)
hooks.register("before_edit_user", refuse_superuser_flag)
hooks.register("before_create_user", refuse_superuser_flag)


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [path("login-lockouts/", lockouts, name="kangyang_lockouts")]


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return LockoutMenuItem(_("登录锁定"), reverse("kangyang_lockouts"), icon_name="lock", order=900)


class LockoutMenuItem(MenuItem):
    def is_shown(self, request):
        return can_unlock(request.user)
