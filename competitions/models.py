"""Skill competitions: series, events (one edition or stage), their results and the winners hall.

Results are a plain model (thousands of rows per event, bulk-imported), not pages. The announcement state
(公示 → 正式公布) lives in its own row beside the event page so that page revisions never roll it back.
"""

from collections import Counter

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.cache import page_change_tags
from cms.models import BasePage
from cms.reference import CITY_NAMES, LEVEL_MAX, LEVEL_MIN, OCCUPATION_CODE_VALIDATOR, SkillLevel
from cms.routing import ViewRestrictionsMixin
from search.indexing import index_page

from .blocks import RoundsBlock
from .choices import AnnouncementState, Award, EventStatus, Stage, Tier
from .exporter import results_csv_response, results_json_response
from .forms import WinnersFilterForm
from .privacy import mask_names, split_names
from .routing import route_below
from .status import event_status

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul", "document-link"]


def plain_text(html: str) -> str:
    """Rich text without markup, for search documents."""
    return " ".join(strip_tags(html or "").split())


RESULTS_CACHE_TAG = "results"


def reindex_event_on_commit(event_id) -> None:
    """Results and their announcement state change without a page publish: refresh the event's search documents
    (winners become searchable once final) after the transaction commits."""

    def reindex():
        event = CompetitionEvent.objects.filter(pk=event_id).first()
        if event is not None:
            index_page(event)

    transaction.on_commit(reindex)


def results_cache_tag(event_id) -> str:
    """The page-cache tag of one event's results (see cms.cache)."""
    return f"results:{event_id}"


class OccupationFields(models.Model):
    """The occupation an event or series is about, as text: the curricula app is not a dependency."""

    occupation_name = models.CharField(
        _("职业（工种）"), max_length=60, blank=True, help_text=_("例如：养老护理员、家政服务员")
    )
    occupation_code = models.CharField(
        _("职业编码"),
        max_length=20,
        blank=True,
        validators=[OCCUPATION_CODE_VALIDATOR],
        help_text=_("职业分类大典编码，例如 4-10-01-05；没有编码的工种留空。"),
    )

    class Meta:
        abstract = True

    @property
    def occupation_label(self) -> str:
        if self.occupation_name and self.occupation_code:
            return f"{self.occupation_name}（{self.occupation_code}）"
        return self.occupation_name or self.occupation_code


class CompetitionIndexPage(ViewRestrictionsMixin, BasePage):
    """技能竞赛: the root of the competitions section, listing events (current and upcoming first) and series."""

    EVENTS_SHOWN = 40

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["competitions.Competition", "competitions.WinnersHall"]
    max_count = 1

    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("技能竞赛")

    def route(self, request, path_components):
        if path_components:
            return route_below(self, request, path_components)
        return super().route(request, path_components)

    def listed_events(self, today=None) -> tuple[list, list]:
        """(current and upcoming events, soonest first; past events, latest first), in one query."""
        today = today or timezone.localdate()
        is_current = Q(last_date__gte=today)
        events = list(
            CompetitionEvent.objects.live()
            .descendant_of(self)
            .select_related("announcement")
            .annotate(last_date=Coalesce("end_date", "start_date"))
            .order_by(
                Case(When(is_current, then=Value(0)), default=Value(1)),
                Case(When(is_current, then=F("start_date"))).asc(nulls_last=True),
                F("start_date").desc(),
                "path",
            )[: self.EVENTS_SHOWN]
        )
        current = [event for event in events if event.last_date >= today]
        return current, events[len(current) :]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["current_events"], context["past_events"] = self.listed_events()
        # Series and the winners hall in one query: the series' own fields come along through the join.
        children = list(
            self.get_children()
            .live()
            .annotate(
                series_tier=F("competition__tier"),
                series_intro=F("competition__intro"),
                series_occupation=F("competition__occupation_name"),
            )
            .order_by("path")
        )
        series_type = ContentType.objects.get_for_model(Competition)
        hall_type = ContentType.objects.get_for_model(WinnersHall)
        context["series"] = [child for child in children if child.content_type_id == series_type.pk]
        for child in context["series"]:
            child.tier_label = Tier(child.series_tier).label if child.series_tier else ""
        context["winners_hall"] = next((child for child in children if child.content_type_id == hall_type.pk), None)
        return context


