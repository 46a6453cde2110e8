from django.apps import AppConfig


class CompetitionsConfig(AppConfig):
    """Skill competitions, their events, results announcements and winners."""

    name = "competitions"
    verbose_name = "技能竞赛"
    default_auto_field = "django.db.models.BigAutoField"
