from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from cms.models import BasePage

from .vocabulary import DocumentType, occupation_label

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10


class SearchPage(BasePage):
    """搜索: the search page lives in the tree so it appears in navigation at /search/."""

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("搜索")

    def serve(self, request, *args, **kwargs):
        from .views import page_refusal

        return page_refusal(request) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .service import search_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(search_page_context(request, self))
        return context


class SearchDocument(index.Indexed, models.Model):
    """One searchable document: a live, public page (or a result listed on one), flattened by
    `search.indexing` so that filters and facets are plain columns, identical on every database.

    Rows exist only for what the public may see; the full-text index of the embedded backend
    (Wagtail's index tables, fed with segmented text) and of Elasticsearch are built from these rows."""

    key = models.CharField(_("键"), max_length=100, unique=True, help_text=_("page:<id> 或 page:<id>:extra:<n>"))
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, related_name="search_documents"
    )
    type = models.CharField(_("类型"), max_length=20, choices=DocumentType.choices, db_index=True)
    title = models.CharField(_("标题"), max_length=255)
    url = models.CharField(_("链接"), max_length=500)
    text = models.TextField(_("正文"), blank=True)
    date = models.DateField(_("日期"), null=True, blank=True, db_index=True)
    occupation = models.CharField(_("职业"), max_length=100, blank=True, db_index=True)
    level = models.PositiveSmallIntegerField(_("等级"), null=True, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True, db_index=True)
    tags = models.TextField(_("标签"), blank=True, help_text=_("以 | 分隔并包围，便于在任何数据库上按标签筛选。"))
    codes = models.TextField(_("代码"), blank=True)
    expire_at = models.DateTimeField(_("过期时间"), null=True, blank=True)
    digest = models.CharField(_("摘要值"), max_length=40)
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    # Indexed explicitly by search.indexing (in bulk, after the row is final), not on every save.
    search_auto_update = False
    search_fields = [
        index.SearchField("title"),
        index.SearchField("keywords", pinyin=True),
        index.SearchField("text"),
        index.AutocompleteField("title"),
        index.FilterField("type"),
        index.FilterField("occupation"),
        index.FilterField("level"),
        index.FilterField("year"),
    ]

    class Meta:
        verbose_name = _("搜索文档")
        verbose_name_plural = _("搜索文档")
        indexes = [models.Index(fields=["page"], name="search_doc_page_idx")]

    def __str__(self):
        return f"{self.get_type_display()}: {self.title}"

    def get_absolute_url(self):
        return self.url

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split("|") if tag]

    @property
    def code_list(self) -> list[str]:
        return self.codes.split()

    @property
    def occupation_label(self) -> str:
        return occupation_label(self.occupation)

    def keywords(self) -> str:
        """Title, tags, codes and occupation: short fields that also get pinyin keys in the index."""
        parts = [self.title, *self.tag_list, *self.code_list]
        if self.occupation:
            parts += [self.occupation, self.occupation_label]
        return " ".join(parts)


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

    class Meta:
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词")
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} = {self.variants}"

    @property
    def variant_list(self) -> list[str]:
        from .synonyms import split_terms

        return split_terms(self.variants)

    def clean(self):
        from django.core.exceptions import ValidationError

        from .synonyms import MAX_TERM_LENGTH, split_terms

        self.term = " ".join((self.term or "").split())
        variants = [variant for variant in split_terms(self.variants) if variant != self.term]
        if not variants:
            raise ValidationError({"variants": _("请至少填写一个同义词。")})
        too_long = [variant for variant in variants if len(variant) > MAX_TERM_LENGTH]
        if too_long:
            message = _("每个同义词最多 %(max)s 个字符：%(terms)s")
            raise ValidationError({"variants": message % {"max": MAX_TERM_LENGTH, "terms": "、".join(too_long)}})
        self.variants = "、".join(variants)
