"""The data the quotas and the progress are computed from: 60+ population per 市州, monthly figures."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from cms.reference import CITY_CHOICES

from .targets import CacheTagMixin, Measure, month_start


class ElderlyPopulation(CacheTagMixin, models.Model):
    """People aged 60 and over in a 市州 at the end of a year: the weights of the quota split."""

    year = models.PositiveSmallIntegerField(
        _("年度（年底）"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    city = models.CharField(_("市州"), max_length=10, choices=CITY_CHOICES)
    population = models.PositiveIntegerField(_("60 岁以上人口"))
    is_example = models.BooleanField(_("示例值"), default=False, help_text=_("演示用的示例数字，并非统计数据。"))
    source = models.CharField(_("来源"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("city")]),
        FieldPanel("population"),
        FieldPanel("is_example"),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["-year", "city"]
        constraints = [models.UniqueConstraint(fields=["year", "city"], name="progress_population_year_city")]
        verbose_name = _("老年人口")
        verbose_name_plural = _("老年人口")

    def __str__(self):
        return f"{self.year} {self.city} {self.population:,}"


class ProgressFigure(CacheTagMixin, models.Model):
    """One month of one measure in one 市州: 培训人次, 取证人次 and subsidy paid (元)."""

    measure = models.ForeignKey(Measure, verbose_name=_("统计对象"), on_delete=models.PROTECT, related_name="figures")
    city = models.CharField(_("市州"), max_length=10, choices=CITY_CHOICES)
    month = models.DateField(_("月份"), help_text=_("填该月任一天，按月保存。"))
    trained = models.PositiveIntegerField(_("培训人次"), default=0)
    certified = models.PositiveIntegerField(_("取证人次"), default=0)
    subsidy = models.DecimalField(
        _("补贴发放（元）"), max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )

    panels = [
        FieldPanel("measure"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("month")]),
        FieldRowPanel([FieldPanel("trained"), FieldPanel("certified"), FieldPanel("subsidy")]),
    ]

    class Meta:
        ordering = ["-month", "measure", "city"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "city", "month"], name="progress_figure_measure_city_month")
        ]
        indexes = [models.Index(fields=["month", "measure"], name="progress_figure_month_measure")]
        verbose_name = _("月度进度")
        verbose_name_plural = _("月度进度")

    def __str__(self):
        return f"{self.month:%Y-%m} {self.city} {self.measure_id}"

    def save(self, *args, **kwargs):
        self.month = month_start(self.month)
        super().save(*args, **kwargs)
