"""开班计划: one class a provider runs for a training package (or an occupation and level)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.reference import LEVEL_SHORT_NAMES, SkillLevel

from ..cache import CACHE_TAG
from ..choices import ClassStatus
from ..status import class_status
from .lookups import occupation_of_package
from .phones import phone_list, validate_public_phone

CLASS_CODE = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$", _("开班编号只能包含字母、数字、点、连字符和下划线。"), code="class_code"
)


def class_title(title: str, occupation_title: str, level: int) -> str:
    """The class's name, or “<occupation>（<level>）培训班” when it has none."""
    return title or f"{occupation_title}（{LEVEL_SHORT_NAMES.get(level, '')}）培训班"


class TrainingClass(models.Model):
    code = models.CharField(
        _("开班编号"),
        max_length=40,
        unique=True,
        validators=[CLASS_CODE],
        error_messages={"unique": _("已有使用此编号的开班计划。")},
    )
    title = models.CharField(_("班级名称"), max_length=200, blank=True, help_text=_("留空则按职业和等级生成。"))
    provider = models.ForeignKey(
        "training.Provider", verbose_name=_("培训机构"), on_delete=models.CASCADE, related_name="classes"
    )
    package = models.ForeignKey(
        "curricula.TrainingPackage",
        verbose_name=_("职业培训包"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_classes",
        help_text=_("选择培训包后，职业和等级按培训包填写。"),
    )
    occupation = models.ForeignKey(
        "curricula.Occupation", verbose_name=_("职业"), on_delete=models.CASCADE, related_name="training_classes"
    )
    level = models.PositiveSmallIntegerField(_("等级"), choices=SkillLevel.choices)
    start_date = models.DateField(_("开班日期"), db_index=True)
    end_date = models.DateField(_("结业日期"))
    schedule = models.CharField(_("上课时间"), max_length=200, blank=True, help_text=_("如：周一至周五 9:00–17:00"))
    place = models.CharField(_("上课地点"), max_length=255, blank=True, help_text=_("留空则为机构地址。"))
    seats = models.PositiveIntegerField(_("招生人数"), validators=[MinValueValidator(1)])
    seats_left = models.PositiveIntegerField(_("剩余名额"), help_text=_("0 表示已满。"))
    fee = models.DecimalField(_("培训费（元）"), max_digits=10, decimal_places=2, default=0)
    subsidised = models.BooleanField(_("补贴性培训"), default=False)
    enrol_phone = models.CharField(
        _("报名电话"), max_length=100, blank=True, validators=[validate_public_phone], help_text=_("机构座机或热线。")
    )
    enrol_url = models.URLField(_("在线报名链接"), blank=True)
    enrol_in_person = models.CharField(_("现场报名地点"), max_length=255, blank=True)
    enrol_deadline = models.DateField(_("报名截止日期"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("title")]),
        FieldPanel("provider"),
        MultiFieldPanel(
            [FieldPanel("package"), FieldRowPanel([FieldPanel("occupation"), FieldPanel("level")])],
            heading=_("培训内容"),
        ),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("enrol_deadline")]),
        FieldRowPanel([FieldPanel("schedule"), FieldPanel("place")]),
        FieldRowPanel([FieldPanel("seats"), FieldPanel("seats_left"), FieldPanel("fee"), FieldPanel("subsidised")]),
        MultiFieldPanel(
            [FieldPanel("enrol_phone"), FieldPanel("enrol_url"), FieldPanel("enrol_in_person")],
            heading=_("报名方式"),
        ),
    ]

    class Meta:
        ordering = ["start_date", "code"]
        verbose_name = _("开班计划")
        verbose_name_plural = _("开班计划")
        indexes = [models.Index(fields=["occupation", "level", "start_date"], name="training_class_occ_idx")]

    def __str__(self):
        return f"{self.code} {self.display_title}"

    def clean(self):
        super().clean()
        if self.package_id:
            occupation = occupation_of_package(self.package)
            if occupation is not None:
                self.occupation = occupation
            self.level = self.package.level.number
        errors = self.consistency_errors()
        if errors:
            raise ValidationError(errors)

    def consistency_errors(self) -> dict:
        """Checks across fields (the importer runs them too, after deriving occupation and level itself)."""
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("结业日期不能早于开班日期。")
        if self.seats is not None and self.seats_left is not None and self.seats_left > self.seats:
            errors["seats_left"] = _("剩余名额不能多于招生人数。")
        if self.enrol_deadline and self.end_date and self.enrol_deadline > self.end_date:
            errors["enrol_deadline"] = _("报名截止日期不能晚于结业日期。")
        if not (self.enrol_phone or self.enrol_url or self.enrol_in_person or self.provider_phones()):
            errors["enrol_phone"] = _("请至少填写一种报名方式：电话、链接或现场报名地点。")
        return errors

    def provider_phones(self) -> str:
        provider = self._state.fields_cache.get("provider") or (self.provider if self.provider_id else None)
        return provider.phones if provider is not None else ""

    def cache_invalidates(self):
        return [CACHE_TAG]

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        occupation = self.__dict__.get("_occupation_title") or (self.occupation.title if self.occupation_id else "")
        return class_title("", occupation, self.level)

    @property
    def level_name(self) -> str:
        return LEVEL_SHORT_NAMES.get(self.level, "")

    def status_on(self, today) -> ClassStatus:
        return class_status(self.start_date, self.end_date, self.seats_left, self.enrol_deadline, today)

    @property
    def status(self) -> ClassStatus:
        return self.status_on(timezone.localdate())

    @property
    def venue(self) -> str:
        return self.place or self.provider.address

    @property
    def phone_list(self) -> list[dict]:
        return phone_list(self.enrol_phone or self.provider.phones)

    @property
    def enrolling(self) -> bool:
        return self.status == ClassStatus.ENROLLING
