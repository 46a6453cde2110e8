from django.apps import AppConfig


class PolicyConfig(AppConfig):
    """Policy documents, explainers (政策解读) and publicity campaigns (宣传周/宣传月)."""

    name = "policy"
    label = "policy"
    verbose_name = "政策解读与宣传"
    default_auto_field = "django.db.models.BigAutoField"
