"""An occupation (职业) or special ability: its levels, standard and training packages."""

from decimal import Decimal

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from cms.models import BasePage
from cms.prepared import PreparedQuery
from cms.reference import OCCUPATION_CODE_VALIDATOR
from cms.sql import constant_sql

from ..choices import OccupationKind
from ..forms import OccupationForm
from ..rules import HourTotals
from ..text import split_aliases
from .levels import SkillLevel
from .routing import PAGE_ROW_FIELDS, LeanPageMixin, page_from_row


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

    # ?city=<市州>: the 报名与补贴 block (training_tags) shows that city's classes and subsidies (cms.cache).
    cache_query_params = ("city",)

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
        packages = self.package_cards()
        groups = [(level, [p for p in packages if p.level_id == level.pk]) for level in levels]
        offered = {level.pk for level in levels}
        others = [p for p in packages if p.level_id not in offered]
        if others:
            groups.append((None, others))
        context.update(
            level_groups=[group for group in groups if group[1]],
            levels=levels,
            levels_without_packages=[level for level, items in groups if level is not None and not items],
            package_count=len(packages),
            related_occupations=[] if packages else self.related_occupations(),
        )
        return context

    def package_cards(self):
        """The live packages, highest level first, each with its live modules' count and hours, built from one
        query of plain rows (a package × module join, summed here): aggregating in SQL and loading whole pages cost
        several times more to build than to run."""
        TrainingPackage = apps.get_model("curricula", "TrainingPackage")
        rows = PACKAGE_CARD_ROWS(self.path, self.depth + 1)
        packages, numbers, hours = {}, {}, {}
        for *page_row, code, intro, summary, level_id, number, theory, practice, module_live in rows:
            pk = page_row[0]
            if pk not in packages:
                packages[pk] = page_from_row(
                    TrainingPackage,
                    dict(zip(PAGE_ROW_FIELDS, page_row, strict=True)),
                    code=code,
                    intro=intro,
                    summary=summary,
                    level_id=level_id,
                )
                numbers[pk], hours[pk] = number, []
            if module_live:
                hours[pk].append((theory or Decimal(0), practice or Decimal(0)))
        for pk, package in packages.items():
            package.module_count = len(hours[pk])
            package.annotated_totals = HourTotals(
                sum((theory for theory, _ in hours[pk]), Decimal(0)),
                sum((practice for _, practice in hours[pk]), Decimal(0)),
            )
        return sorted(packages.values(), key=lambda package: (-numbers[package.pk], package.path))

    def related_occupations(self, limit=4):
        """Occupations beside this one that have live packages, nearest code first (same small category of the
        大典, e.g. 4-10-01), for a trainee who finds none here. One query of plain rows, one per sibling with its
        number of live packages counted in SQL (see live_package_count); pages are built only for the few shown
        (enough fields for their titles, codes and URLs)."""
        # Every occupation is a child of the one catalogue (CurriculaIndexPage.max_count = 1): the occupations'
        # own table is the cheap way in; a tree-path range of the catalogue would walk its modules too.
        rows = [row for row in OTHER_OCCUPATIONS(self.pk) if row["package_count"]]
        rows.sort(key=lambda row: row["path"])
        mine = (self.code or "").split("-")

        def shared_prefix(row):
            count = 0
            for part, theirs in zip(mine, (row["code"] or "").split("-"), strict=False):
                if part != theirs:
                    break
                count += 1
            return count

        rows.sort(key=lambda row: (-shared_prefix(row), -int(row["kind"] == self.kind)))
        related = []
        for row in rows[:limit]:
            occupation = page_from_row(Occupation, row, code=row["code"], kind=row["kind"])
            occupation.package_count = row["package_count"]
            related.append(occupation)
        return related

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


