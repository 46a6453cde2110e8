from django.apps import AppConfig


class CurriculaConfig(AppConfig):
    """Occupations, training packages (职业培训包) and reusable course modules (课程模块)."""

    name = "curricula"
    verbose_name = "课程中心"
    default_auto_field = "django.db.models.BigAutoField"
