"""The Chinese segmentation shared by the SQLite and PostgreSQL flavours of the database backend."""

from __future__ import annotations

from modelsearch.index import RelatedFields
from modelsearch.query import Phrase, PlainText

from search.analysis import index_text
from search.query_analysis import analyse_query

from .query_syntax import AND


def plain_text(query):
    """The user's words of a PlainText or Phrase query (a Chinese phrase is matched as its segmented words)."""
    if isinstance(query, PlainText):
        return query.query_string, query.operator.lower()
    if isinstance(query, Phrase):
        return query.query_string, AND
    return None, None


class ChineseIndexerMixin:
    """Segment every value before modelsearch stores it, when the indexer works for one of our backends. Titles
    (and fields declared with pinyin=True) also get pinyin keys, so `yanglao` and `ylhly` find 养老护理员."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.chinese = getattr(backend, "segments_chinese", False)
        self._analysed = {}

    def prepare_field(self, obj, field):
        if not self.chinese or isinstance(field, RelatedFields):
            yield from super().prepare_field(obj, field)  # related sub-fields come back through this method
            return
        pinyin = field.field_name == "title" or bool(field.kwargs.get("pinyin"))
        for *head, value in super().prepare_field(obj, field):
            yield (*head, self._analyse(value, pinyin))

    def _analyse(self, value, pinyin):
        key = (value, pinyin)
        if key not in self._analysed:
            self._analysed[key] = index_text(value or "", pinyin=pinyin)
        return self._analysed[key]


class ChineseQueryMixin:
    def search(self, config, start, stop, score_field=None, **kwargs):
        text, _ = plain_text(self.query)
        if text is not None and not analyse_query(text):
            return self.queryset.none()  # nothing searchable in the query (only punctuation or spaces)
        return super().search(config, start, stop, score_field=score_field, **kwargs)
