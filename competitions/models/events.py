"""One event (赛事) of a series: dates, rounds, results and their downloads."""

from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.models import BasePage
from cms.routing import ViewRestrictionsMixin

from ..blocks import RoundsBlock
from ..choices import AnnouncementState, Award, EventStatus, Stage, Tier
from ..exporter import results_csv_response, results_json_response
from ..status import event_status
from .base import RICH_TEXT_FEATURES, OccupationFields, plain_text, results_cache_tag
from .results import ResultAnnouncement, ResultEntry


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
                FieldRowPanel([FieldPanel("occupation_name"), FieldPanel("occupation_code")]),
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
                        "成绩通过页面顶部的“导入成绩”按钮上传（CSV 或 XLSX），"
                        "再通过“成绩公示”和“正式公布”两步发布；正式公布须由另一位编辑确认。"
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
