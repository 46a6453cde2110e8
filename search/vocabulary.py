"""Choices and reference labels of the search app (copied from the programme's domain notes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.reference import SkillLevel


class DocumentType(models.TextChoices):
    OCCUPATION = "occupation", _("职业")
    PACKAGE = "package", _("职业培训包")
    MODULE = "module", _("课程模块")
    COMPETITION = "competition", _("技能竞赛")
    RESULT = "result", _("竞赛结果")
    POLICY = "policy", _("政策文件")
    EXPLAINER = "explainer", _("政策解读")
    CAMPAIGN = "campaign", _("宣传活动")
    PAGE = "page", _("页面")


class SortOrder(models.TextChoices):
    RELEVANCE = "relevance", _("相关度")
    DATE = "date", _("日期")


# 职业分类大典 (online edition): code -> current label.
OCCUPATIONS = {
    "4-10-01-01": "婴幼儿发展引导员",
    "4-10-01-03": "保育师",
    "4-10-01-04": "孤残儿童护理员",
    "4-10-01-05": "养老护理员",
    "4-10-01-06": "家政服务员",
    "4-10-01-07": "家政服务经理人",
    "4-10-04-01": "保健调理师",
    "4-10-04-02": "保健按摩师",
    "4-10-04-03": "芳香保健师",
    "4-03-02-06": "营养配餐员",
    "4-14-01-02": "医疗护理员",
    "4-14-01-03": "健康照护师",
    "4-14-01-04": "呼吸治疗师",
    "4-14-02-02": "健康管理师",
    "4-14-02-05": "老年人能力评估师",
    "4-14-03-06": "康复辅助技术咨询师",
    "4-14-04-04": "社群健康助理员",
}
# Older names used by the plan, mapped to the current code. 育婴员 and 母婴护理员 have no code: kept as names.
OCCUPATION_ALIASES = {"保育员": "4-10-01-03"}
CODE_BY_NAME = {name: code for code, name in OCCUPATIONS.items()} | OCCUPATION_ALIASES

LEVELS = dict(SkillLevel.choices)


def occupation_code(value) -> str:
    """A code stays a code; a known name becomes its code; anything else (育婴员) stays as given."""
    value = str(value or "").strip()
    return CODE_BY_NAME.get(value, value)


def occupation_label(value: str) -> str:
    if not value:
        return ""
    name = OCCUPATIONS.get(value)
    return f"{name}（{value}）" if name else value


def level_label(level) -> str:
    try:
        return str(LEVELS[int(level)])
    except (KeyError, TypeError, ValueError):
        return str(level or "")


def type_label(value: str) -> str:
    try:
        return str(DocumentType(value).label)
    except ValueError:
        return value