class Competition(ViewRestrictionsMixin, OccupationFields, BasePage):
    """A competition series (e.g. 四川省养老护理职业技能竞赛) that holds one event page per edition or stage."""

    organiser = models.CharField(_("主办单位"), max_length=200, blank=True)
    tier = models.CharField(_("级别"), max_length=20, choices=Tier, default=Tier.PROVINCIAL)
    body = RichTextField(_("竞赛介绍"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("tier"), FieldPanel("organiser")]),
        FieldRowPanel([FieldPanel("occupation_name"), FieldPanel("occupation_code")]),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("occupation_name"),
        index.SearchField("organiser"),
        index.FilterField("tier"),
        index.FilterField("occupation_code"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("tier"),
        APIField("organiser"),
        APIField("occupation_name"),
        APIField("occupation_code"),
        APIField("body"),
    ]

    parent_page_types = ["competitions.CompetitionIndexPage"]
    subpage_types = ["competitions.CompetitionEvent"]

    class Meta:
        verbose_name = _("竞赛系列")
        verbose_name_plural = _("竞赛系列")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = list(
            CompetitionEvent.objects.live().child_of(self).select_related("announcement").order_by("-start_date")
        )
        return context

    def search_document(self) -> dict:
        return {
            "type": "competition",
            "title": self.title,
            "text": " ".join(filter(None, [self.intro, plain_text(self.body), self.organiser])),
            "date": None,
            "occupation": self.occupation_code or self.occupation_name or None,
            "level": None,
            "year": None,
            "tags": [str(self.get_tier_display()), *filter(None, [self.occupation_name])],
            "codes": [self.occupation_code] if self.occupation_code else [],
        }


