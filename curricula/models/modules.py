"""The module library and its course modules (课程模块): hours, outcomes, body, prerequisites."""

from decimal import Decimal
from html import escape  # the standard library's: Django's adds a lazy-value check per call
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.limits import validate_markdown_length
from cms.models import BasePage
from cms.page_tags import page_tags
from cms.page_urls import RowUrls
from cms.paging import page_number
from cms.prepared import PreparedQuery
from cms.safe_markdown import markdown_to_text, render_markdown
from cms.words import once

from ..blocks import MaterialsBlock
from ..forms import CourseModuleForm
from ..graph import find_cycle
from ..rules import CURRICULUM_CODE, PER_PAGE, USED_BY_PER_PAGE, format_hours, hours_field
from ..text import split_lines
from ..widgets import MarkdownEditor, PrerequisiteChooser
from .occupations import Occupation
from .packages import PackageModule, TrainingPackage, attach_occupations
from .routing import PAGE_ROW_FIELDS, LeanPageMixin, page_from_row

# What a row of the library's table needs: code, title and URL, hours, the owner's title.
MODULE_ROW_FIELDS = ("id", "url_path", "title", "code", "theory_hours", "practice_hours")
MODULE_ROW_EXPRESSIONS = {"owner_title": F("owner_occupation__title")}
LIBRARY_ROW = (
    '<tr><td><span class="code">{}</span></td><td><a href="{}">{}</a></td><td>{}</td><td class="num">{}</td></tr>'
)


MODULE_GROUPS_SQL = (
    "SELECT g.owner_id, o.title, g.modules FROM (SELECT m.owner_occupation_id AS owner_id, COUNT(*) AS modules"
    " FROM curricula_coursemodule m INNER JOIN wagtailcore_page p ON p.id = m.page_ptr_id WHERE p.live"
    " GROUP BY m.owner_occupation_id) g LEFT OUTER JOIN wagtailcore_page o ON o.id = g.owner_id ORDER BY o.path"
)


def module_groups() -> list[tuple[int | None, str | None, int]]:
    """(owner occupation's id, its title, live modules) per owner, owners in catalogue order; None: common modules.

    Constant SQL that counts first and joins the few owners after: the ORM's grouped join looked both owner tables
    up for every module (1.3 ms at 50× the demo, against 0.15), and a correlated ORM version took longer to build
    than SQLite took to run it."""
    with connection.cursor() as cursor:
        cursor.execute(MODULE_GROUPS_SQL)
        return [tuple(row) for row in cursor.fetchall()]


