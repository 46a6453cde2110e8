"""Training packages (职业培训包): one level of an occupation, an ordered list of modules, minimum hours."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.models import BasePage
from cms.prepared import PreparedQuery

from ..forms import TrainingPackageForm
from ..outline import outline_response
from ..package_export import package_csv_response, package_json_response
from ..rules import CURRICULUM_CODE, HourTotals, hours_field, level_offered_message, shortfall_message
from .levels import SkillLevel
from .occupations import Occupation
from .routing import PAGE_ROW_FIELDS, LeanPageMixin

# What a row of the package page's module table needs of a module.
MODULE_TABLE_FIELDS = (*PAGE_ROW_FIELDS, "live", "code", "theory_hours", "practice_hours", "owner_occupation")


def attach_occupations(packages):
    """Set `parent_occupation` on many packages with one query (a package's occupation is its parent page)."""
    parent_paths = {package.path[: -Page.steplen] for package in packages}
    by_path = {o.path: o for o in Occupation.objects.filter(path__in=parent_paths)}
    for package in packages:
        package.__dict__["parent_occupation"] = by_path.get(package.path[: -Page.steplen])


class TrainingPackage(LeanPageMixin, RoutablePageMixin, BasePage):
    """职业培训包: an ordered sequence of course modules for one occupation and level."""

    code = models.CharField(
        _("培训包代码"),
        max_length=40,
        unique=True,
        validators=[CURRICULUM_CODE],
        error_messages={"unique": _("已有使用此代码的培训包。")},
    )
    level = models.ForeignKey(SkillLevel, verbose_name=_("等级"), on_delete=models.PROTECT, related_name="packages")
    summary = models.TextField(_("培训包简介"), blank=True)
    min_hours = hours_field(_("最低总学时"), null=True, blank=True)
    assessment = models.TextField(_("考核说明"), blank=True, help_text=_("考核方式、考核内容与合格标准"))
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("替代的培训包"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
        help_text=_("本培训包取代的旧版培训包"),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("code"), FieldPanel("level"), FieldPanel("min_hours")]),
        FieldPanel("summary"),
        InlinePanel("package_modules", label=_("课程模块"), heading=_("课程模块（按教学顺序）")),
        FieldPanel("assessment"),
        PageChooserPanel("supersedes", page_type="curricula.TrainingPackage"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("summary"),
        index.SearchField("assessment"),
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.FilterField("code"),
        index.FilterField("level"),
    ]
    api_fields = [
        APIField("code"),
        APIField("occupation_reference"),
        APIField("level_number"),
        APIField("summary"),
        APIField("min_hours"),
        APIField("assessment"),
        APIField("module_codes"),
        APIField("hour_totals"),
        APIField("supersedes_code"),
    ]

    base_form_class = TrainingPackageForm
    parent_page_types = ["curricula.Occupation"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("职业培训包")
        verbose_name_plural = _("职业培训包")

    # ?city=<市州>: the 报名与补贴 block (training_tags) shows that city's classes and subsidies (cms.cache).
    cache_query_params = ("city",)

    def cache_dependencies(self):
        """The package page shows its modules' titles and hours, and the package it supersedes (cms.cache)."""
        ids = list(self.package_modules.values_list("module_id", flat=True))
        return ids + ([self.supersedes_id] if self.supersedes_id else [])

    def clean(self):
        super().clean()
        if self.supersedes_id and self.pk and self.supersedes_id == self.pk:
            raise ValidationError({"supersedes": _("培训包不能替代它自己。")})
        if self.path and self.level_id:
            problem = level_offered_message(self.get_parent().specific, self.level)
            if problem:
                raise ValidationError({"level": problem})

    @cached_property
    def parent_occupation(self):
        """A package belongs to the occupation it sits under."""
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def occupation_reference(self):
        return self.parent_occupation.reference if self.parent_occupation else None

    @property
    def level_number(self):
        return self.level.number

    def module_rows(self, lean=False):
        """The module sequence, live modules only, in order; one query when read from the database. `lean` loads only
        what the package page's table shows (code, title, URL, hours), not each module's body and materials."""
        rows = self.package_modules.all()
        if isinstance(rows, models.QuerySet):
            rows = LEAN_MODULE_ROWS(self.pk) if lean else rows.select_related("module")
        return [row for row in rows if row.module_id and row.module.live]

    def totals(self, rows=None) -> HourTotals:
        rows = self.module_rows() if rows is None else rows
        return HourTotals.of(row.module for row in rows)

    @property
    def module_codes(self):
        return [row.module.code for row in self.module_rows()]

    @property
    def hour_totals(self):
        totals = self.totals()
        return {"theory": totals.theory, "practice": totals.practice, "total": totals.total}

    @property
    def supersedes_code(self):
        return self.supersedes.code if self.supersedes_id else None

    def publish(self, revision, *args, **kwargs):
        """Refuse to publish a package whose modules fall short of its minimum hours, whichever path publishes it."""
        candidate = revision.as_object()
        problem = shortfall_message(candidate.totals().total, candidate.min_hours)
        if problem:
            raise ValidationError({"min_hours": problem})
        return super().publish(revision, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = self.module_rows(lean=True)
        context.update(rows=rows, totals=self.totals(rows), occupation=self.parent_occupation)
        return context

    @path("export/csv/", name="export_csv")
    def export_csv(self, request):
        return package_csv_response(self)

    @path("outline/", name="outline_pdf")
    def outline_pdf(self, request):
        """培训大纲 as a PDF (see curricula.outline)."""
        return outline_response(self)

    @path("export/json/", name="export_json")
    def export_json(self, request):
        return package_json_response(self)

    def search_document(self) -> dict:
        rows = self.module_rows()
        occupation = self.parent_occupation
        codes = [self.code]
        if occupation and occupation.code:
            codes.append(occupation.code)
        codes += [row.module.code for row in rows]
        number = self.level.number
        return {
            "type": "package",
            "title": self.title,
            "text": " ".join(
                part
                for part in [self.intro, self.summary, self.assessment, " ".join(row.module.title for row in rows)]
                if part
            ),
            "date": self.last_published_at.date() if self.last_published_at else None,
            "occupation": occupation.reference if occupation else None,
            "level": number if 1 <= number <= 5 else None,
            "year": None,
            "tags": [self.level.name],
            "codes": codes,
        }


class PackageModule(Orderable):
    """One step of a package's module sequence."""

    page = ParentalKey(TrainingPackage, on_delete=models.CASCADE, related_name="package_modules")
    module = models.ForeignKey(
        "curricula.CourseModule", verbose_name=_("课程模块"), on_delete=models.CASCADE, related_name="package_usages"
    )

    panels = [PageChooserPanel("module", page_type="curricula.CourseModule")]

    class Meta(Orderable.Meta):
        verbose_name = _("培训包中的课程模块")
        verbose_name_plural = _("培训包中的课程模块")

    def __str__(self):
        return f"{self.page_id} · {self.module_id}"


def lean_module_rows_query(package_id: int):
    """A package's module rows in order, with what the package page's table shows of each module."""
    rows = PackageModule.objects.filter(page_id=package_id).select_related("module")
    rows = rows.only("sort_order", "page", "module", *(f"module__{name}" for name in MODULE_TABLE_FIELDS))
    return rows.order_by("sort_order", "pk")


LEAN_MODULE_ROWS = PreparedQuery(lean_module_rows_query, int)  # compiled once per process (cms.prepared)
