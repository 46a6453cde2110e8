"""What every competitions model shares: rich-text features, the results cache tag, occupation fields."""

from django.apps import apps
from django.db import models, transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from cms.reference import OCCUPATION_CODE_VALIDATOR
from search.indexing import index_page

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul", "document-link"]


def plain_text(html: str) -> str:
    """Rich text without markup, for search documents."""
    return " ".join(strip_tags(html or "").split())


RESULTS_CACHE_TAG = "results"


def reindex_event_on_commit(event_id) -> None:
    """Results and their announcement state change without a page publish: refresh the event's search documents
    (winners become searchable once final) after the transaction commits."""

    def reindex():
        event = apps.get_model("competitions", "CompetitionEvent").objects.filter(pk=event_id).first()
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
