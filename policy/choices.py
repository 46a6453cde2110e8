"""Every choice list of the policy app, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("现行有效")
    NOT_YET_EFFECTIVE = "not_yet_effective", _("尚未生效")
    EXPIRED = "expired", _("已失效")
    SUPERSEDED = "superseded", _("已被替代")


class Audience(models.TextChoices):
    TRAINEES = "trainees", _("学员和劳动者")
    INSTITUTIONS = "institutions", _("培训机构和院校")
    EMPLOYERS = "employers", _("用人单位")


class Occasion(models.TextChoices):
    WORLD_YOUTH_SKILLS_DAY = "world_youth_skills_day", _("世界青年技能日")
    VOCATIONAL_EDUCATION_WEEK = "vocational_education_week", _("职业教育活动周")
    WOMENS_DAY = "womens_day", _("三八妇女节")
    OTHER = "other", _("其他")


class Channel(models.TextChoices):
    ON_SITE = "on_site", _("现场咨询")
    HOTLINE = "hotline_12333", _("12333 热线")
    DOOR_TO_DOOR = "door_to_door", _("上门宣传")
    LEAFLET = "leaflet", _("宣传页")
    POSTER = "poster", _("海报")
    PSA = "psa", _("公益广告")


class CampaignPhase(models.TextChoices):
    UPCOMING = "upcoming", _("即将开始")
    ONGOING = "ongoing", _("正在进行")
    PAST = "past", _("已结束")

    @classmethod
    def on(cls, start, end, day) -> "CampaignPhase":
        """A campaign's phase on `day`: before its first day, after its last, or on."""
        if day < start:
            return cls.UPCOMING
        if day > end:
            return cls.PAST
        return cls.ONGOING
