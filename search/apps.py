from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Chinese full-text search over every public page."""

    name = "search"
    label = "search"
    verbose_name = "搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
