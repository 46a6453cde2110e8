"""Choices of the training app: what kinds of providers there are and the statuses computed from dates."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderKind(models.TextChoices):
    VOCATIONAL_COLLEGE = "vocational_college", _("职业院校")
    TECHNICAL_SCHOOL = "technical_school", _("技工院校")
    TRAINING_INSTITUTION = "training_institution", _("培训机构")
    ENTERPRISE = "enterprise", _("企业")
    PUBLIC_BASE = "public_base", _("公共实训基地")
    MASTER_STUDIO = "master_studio", _("技能大师工作室")


class BaseLevel(models.TextChoices):
    NONE = "", _("无")
    NATIONAL = "national", _("国家级基地")
    PROVINCIAL = "provincial", _("省级基地")
    MUNICIPAL = "municipal", _("市级基地")


class ListingStatus(models.TextChoices):
    LISTED = "listed", _("在目录")
    EXPIRED = "expired", _("已到期")
    PENDING = "pending", _("未生效")


class ClassStatus(models.TextChoices):
    ENROLLING = "enrolling", _("报名中")
    UPCOMING = "upcoming", _("即将开班")
    RUNNING = "running", _("已开班")
    FINISHED = "finished", _("已结束")
    FULL = "full", _("已满")


class StartsWithin(models.TextChoices):
    DAYS_30 = "30", _("30 天内开班")
    DAYS_90 = "90", _("90 天内开班")
