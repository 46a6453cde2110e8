"""培训机构: a provider listed in the local 目录清单, with the occupations and levels it is approved to train."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from cms.reference import CITY_CHOICES, LEVEL_SHORT_NAMES, SkillLevel

from ..cache import CACHE_TAG
from ..choices import BaseLevel, ListingStatus, ProviderKind
from ..credit_code import normalise_credit_code, validate_credit_code
from ..status import listing_status
from .phones import phone_list, validate_public_phone


class Provider(ClusterableModel):
    name = models.CharField(_("机构名称"), max_length=200)
    kind = models.CharField(_("机构类型"), max_length=30, choices=ProviderKind.choices)
    base_level = models.CharField(_("基地级别"), max_length=20, choices=BaseLevel.choices, blank=True, default="")
    city = models.CharField(_("市州"), max_length=10, choices=CITY_CHOICES, db_index=True)
    district = models.CharField(_("区县"), max_length=40, blank=True, db_index=True)
    address = models.CharField(_("地址"), max_length=255)
    phones = models.CharField(
        _("咨询电话"),
        max_length=200,
        validators=[validate_public_phone],
        help_text=_("机构的对外咨询电话，多个用顿号或逗号分隔；不要填写个人手机号。"),
    )
    website = models.URLField(_("网站"), blank=True)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        error_messages={"unique": _("已有使用此统一社会信用代码的机构。")},
    )
    listed_from = models.DateField(_("列入目录日期"))
    listed_to = models.DateField(_("目录有效期至"), null=True, blank=True, help_text=_("留空表示长期有效。"))
    intro = models.TextField(_("机构简介"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("base_level")]),
        FieldPanel("credit_code"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("district")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phones"), FieldPanel("website")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("listed_from"), FieldPanel("listed_to")])], heading=_("属地培训机构目录清单")
        ),
        InlinePanel("approvals", heading=_("准予培训的职业和等级"), label=_("职业和等级")),
        FieldPanel("intro"),
    ]

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("培训机构")
        verbose_name_plural = _("培训机构")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.credit_code = normalise_credit_code(self.credit_code)
        if self.listed_to and self.listed_from and self.listed_to < self.listed_from:
            raise ValidationError({"listed_to": _("目录有效期不能早于列入目录日期。")})

    def cache_invalidates(self):
        return [CACHE_TAG]

    def listing_status(self, today=None) -> ListingStatus:
        return listing_status(self.listed_from, self.listed_to, today or timezone.localdate())

    @property
    def status(self) -> ListingStatus:
        return self.listing_status()

    @property
    def phone_list(self) -> list[dict]:
        return phone_list(self.phones)

    @property
    def base_label(self) -> str:
        return self.get_base_level_display() if self.base_level else ""


class ProviderApproval(models.Model):
    """One occupation × level a provider is approved to train (occupations from the curricula catalogue)."""

    provider = ParentalKey(Provider, on_delete=models.CASCADE, related_name="approvals")
    occupation = models.ForeignKey(
        "curricula.Occupation", verbose_name=_("职业"), on_delete=models.CASCADE, related_name="training_approvals"
    )
    level = models.PositiveSmallIntegerField(_("等级"), choices=SkillLevel.choices)

    panels = [FieldRowPanel([FieldPanel("occupation"), FieldPanel("level")])]

    class Meta:
        verbose_name = _("准予培训的职业和等级")
        verbose_name_plural = _("准予培训的职业和等级")
        constraints = [
            models.UniqueConstraint(fields=["provider", "occupation", "level"], name="training_approval_unique")
        ]
        indexes = [models.Index(fields=["occupation", "level"], name="training_approval_occ_idx")]

    def __str__(self):
        return f"{self.occupation_id} {LEVEL_SHORT_NAMES.get(self.level, self.level)}"
