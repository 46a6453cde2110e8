"""Choices of the curricula app, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OccupationKind(models.TextChoices):
    """An occupation on the five-level ladder, or a special ability assessed against one 考核规范."""

    OCCUPATION = "occupation", _("职业（工种）")
    SPECIAL_ABILITY = "special_ability", _("专项职业能力")


class CalloutKind(models.TextChoices):
    TIP = "tip", _("要点")
    NOTE = "note", _("说明")
    WARNING = "warning", _("注意")
    DANGER = "danger", _("禁忌")


class DocumentAudience(models.TextChoices):
    TRAINEE = "trainee", _("学员")
    TRAINER = "trainer", _("教师")
    ASSESSOR = "assessor", _("考评员")
