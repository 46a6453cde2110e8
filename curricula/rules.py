"""Business rules of the curricula app that need no database: hours, codes and the publishing guards' messages.

The admin forms, the models and the importer all apply them, so they live apart from all three.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CURRICULUM_CODE = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$", _("代码只能包含字母、数字、点、连字符和下划线，如 YL-5-01。"), code="code"
)
PER_PAGE = 12  # catalogue cards per page (the module library shows twice as many)
USED_BY_PER_PAGE = 10  # packages listed per page on a module page (a common module is used by hundreds)
HOURS_VALIDATORS = [MinValueValidator(Decimal("0"), message=_("学时不能为负数。"))]


def hours_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=6, decimal_places=1, validators=HOURS_VALIDATORS, help_text=_("单位：学时"), **kwargs
    )


def format_hours(value) -> str:
    """12.0 → "12", 12.5 → "12.5": hours read as people write them."""
    if value is None:
        return ""
    value = Decimal(value)
    return str(value.quantize(Decimal(1))) if value == value.to_integral() else str(value.normalize())


@dataclass(frozen=True)
class HourTotals:
    theory: Decimal = Decimal(0)
    practice: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.theory + self.practice

    @classmethod
    def of(cls, modules):
        modules = list(modules)
        return cls(
            theory=sum((m.theory_hours or Decimal(0) for m in modules), Decimal(0)),
            practice=sum((m.practice_hours or Decimal(0) for m in modules), Decimal(0)),
        )


def shortfall_message(total, min_hours):
    """The reason a package may not be published, or None: its modules must add up to its minimum hours."""
    if min_hours is None or total >= min_hours:
        return None
    return _("课程模块合计 %(total)s 学时，低于最低学时 %(minimum)s，不能发布（可以先保存草稿）。") % {
        "total": format_hours(total),
        "minimum": format_hours(min_hours),
    }


def level_offered_message(occupation, level):
    """A package's level must be one its occupation offers; None when it is."""
    if occupation is None or level is None:
        return None
    offered = {item.pk for item in occupation.levels.all()}
    if level.pk in offered:
        return None
    return _("职业“%(occupation)s”不开设“%(level)s”，请先在职业页面添加该等级。") % {
        "occupation": occupation.title,
        "level": level.name,
    }
