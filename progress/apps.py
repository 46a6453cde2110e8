from django.apps import AppConfig


class ProgressConfig(AppConfig):
    """The programme's targets (目标任务), 市州 quotas and monthly progress figures (进度)."""

    name = "progress"
    label = "progress"
    verbose_name = "目标任务与进度"
    default_auto_field = "django.db.models.BigAutoField"
