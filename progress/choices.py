"""Choices of the progress app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureKind(models.TextChoices):
    OCCUPATION = "occupation", _("职业（工种）")
    ROLE = "role", _("岗位（非职业）")


class Indicator(models.TextChoices):
    """What a monthly figure counts."""

    TRAINED = "trained", _("培训人次")
    CERTIFIED = "certified", _("取证人次")
    SUBSIDY = "subsidy", _("补贴发放（元）")
