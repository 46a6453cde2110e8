"""Results of an event and their two-step announcement (公示, then 正式公布)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.cache import page_change_tags
from cms.reference import LEVEL_MAX, LEVEL_MIN, SkillLevel

from ..choices import AnnouncementState, Award
from ..privacy import mask_names, split_names
from .base import RESULTS_CACHE_TAG, reindex_event_on_commit, results_cache_tag


class ResultEntry(models.Model):
    """One line of an event's results: an individual competitor or a team. Never holds ID or phone numbers."""

    event = models.ForeignKey(
        "competitions.CompetitionEvent", verbose_name=_("赛事"), on_delete=models.CASCADE, related_name="results"
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

    @property
    def award_label(self) -> str:
        """get_award_display() without rebuilding (and translating) every choice on each call: a results table
        shows hundreds of rows."""
        return choice_labels(Award).get(self.award, self.award)

    @property
    def promoted_level_label(self):
        return choice_labels(SkillLevel).get(self.promoted_level, self.promoted_level)


def choice_labels(choices) -> dict:
    """The choices' labels in the active language, translated once per language and process (they are code)."""
    key = (choices, get_language())
    labels = _CHOICE_LABELS.get(key)
    if labels is None:
        labels = _CHOICE_LABELS[key] = {value: str(label) for value, label in choices.choices}
    return labels


_CHOICE_LABELS: dict = {}


class ResultAnnouncement(models.Model):
    """Where an event's results stand: 未公布 → 公示 (notice period) → 正式公布, and who moved them.

    The two steps are made by different people (four-eyes); see competitions.announcements.
    """

    event = models.OneToOneField(
        "competitions.CompetitionEvent",
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
