from django.apps import AppConfig

from cms.cache import register_dependencies

from .cache_tags import PROGRESS_TAG


def progress_block_dependencies(page):
    """Pages that show a 进度 block (field `progress_figures`) change when the figures do."""
    return [PROGRESS_TAG] if getattr(page, "progress_figures", None) else []


class ProgressConfig(AppConfig):
    """The programme's targets (目标任务), 市州 quotas and monthly progress figures (进度)."""

    name = "progress"
    label = "progress"
    verbose_name = "目标任务与进度"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        register_dependencies(progress_block_dependencies)
