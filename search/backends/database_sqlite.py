"""The Chinese database backend on SQLite FTS5 (see search.backends.database)."""

from modelsearch.backends.database.sqlite import sqlite as stock
from modelsearch.backends.database.sqlite.query import LexemeCombinable, SearchQueryExpression

from search.query_analysis import analyse_query

from .database_chinese import ChineseIndexerMixin, ChineseQueryMixin, plain_text
from .query_syntax import fts5_query


class ChineseSQLiteObjectIndexer(ChineseIndexerMixin, stock.ObjectIndexer):
    pass


# modelsearch's SQLiteIndex builds `ObjectIndexer(obj, backend)` from this module global and offers no hook to
# pass another class. The subclass behaves exactly like the stock one unless `backend` is ours, so the stock
# backend (used to measure the baseline) keeps working on the same tables.
if not issubclass(stock.ObjectIndexer, ChineseIndexerMixin):
    stock.ObjectIndexer = ChineseSQLiteObjectIndexer


class FTS5Expression(LexemeCombinable):
    """A complete FTS5 expression, bracketed by us (modelsearch's Lexeme joins terms without brackets)."""

    def __init__(self, expression):
        super().__init__()
        self.expression = expression

    def as_sql(self, compiler, connection):
        return "%s", [self.expression]


class ChineseSQLiteSearchQueryCompiler(ChineseQueryMixin, stock.SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        text, operator = plain_text(query)
        if text is None:
            return super().build_search_query_content(query, config=config)
        expression = fts5_query(analyse_query(text), mode=operator, prefix_last=self.LAST_TERM_IS_PREFIX)
        return SearchQueryExpression(FTS5Expression(expression))


class ChineseSQLiteAutocompleteQueryCompiler(ChineseSQLiteSearchQueryCompiler, stock.SQLiteAutocompleteQueryCompiler):
    pass


class ChineseSQLiteSearchBackend(stock.SQLiteSearchBackend):
    segments_chinese = True
    query_compiler_class = ChineseSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseSQLiteAutocompleteQueryCompiler


SearchBackend = ChineseSQLiteSearchBackend