# The number of live packages of the outer query's occupation: its children, whose tree paths lie between its own
# followed by "0000" and by "ZZZZ" (Wagtail's interval of children), a range of the unique path index that holds
# only them. Counted by `path LIKE 'catalogue%'`, the rows walked every page below the catalogue, the module
# library's modules included (48,000 VM steps at 50× the demo, now 3,300). Constant SQL: as an ORM subquery it
# cost more to build than to run. CROSS JOIN keeps the pages' path range as SQLite's outer loop: with statistics of
# 200 packages it chose to scan every package per occupation instead (1.5 ms for the related occupations at 50×).
LIVE_PACKAGE_COUNT = (
    'SELECT COUNT(*) FROM "wagtailcore_page" P CROSS JOIN "curricula_trainingpackage" T WHERE T."page_ptr_id" = P."id" '
    'AND P."live" AND P."depth" = "wagtailcore_page"."depth" + 1 AND P."path" BETWEEN "wagtailcore_page"."path" '
    "|| '0000' AND \"wagtailcore_page\".\"path\" || 'ZZZZ'"
)


def live_package_count() -> RawSQL:
    return constant_sql(LIVE_PACKAGE_COUNT)


def catalogue_rows(section_path, section_depth):
    """Plain rows (no page objects) of the catalogue's live occupations, each with its number of live packages, and
    of the module library, in one query: what the counts and links of the catalogue need."""
    return CATALOGUE_ROWS(section_path, section_depth + 1)


def package_card_rows_query(path: str, depth: int):
    """An occupation's live packages (its children at `depth`) × their modules, as plain rows (package_cards)."""
    TrainingPackage = apps.get_model("curricula", "TrainingPackage")
    return (
        TrainingPackage.objects.filter(path__startswith=path, depth=depth, live=True)
        .order_by()
        .values_list(
            *PAGE_ROW_FIELDS,
            "code",
            "intro",
            "summary",
            "level_id",
            "level__number",
            "package_modules__module__theory_hours",
            "package_modules__module__practice_hours",
            "package_modules__module__live",
        )
    )


def other_occupations_query(occupation_id: int):
    """Every other live occupation with its number of live packages (related_occupations)."""
    return (
        Occupation.objects.live()
        .exclude(pk=occupation_id)
        .order_by()
        .values(*PAGE_ROW_FIELDS, "code", "kind", package_count=live_package_count())
    )


def catalogue_rows_query(section_path: str, depth: int):
    """The catalogue's children that are occupations or the library; packages counted for occupations only (the
    library's children are its hundreds of modules). Listing the packages instead walked every page below the
    catalogue, modules included (1.5 ms at 50× the demo)."""
    children = Page.objects.live().filter(path__startswith=section_path, depth=depth)
    children = children.filter(Q(occupation__isnull=False) | Q(modulelibrary__isnull=False))
    packages = Case(When(occupation__isnull=False, then=live_package_count()), default=Value(0))
    library = F("modulelibrary__page_ptr_id")
    fields = [*PAGE_ROW_FIELDS, "modulelibrary__intro"]
    return children.order_by().values(*fields, library_id=library, package_count=packages)


CATALOGUE_ROWS = PreparedQuery(catalogue_rows_query, str, int)
PACKAGE_CARD_ROWS = PreparedQuery(package_card_rows_query, str, int)
OTHER_OCCUPATIONS = PreparedQuery(other_occupations_query, int)  # compiled once per process (cms.prepared)


def attach_package_counts(section, occupations):
    """Count each occupation's live packages and find the module library, in one query. The library is built from
    its row with the fields its link needs (title, URL, intro)."""
    for occupation in occupations:
        occupation.package_count = 0
    by_path = {o.path: o for o in occupations}
    library = None
    for row in catalogue_rows(section.path, section.depth):
        if row["library_id"] is not None:
            library = page_from_row(
                apps.get_model("curricula", "ModuleLibrary"), row, intro=row["modulelibrary__intro"]
            )
        elif row["path"] in by_path:
            by_path[row["path"]].package_count = row["package_count"]
    return library
