"""Every choice list of the competitions app, in one place."""

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


class SkillLevel(models.IntegerChoices):
    """职业技能等级 as numbered in the national standards: 一级 is the highest, 五级 the entry level."""

    LEVEL_1 = 1, _("一级/高级技师")
    LEVEL_2 = 2, _("二级/技师")
    LEVEL_3 = 3, _("三级/高级工")
    LEVEL_4 = 4, _("四级/中级工")
    LEVEL_5 = 5, _("五级/初级工")


# Sichuan's 21 prefecture-level divisions (市州), in the official order. Results store the short name;
# competitors from outside Sichuan keep whatever place name the organiser wrote.
SICHUAN_CITIES = [
    "成都",
    "自贡",
    "攀枝花",
    "泸州",
    "德阳",
    "绵阳",
    "广元",
    "遂宁",
    "内江",
    "乐山",
    "南充",
    "眉山",
    "宜宾",
    "广安",
    "达州",
    "雅安",
    "巴中",
    "资阳",
    "阿坝",
    "甘孜",
    "凉山",
]
