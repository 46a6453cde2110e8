"""What is counted (measures) and how much of it the plan asks for (targets), with the clause that says so."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel

from ..cache_tags import PROGRESS_TAG
from ..choices import MeasureKind


class CacheTagMixin:
    def cache_invalidates(self):
        return [PROGRESS_TAG]


class Measure(CacheTagMixin, models.Model):
    """An occupation from the curricula (养老护理员) or a role that is no occupation (养老院院长)."""

    name = models.CharField(_("名称"), max_length=60, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=MeasureKind.choices, default=MeasureKind.OCCUPATION)
    occupation = models.ForeignKey(
        "curricula.Occupation",
        verbose_name=_("对应职业"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("课程中心的职业页面；岗位（如养老院院长）留空。"),
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [FieldPanel("name"), FieldPanel("kind"), PageChooserPanel("occupation"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("统计对象")
        verbose_name_plural = _("统计对象")

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == MeasureKind.ROLE and self.occupation_id:
            raise ValidationError({"occupation": _("岗位类统计对象不关联职业。")})


def month_start(value: datetime.date) -> datetime.date:
    return value.replace(day=1)


class Target(CacheTagMixin, models.Model):
    """A number the plan sets for a measure over a period, e.g. 养老护理员 140,000 人次 by the end of 2022 (（二）)."""

    measure = models.ForeignKey(Measure, verbose_name=_("统计对象"), on_delete=models.PROTECT, related_name="targets")
    number = models.PositiveIntegerField(_("目标数"))
    unit = models.CharField(_("单位"), max_length=10, default="人次")
    start_month = models.DateField(_("起始月份"), help_text=_("计入进度的第一个月（填该月任一天）。"))
    end_month = models.DateField(_("截止月份"), help_text=_("计入进度的最后一个月（填该月任一天）。"))
    split_by_population = models.BooleanField(
        _("按老年人口分解到市州"),
        default=True,
        help_text=_("按各市（州）上年底 60 岁以上老年人数量占全省比例分解任务（方案第（十一）条）。"),
    )
    document = models.ForeignKey(
        "policy.PolicyDocument",
        verbose_name=_("依据文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    clause = models.CharField(_("条款编号"), max_length=8, blank=True, help_text=_("汉字数字，如“二”表示第（二）条。"))
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("measure"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("start_month"), FieldPanel("end_month")]),
        FieldPanel("split_by_population"),
        MultiFieldPanel([PageChooserPanel("document", "policy.PolicyDocument"), FieldPanel("clause")], _("依据")),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("目标任务")
        verbose_name_plural = _("目标任务")

    def __str__(self):
        return f"{self.measure.name} {self.number:,} {self.unit}（{self.end_month:%Y 年 %-m 月}）"

    def save(self, *args, **kwargs):
        self.start_month = month_start(self.start_month)
        self.end_month = month_start(self.end_month)
        super().save(*args, **kwargs)

    def clean(self):
        if self.start_month and self.end_month and self.end_month < self.start_month:
            raise ValidationError({"end_month": _("截止月份不能早于起始月份。")})

    @property
    def population_year(self) -> int:
        """（十一）: the split follows the population at the end of the year before the period starts."""
        return self.start_month.year - 1

    def clause_label(self) -> str:
        return f"第（{self.clause}）条" if self.clause else ""

    def clause_url(self) -> str:
        """The clause anchor on the document page (e.g. …/#clause-2); the document page when it has no anchor."""
        if self.document is None or not self.document.live:
            return ""
        return self.document.clause_url(self.clause) if self.clause else self.document.url
