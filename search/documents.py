"""SearchDocument: the flattened, searchable rows every backend reads (kept apart from SearchPage, which uses
the search service, so that the service, engines and backends can import it without a cycle)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .vocabulary import DocumentType, occupation_label

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10


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
