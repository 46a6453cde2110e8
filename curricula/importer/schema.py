"""The JSON format's keys and labels, shared by every stage of the curricula import."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SECTIONS = ("occupations", "modules", "packages")
OCCUPATION_KEYS = {
    "code",
    "name",
    "kind",
    "aliases",
    "shortage",
    "subsidy",
    "levels",
    "summary",
    "standard_title",
    "standard_year",
}
MODULE_KEYS = {
    "code",
    "title",
    "occupation",
    "theory_hours",
    "practice_hours",
    "outcomes",
    "body",
    "tags",
    "prerequisites",
}
PACKAGE_KEYS = {"code", "title", "occupation", "level", "min_hours", "modules", "summary", "assessment", "supersedes"}
MAX_HOURS = Decimal("99999.9")
LIBRARY_SLUG = "modules"
LIBRARY_TITLE = gettext_lazy("课程模块库")
LIBRARY_INTRO = gettext_lazy("所有职业共用的课程模块：一个模块只写一次，可被多个培训包引用。")
KIND_LABELS = {
    "occupation": gettext_lazy("职业"),
    "module": gettext_lazy("课程模块"),
    "package": gettext_lazy("培训包"),
}


FIELD_LABELS = {
    "title": gettext_lazy("名称"),
    "code": gettext_lazy("代码"),
    "kind": gettext_lazy("类别"),
    "aliases": gettext_lazy("别名"),
    "shortage": gettext_lazy("急需紧缺"),
    "subsidy": gettext_lazy("补贴性培训"),
    "levels": gettext_lazy("开设等级"),
    "summary": gettext_lazy("简介"),
    "standard_title": gettext_lazy("职业技能标准"),
    "standard_year": gettext_lazy("标准版本"),
    "owner_occupation": gettext_lazy("所属职业"),
    "occupation": gettext_lazy("所属职业"),
    "theory_hours": gettext_lazy("理论学时"),
    "practice_hours": gettext_lazy("实操学时"),
    "outcomes": gettext_lazy("学习目标"),
    "body": gettext_lazy("正文"),
    "tags": gettext_lazy("标签"),
    "prerequisites": gettext_lazy("先修模块"),
    "level": gettext_lazy("等级"),
    "min_hours": gettext_lazy("最低总学时"),
    "modules": gettext_lazy("课程模块"),
    "assessment": gettext_lazy("考核说明"),
    "supersedes": gettext_lazy("替代的培训包"),
}


def duplicate_message(key, first_path):
    return _('"%(key)s" 在文件中重复（见 %(first)s）') % {"key": key, "first": first_path}