class CompetitionEvent(ViewRestrictionsMixin, RoutablePageMixin, OccupationFields, BasePage):
    """One edition or stage of a series (e.g. 2025 年决赛): dates, rounds, registration and its results."""

    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(1949), MaxValueValidator(2100)], db_index=True
    )
    stage = models.CharField(_("赛段"), max_length=20, choices=Stage, default=Stage.FINAL)
    tier = models.CharField(_("级别"), max_length=20, choices=Tier, default=Tier.PROVINCIAL)
    skill_name = models.CharField(
        _("竞赛项目"), max_length=100, blank=True, help_text=_("与职业名称不同时填写，例如：健康和社会照护")
    )
    curricula_occupation = models.ForeignKey(
        "curricula.Occupation",
        verbose_name=_("职业（工种）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competition_events",
        help_text=_("从课程中心的职业中选择；职业名称和编码随之填写。"),
    )
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True, help_text=_("一天完成的比赛留空"))
    registration_opens = models.DateField(_("报名开始"), null=True, blank=True)
    registration_closes = models.DateField(_("报名截止"), null=True, blank=True)
    venue = models.CharField(_("比赛地点"), max_length=200, blank=True)
    organiser = models.CharField(_("主办单位"), max_length=200, blank=True)
    registration_info = RichTextField(_("报名须知"), blank=True, features=RICH_TEXT_FEATURES)
    rules_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("竞赛规则（文件）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rounds = StreamField(RoundsBlock(), verbose_name=_("比赛环节"), blank=True)
    body = RichTextField(_("比赛说明"), blank=True, features=RICH_TEXT_FEATURES)
    for_poverty_alleviated = models.BooleanField(
        _("面向脱贫劳动力"), default=False, help_text=_("专为脱贫劳动力（含监测对象）举办的赛事")
    )
    worldskills_aligned = models.BooleanField(_("对接世界技能大赛"), default=False)
    worldskills_skill_number = models.PositiveSmallIntegerField(
        _("世赛项目编号"), null=True, blank=True, help_text=_("例如：健康和社会照护为第 41 项")
    )
    worldskills_skill_name = models.CharField(_("世赛项目名称"), max_length=100, blank=True)
    results_note = models.TextField(_("成绩说明"), blank=True, help_text=_("显示在成绩表上方，例如评分办法"))
    mask_names_when_final = models.BooleanField(
        _("正式公布后隐去名字"),
        default=False,
        help_text=_("正式公布后在名单中显示为“张*华”；公示期间始终显示全名。"),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("stage"), FieldPanel("tier")]),
                FieldPanel("curricula_occupation", widget=forms.Select),
                FieldPanel("skill_name"),
                FieldRowPanel([FieldPanel("for_poverty_alleviated"), FieldPanel("worldskills_aligned")]),
                FieldRowPanel([FieldPanel("worldskills_skill_number"), FieldPanel("worldskills_skill_name")]),
            ],
            heading=_("赛事信息"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
                FieldPanel("venue"),
                FieldPanel("organiser"),
            ],
            heading=_("时间与地点"),
        ),
        FieldPanel("registration_info"),
        FieldPanel("rules_document"),
        FieldPanel("rounds"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "成绩通过页面顶部的“导入成绩”按钮上传（CSV 或 XLSX），再通过“公示”按钮发布公示；"
                        "公示期满后由另一位编辑确认正式公布。全部赛事的进度见左侧菜单“成绩公布”。"
                    )
                ),
                FieldPanel("results_note"),
                FieldPanel("mask_names_when_final"),
            ],
            heading=_("成绩"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("occupation_name"),
        index.SearchField("skill_name"),
        index.SearchField("venue"),
        index.SearchField("organiser"),
        index.FilterField("year"),
        index.FilterField("stage"),
        index.FilterField("tier"),
        index.FilterField("occupation_code"),
        index.FilterField("start_date"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("year"),
        APIField("stage"),
        APIField("tier"),
        APIField("occupation_name"),
        APIField("occupation_code"),
        APIField("skill_name"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("registration_opens"),
        APIField("registration_closes"),
        APIField("venue"),
        APIField("organiser"),
        APIField("registration_info"),
        APIField("rules_document"),
        APIField("rounds"),
        APIField("body"),
        APIField("for_poverty_alleviated"),
        APIField("worldskills_aligned"),
        APIField("worldskills_skill_number"),
        APIField("worldskills_skill_name"),
        APIField("status"),
        APIField("announcement_state"),
    ]

    parent_page_types = ["competitions.Competition"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("竞赛赛事")
        verbose_name_plural = _("竞赛赛事")

    def save(self, *args, **kwargs):
        # The occupation's name and code are kept on the event for search, filters and exports (one query less
        # on every listing); the chosen occupation is the source.
        if self.curricula_occupation_id:
            occupation = self.curricula_occupation
            self.occupation_name, self.occupation_code = occupation.title, occupation.code or ""
        return super().save(*args, **kwargs)

    def cache_dependencies(self):
        """Results rows are bulk-imported without signals; the importer invalidates this tag."""
        return [results_cache_tag(self.pk)]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("结束日期不能早于开始日期。")
        if self.registration_opens and self.registration_closes and self.registration_closes < self.registration_opens:
            errors["registration_closes"] = _("报名截止日期不能早于报名开始日期。")
        last_day = self.end_date or self.start_date
        if self.registration_closes and last_day and self.registration_closes > last_day:
            errors["registration_closes"] = _("报名截止日期不能晚于比赛结束日期。")
        if self.worldskills_skill_number and not self.worldskills_aligned:
            errors["worldskills_aligned"] = _("填写了世赛项目编号，请同时勾选“对接世界技能大赛”。")
        if errors:
            raise ValidationError(errors)

    # Status and announcement -------------------------------------------------------------------------------

    def get_status(self, today=None) -> EventStatus:
        return event_status(
            self.start_date, self.end_date, self.registration_opens, self.registration_closes, today=today
        )

    @property
    def status(self) -> str:
        return self.get_status().value

    @property
    def status_label(self) -> str:
        return self.get_status().label

    @property
    def last_day(self):
        return self.end_date or self.start_date

    def get_announcement(self) -> "ResultAnnouncement":
        """The announcement row, or an unsaved one in state 未公布 (rows are created on the first action)."""
        try:
            return self.announcement
        except ResultAnnouncement.DoesNotExist:
            return ResultAnnouncement(event=self)

    @property
    def announcement_state(self) -> str:
        return self.get_announcement().state

    @property
    def results_public(self) -> bool:
        """Results are shown from the start of public notice on; before that they are an internal draft."""
        return self.announcement_state in (AnnouncementState.NOTICE, AnnouncementState.FINAL)

    @property
    def names_masked(self) -> bool:
        """Names are shown in full during 公示; after 正式公布 the organiser may mask them."""
        return self.mask_names_when_final and self.announcement_state == AnnouncementState.FINAL

    def public_results(self) -> list["ResultEntry"]:
        """The results visible to the public, each with `display_name` already masked when it must be."""
        if not self.results_public:
            return []
        entries = list(self.results.all())
        masked = self.names_masked
        for entry in entries:
            entry.display_name = entry.get_display_name(masked)
        return entries

    # Public views ------------------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        results = self.public_results()
        counts = Counter(entry.award for entry in results if entry.award)
        context.update(
            announcement=self.get_announcement(),
            results=results,
            individual_results=[entry for entry in results if not entry.is_team],
            podium=[entry for entry in results if not entry.is_team][:3] or results[:3],
            team_results=[entry for entry in results if entry.is_team],
            award_counts=[(label, counts[value]) for value, label in Award.choices if counts[value]],
            has_standardised=any(entry.standardised_score is not None for entry in results),
            has_levels=any(entry.promoted_level for entry in results),
            has_honours=any(entry.honour for entry in results),
        )
        return context

    @path("results/csv/", name="results_csv")
    def results_csv(self, request):
        if not self.results_public:
            raise Http404
        return results_csv_response(self, self.public_results())

    @path("results/json/", name="results_json")
    def results_json(self, request):
        if not self.results_public:
            raise Http404
        return results_json_response(self, self.public_results(), request)

    # Search contract ---------------------------------------------------------------------------------------

    def _tags(self) -> list[str]:
        tags = [str(self.get_tier_display()), str(self.get_stage_display())]
        if self.occupation_name:
            tags.append(self.occupation_name)
        if self.skill_name:
            tags.append(self.skill_name)
        if self.for_poverty_alleviated:
            tags.append("脱贫劳动力")
        if self.worldskills_aligned:
            tags.append("世界技能大赛")
        return tags

    def _codes(self) -> list[str]:
        codes = [self.occupation_code] if self.occupation_code else []
        if self.worldskills_skill_number:
            codes.append(f"WS{self.worldskills_skill_number}")
        return codes

    def search_document(self) -> dict:
        rounds = [child.value["name"] for child in self.rounds]
        return {
            "type": "competition",
            "title": self.title,
            "text": " ".join(
                filter(
                    None,
                    [
                        self.intro,
                        plain_text(self.body),
                        "、".join(rounds),
                        self.venue,
                        self.organiser,
                        plain_text(self.registration_info),
                    ],
                )
            ),
            "date": self.start_date,
            "occupation": self.occupation_code or self.occupation_name or None,
            "level": None,
            "year": self.year,
            "tags": self._tags(),
            "codes": self._codes(),
        }

    def extra_search_documents(self) -> list[dict]:
        """One "result" document per award winner, once the results are final."""
        if not self.live or self.announcement_state != AnnouncementState.FINAL:
            return []
        url = self.url or ""
        masked = self.names_masked
        documents = []
        for entry in self.results.exclude(award=""):
            name = entry.get_display_name(masked)
            award = str(entry.get_award_display())
            documents.append(
                {
                    "type": "result",
                    "title": f"{name} · {award} · {self.title}",
                    "text": " ".join(filter(None, [name, entry.organisation, entry.city, award, entry.honour])),
                    "date": self.last_day,
                    "occupation": self.occupation_code or self.occupation_name or None,
                    "level": entry.promoted_level,
                    "year": self.year,
                    "tags": [award, *filter(None, [entry.city, entry.honour])],
                    "codes": [],
                    "url": f"{url}#{entry.anchor}",
                }
            )
        return documents


class WinnersHall(ViewRestrictionsMixin, BasePage):
    """获奖名单: winners of every finally announced event, filterable by occupation, year, city and award."""

    PER_PAGE = 50

    api_fields = [APIField("intro")]

    parent_page_types = ["competitions.CompetitionIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("获奖名单")
        verbose_name_plural = _("获奖名单")

    @staticmethod
    def winners():
        """Entries with an award from live events whose results are final (公示 results are not yet winners)."""
        return ResultEntry.objects.filter(event__live=True, event__announcement__state=AnnouncementState.FINAL).exclude(
            award=""
        )

    def cache_dependencies(self):
        """Winners of every event are listed here: any results import or announcement drops the cached page."""
        return [RESULTS_CACHE_TAG]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One grouped query gives both the filter options and the per-award counts under any filter.
        groups = list(
            self.winners()
            .order_by()
            .values_list("event__occupation_name", "event__year", "city", "award")
            .annotate(n=Count("id"))
        )
        form = WinnersFilterForm(
            request.GET or None,
            occupations=sorted({occupation for occupation, *_rest in groups if occupation}),
            years=sorted({year for _occupation, year, *_rest in groups}, reverse=True),
            cities=sort_cities({city for _occupation, _year, city, *_rest in groups if city}),
        )
        chosen = {}
        if form.is_bound:
            form.is_valid()  # a value that is not among the choices is reported and ignored
            chosen = {name: value for name, value in form.cleaned_data.items() if value}
        filters = Q()
        if "occupation" in chosen:
            filters &= Q(event__occupation_name=chosen["occupation"])
        if "year" in chosen:
            filters &= Q(event__year=int(chosen["year"]))
        if "city" in chosen:
            filters &= Q(city=chosen["city"])
        if "award" in chosen:
            filters &= Q(award=chosen["award"])

        def selected(group):
            occupation, year, city, award, _n = group
            return (
                chosen.get("occupation", occupation) == occupation
                and chosen.get("year", str(year)) == str(year)
                and chosen.get("city", city) == city
                and chosen.get("award", award) == award
            )

        counts = Counter()
        for group in filter(selected, groups):
            counts[group[3]] += group[4]
        total = sum(counts.values())
        rows = (
            self.winners()
            .filter(filters)
            .select_related("event")
            .order_by("-event__start_date", "event__path", "rank", "pk")
        )
        paginator = Paginator(rows, self.PER_PAGE)
        paginator.count = total  # known from the grouped counts: saves a COUNT query
        try:
            page_obj = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        for entry in page_obj.object_list:
            entry.display_name = entry.get_display_name(entry.event.mask_names_when_final)
        # A list of one event's winners (e.g. filtered down to it) names the event once instead of on every row.
        events = {entry.event_id: entry.event for entry in page_obj.object_list}
        single_event = next(iter(events.values())) if len(events) == 1 else None
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page_obj=page_obj,
            total=total,
            award_counts=[(value, label, counts[value]) for value, label in Award.choices if counts[value]],
            query_string=query.urlencode(),
            single_event=single_event,
        )
        return context


def sort_cities(cities) -> list[str]:
    """Sichuan's 市州 in their official order, then places outside Sichuan alphabetically."""
    order = {city: index for index, city in enumerate(CITY_NAMES)}
    return sorted(cities, key=lambda city: (order.get(city, len(order)), city))


class ResultEntry(models.Model):
    """One line of an event's results: an individual competitor or a team. Never holds ID or phone numbers."""

    event = models.ForeignKey(
        CompetitionEvent, verbose_name=_("赛事"), on_delete=models.CASCADE, related_name="results"
    )
    rank = models.PositiveIntegerField(_("名次"), validators=[MinValueValidator(1)])
    tied = models.BooleanField(_("并列"), default=False)
    name = models.CharField(_("姓名"), max_length=200, help_text=_("团体赛填写成员姓名，用“、”分隔"))
    organisation = models.CharField(_("单位"), max_length=200, blank=True)
    city = models.CharField(_("市州"), max_length=50, blank=True, help_text=_("四川省 21 个市州之一，或省外地名"))
    raw_score = models.DecimalField(_("成绩"), max_digits=7, decimal_places=2, null=True, blank=True)
    standardised_score = models.DecimalField(_("标准分"), max_digits=7, decimal_places=2, null=True, blank=True)
    award = models.CharField(_("奖项"), max_length=20, choices=Award, blank=True)
    promoted_level = models.PositiveSmallIntegerField(_("晋升等级"), choices=SkillLevel, null=True, blank=True)
    honour = models.CharField(_("荣誉"), max_length=100, blank=True, help_text=_("例如：全国技术能手"))
    is_team = models.BooleanField(_("团体"), default=False)
    team_name = models.CharField(_("队名"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("成绩")
        verbose_name_plural = _("成绩")
        ordering = ["event", "is_team", "rank", "pk"]
        indexes = [
            models.Index(fields=["event", "is_team", "rank"], name="competitions_result_rank"),
            models.Index(fields=["award"], name="competitions_result_award"),
            models.Index(fields=["city"], name="competitions_result_city"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rank__gte=1), name="competitions_result_rank_positive"),
            models.CheckConstraint(
                condition=Q(promoted_level__isnull=True)
                | Q(promoted_level__gte=LEVEL_MIN, promoted_level__lte=LEVEL_MAX),
                name="competitions_result_level_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(is_team=True) | Q(team_name=""), name="competitions_result_team_name_only_for_teams"
            ),
        ]

    def __str__(self):
        return f"{self.rank}. {self.team_name or self.name}"

    @property
    def anchor(self) -> str:
        return f"result-{self.pk}"

    @property
    def members(self) -> list[str]:
        return split_names(self.name) if self.is_team else [self.name]

    def get_display_name(self, masked: bool) -> str:
        return mask_names(self.name) if masked else self.name


class ResultAnnouncement(models.Model):
    """Where an event's results stand: 未公布 → 公示 (notice period) → 正式公布, and who moved them.

    The two steps are made by different people (four-eyes); see competitions.announcements.
    """

    event = models.OneToOneField(
        CompetitionEvent,
        verbose_name=_("赛事"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="announcement",
    )
    state = models.CharField(_("公布状态"), max_length=10, choices=AnnouncementState, default=AnnouncementState.NONE)
    notice_start = models.DateField(_("公示开始"), null=True, blank=True)
    notice_end = models.DateField(_("公示结束"), null=True, blank=True)
    objection_contact = models.CharField(_("异议受理联系方式"), max_length=200, blank=True)
    notice_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("公示发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notice_published_at = models.DateTimeField(_("公示发布时间"), null=True, blank=True)
    final_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("正式公布确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    final_confirmed_at = models.DateTimeField(_("正式公布时间"), null=True, blank=True)
    early_reason = models.TextField(
        _("提前公布说明"), blank=True, help_text=_("公示期结束前由站点管理正式公布时填写，显示在赛事页面上")
    )

    class Meta:
        verbose_name = _("成绩公布")
        verbose_name_plural = _("成绩公布")

    def __str__(self):
        return f"{self.event_id}: {self.get_state_display()}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        reindex_event_on_commit(self.event_id)

    def cache_invalidates(self):
        """The event page and the winners hall show the announcement state (cms.cache), and so do the event cards
        on the listings above the event (series, section, home): their subtree tags go too."""
        return [results_cache_tag(self.event_id), RESULTS_CACHE_TAG, *page_change_tags(self.event, nav=False)]

    def notice_period_over(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(self.notice_end and today > self.notice_end)
