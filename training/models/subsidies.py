"""补贴标准 as data: how much of the fee is subsidised, for what, where, when, and on which policy clause."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.reference import CITY_CHOICES, LEVEL_SHORT_NAMES, SkillLevel

from ..cache import CACHE_TAG
from ..subsidies import overlapping_rules

# 川人社办发〔2021〕26号 第（十二）条 → ("川人社办发〔2021〕26号", "十二")
BASIS_RE = re.compile(r"^\s*(?P<number>.+?号)\s*(?:第\s*)?[（(]?(?P<clause>[一二三四五六七八九十百]+)[)）]?\s*条?\s*$")


def parse_basis(text: str) -> tuple[str, str]:
    """(document number, clause numeral) of a citation, or (text, "") when it names no clause."""
    match = BASIS_RE.match(text or "")
    if not match:
        return (text or "").strip(), ""
    return match["number"].strip(), match["clause"]


class SubsidyRule(models.Model):
    occupation = models.ForeignKey(
        "curricula.Occupation",
        verbose_name=_("职业"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subsidy_rules",
        help_text=_("留空表示所有列入目录的急需紧缺职业。"),
    )
    level = models.PositiveSmallIntegerField(
        _("等级"), choices=SkillLevel.choices, null=True, blank=True, help_text=_("留空表示所有等级。")
    )
    city = models.CharField(
        _("地区"),
        max_length=10,
        choices=CITY_CHOICES,
        blank=True,
        help_text=_("留空表示全省；填写市州则只适用该市州。"),
    )
    amount = models.DecimalField(
        _("补贴金额（元/人）"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    conditions = models.TextField(_("补贴条件"), blank=True)
    valid_from = models.DateField(_("生效日期"))
    valid_to = models.DateField(_("失效日期"), null=True, blank=True, help_text=_("留空表示长期有效。"))
    basis = models.CharField(
        _("政策依据"), max_length=120, blank=True, help_text=_("如：川人社办发〔2021〕26号 第（十二）条")
    )
    policy_document = models.ForeignKey(
        "policy.PolicyDocument",
        verbose_name=_("政策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    clause_anchor = models.CharField(_("条款锚点"), max_length=40, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("occupation"), FieldPanel("level"), FieldPanel("city")]),
        FieldPanel("amount"),
        FieldPanel("conditions"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        MultiFieldPanel([FieldPanel("basis"), FieldPanel("policy_document")], heading=_("政策依据")),
    ]

    class Meta:
        ordering = ["occupation_id", "level", "city", "valid_from"]
        verbose_name = _("补贴标准")
        verbose_name_plural = _("补贴标准")

    def __str__(self):
        occupation = self.occupation.title if self.occupation_id else _("急需紧缺职业")
        level = LEVEL_SHORT_NAMES.get(self.level, _("各等级")) if self.level else _("各等级")
        return f"{occupation} · {level} · {self.city or _('全省')} · {self.amount} 元"

    @property
    def scope_label(self) -> str:
        return self.city or str(_("全省"))

    def clean(self):
        super().clean()
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("失效日期不能早于生效日期。")})
        if self.valid_from:
            others = SubsidyRule.objects.filter(occupation_id=self.occupation_id, level=self.level, city=self.city)
            if self.pk:
                others = others.exclude(pk=self.pk)
            clash = overlapping_rules(self, list(others))
            if clash:
                raise ValidationError(
                    {"valid_from": _("与已有的同一范围补贴标准（%(other)s）有效期重叠。") % {"other": clash[0]}}
                )
        self.link_clause()

    def link_clause(self):
        """Find the cited document by its number and remember the clause's anchor (a stable #clause-N)."""
        number, clause = parse_basis(self.basis)
        if self.policy_document_id is None and number:
            from django.apps import apps

            document_model = apps.get_model("policy", "PolicyDocument")
            self.policy_document = document_model.objects.filter(document_number=number).first()
        self.clause_anchor = ""
        if self.policy_document is not None and clause:
            self.clause_anchor = self.policy_document.clause_anchor(clause) or ""

    def cache_invalidates(self):
        return [CACHE_TAG]

    def basis_url(self) -> str:
        if self.policy_document_id is None:
            return ""
        url = self.policy_document.url or ""
        return f"{url}#{self.clause_anchor}" if self.clause_anchor else url