class ModuleLibrary(LeanPageMixin, BasePage):
    """课程模块库: every course module lives here once and is reused by any number of packages."""

    api_fields = [APIField("intro")]
    parent_page_types = ["curricula.CurriculaIndexPage"]
    subpage_types = ["curricula.CourseModule"]
    max_count = 1

    class Meta:
        verbose_name = _("课程模块库")
        verbose_name_plural = _("课程模块库")

    # ?occupation=<id>|common filters the library (cms.cache).
    cache_query_params = ("occupation",)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One page of modules from the database (not every module: the library grows to thousands). One grouped
        # query gives the occupation filter's choices and the counts the paginator needs. Every CourseModule is a
        # child of this page (its only parent type; max_count 1), so neither query walks the library's subtree:
        # the rows come in code order from the code index and stop at the page's end.
        groups = module_groups()
        owners = [SimpleNamespace(pk=pk, title=title) for pk, title, _count in groups if pk is not None]
        # Only what a row shows: building full page objects (dozens of fields each) was most of this page's time.
        selected = request.GET.get("occupation", "")
        owner = 0
        if selected == "common":
            groups = [group for group in groups if group[0] is None]
        elif selected.isdigit():
            owner = int(selected)
            groups = [group for group in groups if group[0] == owner]
        # The count is known already (no COUNT query); a page of rows comes from a prepared query (cms.prepared).
        paginator = Paginator(range(sum(count for _pk, _title, count in groups)), PER_PAGE * 2)
        number = paginator.get_page(request.GET.get("page")).number
        shape = ((number - 1) * paginator.per_page, paginator.per_page, selected == "common", bool(owner))
        rows = LIBRARY_ROWS(owner, shape=shape) if paginator.count else []  # no rows: any owner id, even too big
        page_obj = DjangoPage(rows, number, paginator)
        context.update(
            page_obj=page_obj,
            modules=page_obj.object_list,
            module_rows=library_rows(rows, RowUrls(self, request)),
            occupation_choices=owners,
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
        _("正文（Markdown）"),
        blank=True,
        help_text=_("用 Markdown 编写：## 小标题、- 列表、1. 步骤"),
        validators=[validate_markdown_length],
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
        FieldPanel("body", widget=MarkdownEditor),
        FieldPanel("materials"),
        FieldPanel("prerequisites", widget=PrerequisiteChooser),
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

    # ?package=<code>: the package the trainee came from (previous/next and breadcrumb through it).
    cache_query_params = ("package",)

    def cache_dependencies(self):
        """The module page lists its prerequisites and the packages that use it, and, reached from a package,
        that package's other modules (previous/next) (cms.cache)."""
        ids = list(self.prerequisites.values_list("pk", flat=True))
        packages = list(self.package_usages.values_list("page_id", flat=True))
        siblings = PackageModule.objects.filter(page_id__in=packages).values_list("module_id", flat=True)
        return ids + packages + list(siblings)

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
            usages = self.package_usages.filter(page__live=True).select_related("page").order_by("page__path")
            used_by = Paginator(usages, USED_BY_PER_PAGE).get_page(request.GET.get("page"))
            packages = [usage.page for usage in used_by]
            attach_occupations(packages)
            used_by.object_list = [
                used_by_item(
                    package.get_url(request),
                    package.title,
                    package.parent_occupation.title if package.parent_occupation else "",
                    package.level.name,
                )
                for package in packages
            ]
        else:
            prerequisites, used_by = self.related_pages(request.GET.get("page"), request)
        total = used_by.paginator.count  # shown beside the heading when the list has pages
        context.update(
            prerequisites=prerequisites,
            used_by=used_by.object_list,
            used_by_page=used_by,
            used_by_total=once(used_by_words, total) if used_by.paginator.num_pages > 1 else "",
            tag_list=sorted(tag.name for tag in page_tags(self, request)),
            body_html=self.body_html,
        )
        context.update(self.study_flow(request.GET.get("package")))
        return context

    def study_flow(self, code) -> dict:
        """Reached from a live package that uses this module: that package, the previous and next module in it, and
        a breadcrumb through it. Any other value of ?package= is ignored (a visitor's URL, not an error)."""
        if not code or not isinstance(code, str) or len(code) > 40:
            return {}
        package = (
            TrainingPackage.objects.live()
            .filter(code=code, package_modules__module=self)
            .select_related("level")
            .first()
        )
        if package is None:
            return {}
        modules = [row.module for row in package.module_rows()]
        position = next((i for i, module in enumerate(modules) if module.pk == self.pk), None)
        if position is None:
            return {}
        chain = list(package.get_ancestors().filter(depth__gte=2).order_by("path"))
        return {
            "study_package": package,
            "study_position": position + 1,
            "study_count": len(modules),
            "previous_module": modules[position - 1] if position > 0 else None,
            "next_module": modules[position + 1] if position + 1 < len(modules) else None,
            "breadcrumb_pages": [*chain, package],
        }

    def related_pages(self, number=1, request=None):
        """Live prerequisites (all: an editor picks a few) and one page of the live packages using this module (a
        common module is used by hundreds), in one query of plain rows: prerequisites are built with what their
        links show (title, URL, code), the packages' list items straight from their rows (`used_by_item`).

        Returns (prerequisites, page of list items); the page's paginator knows the total without a COUNT query. A
        page number past the end shows the last page (a visitor's URL): one or two queries more, for that URL only."""
        number = page_number(number)
        rows = self._related_rows(number)
        if number > 1 and not any(row["module_code"] is None for row in rows):
            total = rows[0]["used_by_total"] if rows else self._usages().count()
            number = max(-(-total // USED_BY_PER_PAGE), 1)
            rows = self._related_rows(number) if total else rows
        prerequisites, packages = [], []
        urls = RowUrls(self, request)
        for row in rows:
            if row["module_code"] is not None:
                prerequisites.append(page_from_row(CourseModule, row, code=row["module_code"]))
                continue
            packages.append(used_by_item(urls(row), row["title"], row["parent_title"], row["level_name"]))
        prerequisites.sort(key=lambda module: module.code)
        paginator = Paginator(packages, USED_BY_PER_PAGE)
        paginator.count = rows[0]["used_by_total"] if rows else 0  # from the query: no COUNT
        return prerequisites, DjangoPage(packages, number, paginator)

    def _usages(self):
        """The rows of PackageModule by which live packages use this module."""
        return live_usages(self.pk)

    def _related_rows(self, number: int) -> list[dict]:
        """The prerequisites and page `number` of the packages (in tree order, so grouped by occupation), each row
        with the number of packages; compiled once per page number (cms.prepared)."""
        return RELATED_ROWS(self.pk, shape=((number - 1) * USED_BY_PER_PAGE,))

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


USED_BY_ITEM = '<li><a href="{}">{}</a> <span class="meta">{}{}</span></li>'


def used_by_words(total: int) -> str:
    """Beside the "used by" heading when the list has pages."""
    return ngettext("%(counter)s 个培训包", "%(counter)s 个培训包", total) % {"counter": total}


def used_by_item(url: str | None, title: str, occupation_title: str | None, level_name: str) -> SafeString:
    """A package's item in a module's "used by" list. Built here: a package instance (a ClusterableModel) and a
    template loop per item were most of what ten items cost beside one (issue 19)."""
    occupation = f"{escape(occupation_title)} · " if occupation_title else ""
    html = USED_BY_ITEM.format(escape(url or ""), escape(title), occupation, escape(level_name))
    return mark_safe(html)  # noqa: S308 (every value in it is escaped)


def library_rows(rows, urls: RowUrls) -> SafeString:
    """The library table's rows: built here from plain rows, since a page instance and a template loop per row were
    most of what a full page of 24 modules cost beside the demo's 19 (issue 19)."""
    common = escape(gettext("通用"))
    html = "".join(
        LIBRARY_ROW.format(
            escape(row["code"]),
            escape(urls(row) or ""),
            escape(row["title"]),
            escape(row["owner_title"]) if row["owner_title"] else common,
            format_hours((row["theory_hours"] or Decimal(0)) + (row["practice_hours"] or Decimal(0))),
        )
        for row in rows
    )
    return mark_safe(html)  # noqa: S308 (every value in it is escaped or a number)


def prerequisite_edges(exclude=None):
    """Every module's prerequisites as {module id: [ids]}, in one query."""
    edges = {}
    through = CourseModule.prerequisites.through
    for source, target in through.objects.values_list("from_coursemodule_id", "to_coursemodule_id"):
        if source != exclude:
            edges.setdefault(source, []).append(target)
    return edges


def live_usages(module_id: int):
    """The rows of PackageModule by which live packages use a module."""
    return PackageModule.objects.filter(module_id=module_id, page__live=True)


def related_rows_query(module_id: int, first: int):
    """A module's prerequisites and the packages from `first` on that use it. Only the narrow usage rows are sorted
    and counted (subqueries); the pages and their occupations' titles are read for the rows shown."""
    shown = live_usages(module_id).order_by("page__path").values("page_id")[first : first + USED_BY_PER_PAGE]
    total = live_usages(module_id).order_by().values("module_id").annotate(n=Count("pk")).values("n")
    through = CourseModule.prerequisites.through
    prerequisite_ids = through.objects.filter(from_coursemodule_id=module_id).values("to_coursemodule_id")
    parent_title = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    ).values("title")[:1]
    return (
        Page.objects.live()
        .filter(Q(pk__in=prerequisite_ids) | Q(pk__in=shown))
        .order_by("path")
        .values(
            *PAGE_ROW_FIELDS,
            module_code=F("coursemodule__code"),
            level_name=F("trainingpackage__level__name"),
            parent_title=Subquery(parent_title),
            used_by_total=Coalesce(Subquery(total), 0),
        )
    )


def library_rows_query(owner_id: int, offset: int, per_page: int, common_only: bool, by_owner: bool):
    """A page of the library's rows in code order: every module, the common ones, or one occupation's."""
    modules = CourseModule.objects.live().order_by("code").values(*MODULE_ROW_FIELDS, **MODULE_ROW_EXPRESSIONS)
    if common_only:
        modules = modules.filter(owner_occupation__isnull=True)
    elif by_owner:
        modules = modules.filter(owner_occupation_id=owner_id)
    return modules[offset : offset + per_page]


RELATED_ROWS = PreparedQuery(related_rows_query, int)
LIBRARY_ROWS = PreparedQuery(library_rows_query, int)
