"""SynonymGroup: the 同义词 snippet's rows (applied to queries by search.synonyms)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

TERM_SEPARATORS = re.compile(r"[,，、;；\n\r|]+")
MAX_TERM_LENGTH = 30


def split_terms(value: str) -> list[str]:
    """Variants as typed in the admin: separated by commas (half or full width), 、, semicolons or new lines."""
    terms = []
    for part in TERM_SEPARATORS.split(value or ""):
        part = " ".join(part.split())
        if part and part not in terms:
            terms.append(part)
    return terms


class SynonymGroup(models.Model):
    """同义词: a preferred term (the word our pages use) and the words visitors type for it. Applied to every
    search at query time (search.synonyms), so an edit works at once, without a reindex."""

    term = models.CharField(
        _("首选词"), max_length=30, unique=True, help_text=_("页面上使用的词，例如：母婴护理员、压疮、失智。")
    )
    variants = models.TextField(
        _("同义词"),
        help_text=_("访客会输入的其他说法，用逗号、顿号或换行分隔，例如：月嫂、月子护理员。"),
    )
    active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # The default groups come from a data migration; backups (cms.backup) update them instead of refusing.
    seeded_by_migration = True

    class Meta:
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词")
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} = {self.variants}"

    @property
    def variant_list(self) -> list[str]:
        return split_terms(self.variants)

    def clean(self):
        self.term = " ".join((self.term or "").split())
        variants = [variant for variant in split_terms(self.variants) if variant != self.term]
        if not variants:
            raise ValidationError({"variants": _("请至少填写一个同义词。")})
        too_long = [variant for variant in variants if len(variant) > MAX_TERM_LENGTH]
        if too_long:
            message = _("每个同义词最多 %(max)s 个字符：%(terms)s")
            raise ValidationError({"variants": message % {"max": MAX_TERM_LENGTH, "terms": "、".join(too_long)}})
        self.variants = "、".join(variants)
