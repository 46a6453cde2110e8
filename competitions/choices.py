"""Every choice list of the competitions app, in one place (levels and 市州 come from cms.reference)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    ENTERPRISE = "enterprise", _("企业/行业")


class Stage(models.TextChoices):
    SELECTION = "selection", _("选拔赛")
    PRELIMINARY = "preliminary", _("初赛")
    SEMIFINAL = "semifinal", _("复赛")
    FINAL = "final", _("决赛")


class EventStatus(models.TextChoices):
    """Computed from an event's dates (see competitions.status); never stored."""

    UPCOMING = "upcoming", _("即将举行")
    REGISTRATION_OPEN = "registration_open", _("报名中")
    IN_PROGRESS = "in_progress", _("进行中")
    FINISHED = "finished", _("已结束")


class AnnouncementState(models.TextChoices):
    """Results go through public notice (公示) before they are final (正式公布)."""

    NONE = "none", _("未公布")
    NOTICE = "notice", _("公示中")
    FINAL = "final", _("正式公布")


class Award(models.TextChoices):
    FIRST = "first", _("一等奖")
    SECOND = "second", _("二等奖")
    THIRD = "third", _("三等奖")
    EXCELLENCE = "excellence", _("优胜奖")
    GOLD = "gold", _("金牌")
    SILVER = "silver", _("银牌")
    BRONZE = "bronze", _("铜牌")
    MEDALLION = "medallion", _("优胜奖（Medallion for Excellence）")
