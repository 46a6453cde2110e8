"""The curricula section: catalogue → occupation → training package; module library → course module."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Length, Substr
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.models import BasePage
from cms.reference import OCCUPATION_CODE_VALIDATOR
from cms.safe_markdown import markdown_to_text, render_markdown

from ..blocks import MaterialsBlock
from ..choices import OccupationKind
from ..forms import CatalogueFilter, CourseModuleForm, OccupationForm, TrainingPackageForm
from ..graph import find_cycle
from ..package_export import package_csv_response, package_json_response
from ..rules import CURRICULUM_CODE, HourTotals, hours_field, level_offered_message, shortfall_message
from ..text import split_aliases, split_lines
from .levels import SkillLevel
from .routing import LeanPageMixin, route_below, specific_from_join

PER_PAGE = 12


class CurriculaIndexPage(LeanPageMixin, BasePage):
    """课程中心: the occupation catalogue, filtered by kind, level and shortage."""

    api_fields = [APIField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["curricula.Occupation", "curricula.ModuleLibrary"]
    max_count = 1

    class Meta:
        verbose_name = _("课程中心")

    def route(self, request, path_components):
        if path_components:
            return route_below(self, request, path_components)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        offered = offered_levels(self)
        levels = sorted(
            {level for occupation_levels in offered.values() for level in occupation_levels},
            key=lambda level: -level.number,
        )
        filters = CatalogueFilter(request.GET, levels=levels)
        occupations = Occupation.objects.child_of(self).live().order_by("path")
        if filters.is_valid():
            data = filters.cleaned_data
            if data.get("kind"):
                occupations = occupations.filter(kind=data["kind"])
            if data.get("level") is not None:
                occupations = occupations.filter(levels__number=data["level"]).distinct()
            if data.get("shortage"):
                occupations = occupations.filter(shortage=True)
        # A catalogue holds tens of occupations: one query, paginated in memory.
        page_obj = Paginator(list(occupations), PER_PAGE).get_page(request.GET.get("page"))
        items = list(page_obj.object_list)
        for occupation in items:
            occupation.offered_levels = offered.get(occupation.pk, [])
        library = attach_package_counts(self, items)
        context.update(
            filters=filters,
            page_obj=page_obj,
            occupations=items,
            module_library=library,
            is_filtered=any(request.GET.get(name) for name in ("kind", "level", "shortage")),
        )
        return context


def offered_levels(section):
    """{occupation id: [levels, entry level first]} for every live occupation of the catalogue, in one query."""
    through = Occupation.levels.through
    pairs = through.objects.filter(occupation__path__startswith=section.path, occupation__live=True).select_related(
        "skilllevel"
    )
    offered = {}
    for pair in pairs:
        offered.setdefault(pair.occupation_id, []).append(pair.skilllevel)
    for levels in offered.values():
        levels.sort(key=lambda level: -level.number)
    return offered


def attach_package_counts(section, occupations):
    """Count each occupation's live packages and find the module library, in one query by tree path."""
    for occupation in occupations:
        occupation.package_count = 0
    by_path = {o.path: o for o in occupations}
    library = None
    rows = Page.objects.live().filter(
        Q(depth=section.depth + 2, trainingpackage__isnull=False, path__startswith=section.path)
        | Q(depth=section.depth + 1, modulelibrary__isnull=False, path__startswith=section.path)
    )
    for row in rows:
        if row.depth == section.depth + 1:
            library = row
            continue
        owner = by_path.get(row.path[: -Page.steplen])
        if owner is not None:
            owner.package_count += 1
    return library


