"""The Chinese database backend on PostgreSQL full-text search, config `simple` (see search.backends.database)."""

from django.contrib.postgres.search import SearchQuery
from modelsearch.backends.database.postgres import postgres as stock

from search.query_analysis import analyse_query

from .database_chinese import ChineseIndexerMixin, ChineseQueryMixin, plain_text
from .query_syntax import tsquery


class ChinesePostgresObjectIndexer(ChineseIndexerMixin, stock.ObjectIndexer):
    pass


# See database_sqlite: the stock index builds its indexer from this module global.
if not issubclass(stock.ObjectIndexer, ChineseIndexerMixin):
    stock.ObjectIndexer = ChinesePostgresObjectIndexer


class ChinesePostgresSearchQueryCompiler(ChineseQueryMixin, stock.PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        text, operator = plain_text(query)
        if text is None:
            return super().build_tsquery_content(query, config=config, invert=invert)
        expression = tsquery(analyse_query(text), mode=operator, prefix_last=self.LAST_TERM_IS_PREFIX)
        if invert:
            expression = f"!({expression})"
        return SearchQuery(expression, search_type="raw", config=config)


class ChinesePostgresAutocompleteQueryCompiler(
    ChinesePostgresSearchQueryCompiler, stock.PostgresAutocompleteQueryCompiler
):
    pass


class ChinesePostgresSearchBackend(stock.PostgresSearchBackend):
    segments_chinese = True
    query_compiler_class = ChinesePostgresSearchQueryCompiler
    autocomplete_query_compiler_class = ChinesePostgresAutocompleteQueryCompiler

    def __init__(self, params):
        # Our tokens are already words: the `simple` configuration keeps them as they are (no stemming).
        super().__init__({"SEARCH_CONFIG": "simple", **params})


SearchBackend = ChinesePostgresSearchBackend
