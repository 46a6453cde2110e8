from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Shared page machinery: users, media models, the home page and site settings."""

    name = "cms"
    verbose_name = "站点"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.cache import connect_signals

        connect_signals()