class Occupation(LeanPageMixin, BasePage):
    """职业（工种）or 专项职业能力: what a trainee is trained for, with the levels it offers."""

    code = models.CharField(
        _("职业代码"),
        max_length=20,
        blank=True,
        null=True,
        unique=True,
        validators=[OCCUPATION_CODE_VALIDATOR],
        help_text=_("《职业分类大典》代码，如 4-10-01-05；工种别名和专项职业能力可留空。"),
        error_messages={"unique": _("已有使用此代码的职业。")},
    )
    kind = models.CharField(_("类别"), max_length=20, choices=OccupationKind.choices, default=OccupationKind.OCCUPATION)
    alias_names = models.CharField(
        _("别名"), max_length=255, blank=True, help_text=_("旧称或俗称，多个用顿号“、”分隔，如：保育员")
    )
    shortage = models.BooleanField(_("急需紧缺"), default=False)
    subsidy = models.BooleanField(_("纳入补贴性培训"), default=False)
    levels = ParentalManyToManyField(SkillLevel, verbose_name=_("开设等级"), blank=True, related_name="occupations")
    standard_title = models.CharField(_("国家职业技能标准"), max_length=200, blank=True)
    standard_year = models.PositiveSmallIntegerField(
        _("标准版本（年）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1949), MaxValueValidator(2100)],
    )
    summary = models.TextField(_("职业简介"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
                FieldPanel("alias_names"),
                FieldRowPanel([FieldPanel("shortage"), FieldPanel("subsidy")]),
                FieldPanel("levels", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("职业信息"),
        ),
        FieldRowPanel([FieldPanel("standard_title"), FieldPanel("standard_year")], heading=_("职业技能标准")),
        FieldPanel("summary"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("summary"),
        index.SearchField("alias_names"),
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.FilterField("code"),
        index.FilterField("kind"),
        index.FilterField("shortage"),
        index.FilterField("subsidy"),
    ]
    api_fields = [
        APIField("code"),
        APIField("kind"),
        APIField("alias_list"),
        APIField("shortage"),
        APIField("subsidy"),
        APIField("level_numbers"),
        APIField("standard_title"),
        APIField("standard_year"),
        APIField("summary"),
    ]

    base_form_class = OccupationForm
    parent_page_types = ["curricula.CurriculaIndexPage"]
    subpage_types = ["curricula.TrainingPackage"]

    class Meta:
        verbose_name = _("职业（工种）")
        verbose_name_plural = _("职业（工种）")

    def clean(self):
        super().clean()
        self.code = (self.code or "").strip() or None
        if self.kind == OccupationKind.SPECIAL_ABILITY:
            count = len(self.levels.all())
            if count != 1:
                message = _("专项职业能力只有一个考核等级：请只选择一个等级（当前选择了 %(count)s 个）。")
                raise ValidationError({"levels": message % {"count": count}})

    @property
    def alias_list(self):
        return split_aliases(self.alias_names)

    @property
    def level_numbers(self):
        return [level.number for level in sorted(self.levels.all(), key=lambda level: -level.number)]

    @property
    def reference(self):
        """How imports and modules name this occupation: its code, or its name when it has none."""
        return self.code or self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        levels = sorted(self.levels.all(), key=lambda level: -level.number)
        packages = list(
            TrainingPackage.objects.child_of(self)
            .live()
            .select_related("level")
            .annotate(
                theory_sum=Sum("package_modules__module__theory_hours", filter=Q(package_modules__module__live=True)),
                practice_sum=Sum(
                    "package_modules__module__practice_hours", filter=Q(package_modules__module__live=True)
                ),
                module_count=Count("package_modules", filter=Q(package_modules__module__live=True)),
            )
            .order_by("-level__number", "path")
        )
        for package in packages:
            package.annotated_totals = HourTotals(package.theory_sum or Decimal(0), package.practice_sum or Decimal(0))
        groups = [(level, [p for p in packages if p.level_id == level.pk]) for level in levels]
        offered = {level.pk for level in levels}
        others = [p for p in packages if p.level_id not in offered]
        if others:
            groups.append((None, others))
        context.update(level_groups=groups, package_count=len(packages))
        return context

    def search_document(self) -> dict:
        flags = [label for flag, label in ((self.shortage, "急需紧缺"), (self.subsidy, "补贴性培训")) if flag]
        standard = f"{self.standard_title}（{self.standard_year}年版）" if self.standard_title else ""
        levels = self.level_numbers
        return {
            "type": "occupation",
            "title": self.title,
            "text": " ".join(part for part in [self.intro, self.summary, "、".join(self.alias_list), standard] if part),
            "date": self.last_published_at.date() if self.last_published_at else None,
            "occupation": self.reference,
            "level": levels[0] if self.kind == OccupationKind.SPECIAL_ABILITY and levels else None,
            "year": None,
            "tags": [str(self.get_kind_display()), *flags, *self.alias_list],
            "codes": [self.code] if self.code else [],
        }


class ModuleLibrary(LeanPageMixin, BasePage):
    """课程模块库: every course module lives here once and is reused by any number of packages."""

    api_fields = [APIField("intro")]
    parent_page_types = ["curricula.CurriculaIndexPage"]
    subpage_types = ["curricula.CourseModule"]
    max_count = 1

    class Meta:
        verbose_name = _("课程模块库")
        verbose_name_plural = _("课程模块库")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for every module; the occupation filter's choices come from the same rows.
        modules = list(
            CourseModule.objects.child_of(self)
            .live()
            .select_related("owner_occupation")
            .order_by("code")
            .defer("body", "materials", "outcomes")
        )
        owners = {module.owner_occupation.pk: module.owner_occupation for module in modules if module.owner_occupation}
        selected = request.GET.get("occupation", "")
        if selected == "common":
            modules = [module for module in modules if module.owner_occupation_id is None]
        elif selected.isdigit():
            modules = [module for module in modules if module.owner_occupation_id == int(selected)]
        page_obj = Paginator(modules, PER_PAGE * 2).get_page(request.GET.get("page"))
        context.update(
            page_obj=page_obj,
            modules=list(page_obj.object_list),
            occupation_choices=sorted(owners.values(), key=lambda occupation: occupation.path),
            selected_occupation=selected,
        )
        return context


class CourseModuleTag(TaggedItemBase):
    content_object = ParentalKey("curricula.CourseModule", on_delete=models.CASCADE, related_name="tagged_items")


class CourseModule(LeanPageMixin, BasePage):
    """课程模块: written once, reused in every package that needs it; edit it once and every package changes."""

    code = models.CharField(
        _("模块代码"),
        max_length=40,
        unique=True,
        validators=[CURRICULUM_CODE],
        error_messages={"unique": _("已有使用此代码的课程模块。")},
    )
    owner_occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("所属职业"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="modules",
        help_text=_("留空表示通用模块（如职业道德），可被多个职业的培训包使用。"),
    )
    outcomes = models.TextField(_("学习目标"), blank=True, help_text=_("每行一条，如：能协助老年人进食进水"))
    theory_hours = hours_field(_("理论学时"), default=Decimal(0))
    practice_hours = hours_field(_("实操学时"), default=Decimal(0))
    body = models.TextField(
        _("正文（Markdown）"), blank=True, help_text=_("用 Markdown 编写：## 小标题、- 列表、1. 步骤")
    )
    materials = StreamField(MaterialsBlock(), verbose_name=_("教学资料"), blank=True)
    prerequisites = ParentalManyToManyField(
        "self", verbose_name=_("先修模块"), symmetrical=False, blank=True, related_name="required_by"
    )
    tags = ClusterTaggableManager(through=CourseModuleTag, verbose_name=_("标签"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("code"), FieldPanel("owner_occupation")]),
        FieldRowPanel([FieldPanel("theory_hours"), FieldPanel("practice_hours")], heading=_("学时")),
        FieldPanel("outcomes"),
        FieldPanel("body"),
        FieldPanel("materials"),
        FieldPanel("prerequisites", widget=forms.SelectMultiple),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("outcomes"),
        index.SearchField("body"),
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.FilterField("code"),
        index.FilterField("owner_occupation"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("code"),
        APIField("occupation_reference"),
        APIField("outcome_list"),
        APIField("theory_hours"),
        APIField("practice_hours"),
        APIField("total_hours"),
        APIField("body"),
        APIField("body_html"),
        APIField("materials"),
        APIField("prerequisite_codes"),
        APIField("tag_names"),
    ]

    base_form_class = CourseModuleForm
    parent_page_types = ["curricula.ModuleLibrary"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("课程模块")
        verbose_name_plural = _("课程模块")

    def cache_dependencies(self):
        """The module page lists its prerequisites and the packages that use it (cms.cache)."""
        ids = list(self.prerequisites.values_list("pk", flat=True))
        return ids + list(self.package_usages.values_list("page_id", flat=True))

    def clean(self):
        super().clean()
        prerequisites = list(self.prerequisites.all())
        if self.pk and any(module.pk == self.pk for module in prerequisites):
            raise ValidationError({"prerequisites": _("课程模块不能以自己为先修模块。")})
        if self.pk and prerequisites:
            cycle = find_cycle(self.pk, {**prerequisite_edges(exclude=self.pk), self.pk: [m.pk for m in prerequisites]})
            if cycle:
                codes = dict(CourseModule.objects.filter(pk__in=cycle).values_list("pk", "code"))
                codes[self.pk] = self.code
                message = _("先修模块形成循环：%(cycle)s") % {"cycle": " → ".join(codes[pk] for pk in cycle)}
                raise ValidationError({"prerequisites": message})

    @property
    def total_hours(self):
        return (self.theory_hours or Decimal(0)) + (self.practice_hours or Decimal(0))

    @property
    def outcome_list(self):
        return split_lines(self.outcomes)

    @property
    def body_html(self):
        return render_markdown(self.body)

    @property
    def occupation_reference(self):
        return self.owner_occupation.reference if self.owner_occupation_id else None

    @property
    def prerequisite_codes(self):
        return sorted(module.code for module in self.prerequisites.all())

    @property
    def tag_names(self):
        return sorted(tag.name for tag in self.tags.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            prerequisites = sorted((m for m in self.prerequisites.all() if m.live), key=lambda m: m.code)
            packages = [usage.page for usage in self.package_usages.filter(page__live=True).select_related("page")]
            attach_occupations(packages)
            for package in packages:
                package.occupation_title = package.parent_occupation.title if package.parent_occupation else ""
        else:
            prerequisites, packages = self.related_pages()
        context.update(prerequisites=prerequisites, used_by=packages, tag_list=self.tag_names, body_html=self.body_html)
        return context

    def related_pages(self):
        """Live prerequisites and the live packages using this module, with their occupations, in one query."""
        through = CourseModule.prerequisites.through
        prerequisite_ids = through.objects.filter(from_coursemodule_id=self.pk).values("to_coursemodule_id")
        package_ids = PackageModule.objects.filter(module_id=self.pk).values("page_id")
        parent_title = Page.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        ).values("title")[:1]
        rows = (
            Page.objects.live()
            .filter(Q(pk__in=prerequisite_ids) | Q(pk__in=package_ids))
            .select_related("coursemodule", "trainingpackage__level")
            .annotate(parent_title=Subquery(parent_title))
            .order_by("path")
        )
        prerequisites, packages = [], []
        for row in rows:
            specific = specific_from_join(row)
            if isinstance(specific, TrainingPackage):
                specific.occupation_title = row.parent_title
                packages.append(specific)
            elif isinstance(specific, CourseModule):
                prerequisites.append(specific)
        prerequisites.sort(key=lambda module: module.code)
        return prerequisites, packages

    def search_document(self) -> dict:
        occupation = self.owner_occupation if self.owner_occupation_id else None
        codes = [self.code]
        if occupation and occupation.code:
            codes.append(occupation.code)
        return {
            "type": "module",
            "title": self.title,
            "text": " ".join(
                part for part in [self.intro, " ".join(self.outcome_list), markdown_to_text(self.body)] if part
            ),
            "date": self.last_published_at.date() if self.last_published_at else None,
            "occupation": occupation.reference if occupation else None,
            "level": None,
            "year": None,
            "tags": self.tag_names,
            "codes": codes,
        }


def prerequisite_edges(exclude=None):
    """Every module's prerequisites as {module id: [ids]}, in one query."""
    edges = {}
    through = CourseModule.prerequisites.through
    for source, target in through.objects.values_list("from_coursemodule_id", "to_coursemodule_id"):
        if source != exclude:
            edges.setdefault(source, []).append(target)
    return edges


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

    def module_rows(self):
        """The module sequence, live modules only, in order; one query when read from the database."""
        rows = self.package_modules.all()
        if isinstance(rows, models.QuerySet):
            rows = rows.select_related("module")
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
        rows = self.module_rows()
        context.update(rows=rows, totals=self.totals(rows), occupation=self.parent_occupation)
        return context

    @path("export/csv/", name="export_csv")
    def export_csv(self, request):
        return package_csv_response(self)

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
        CourseModule, verbose_name=_("课程模块"), on_delete=models.CASCADE, related_name="package_usages"
    )

    panels = [PageChooserPanel("module", page_type="curricula.CourseModule")]

    class Meta(Orderable.Meta):
        verbose_name = _("培训包中的课程模块")
        verbose_name_plural = _("培训包中的课程模块")

    def __str__(self):
        return f"{self.page_id} · {self.module_id}"
