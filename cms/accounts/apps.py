from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Roles (groups and their permissions), demo users per role, and the login lockout."""

    name = "cms.accounts"
    label = "accounts"
    verbose_name = "角色与账号"
    default_auto_field = "django.db.models.BigAutoField"
