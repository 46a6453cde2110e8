from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.reference import LEVEL_MAX, LEVEL_MIN


class SkillLevel(models.Model):
    """A rung of the skill ladder (职业技能等级): the rows of cms.reference.SkillLevel, with editable names and text.

    The numbers stay inside the one range every app uses (1–5, cms.reference), checked by the form and the database.
    """

    number = models.SmallIntegerField(
        _("等级序号"),
        unique=True,
        help_text=_("五级（初级工）= 5 … 一级（高级技师）= 1；数字越小等级越高。"),
        validators=[MinValueValidator(LEVEL_MIN), MaxValueValidator(LEVEL_MAX)],
        error_messages={"unique": _("已有使用此序号的技能等级。")},
    )
    name = models.CharField(
        _("名称"),
        max_length=40,
        unique=True,
        help_text=_("如：五级/初级工"),
        error_messages={"unique": _("已有同名的技能等级。")},
    )
    description = models.TextField(_("说明"), blank=True)

    # The five levels come from a data migration; backups (cms.backup) update them instead of refusing.
    seeded_by_migration = True

    class Meta:
        ordering = ["-number"]
        verbose_name = _("技能等级")
        verbose_name_plural = _("技能等级")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=LEVEL_MIN, number__lte=LEVEL_MAX), name="curricula_skilllevel_number_1_to_5"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def short_name(self):
        """五级 of 五级/初级工: what fits in a badge."""
        return self.name.split("/")[0]
