"""Full-text query strings (search.backends.query_syntax): alternatives implied by another one are left out, and the
shorter query matches exactly the documents the full one did, in the real full-text index."""

import pytest
from django.db import connection
from wagtail.search.models import IndexEntry

from search import synonyms
from search.backends.query_syntax import essential_alternatives, fts5_query, tsquery
from search.query_analysis import analyse_query
from search.tests.corpus import build_corpus

QUERIES = ["养老", "老人噎住了怎么办", "保姆", "养老服务 补贴", "养老护理员 培训补贴", "失智"]


@pytest.fixture
def table():
    return synonyms.SynonymTable.build([[term, *variants] for term, variants in synonyms.default_groups()])


def test_an_alternative_holding_all_tokens_of_another_is_dropped():
    alternatives = (
        ("养老",),
        ("养老", "服务"),
        ("老", "服务"),
        ("老年", "服务"),
        ("服务", "老"),
        ("服务", "老年", "人"),
    )
    assert essential_alternatives(alternatives) == [("养老",), ("老", "服务"), ("老年", "服务")]
    # Neither implies the other: the whole word and its dictionary words are different index tokens.
    assert essential_alternatives((("养老护理员",), ("养老", "护理员"))) == [("养老护理员",), ("养老", "护理员")]
    assert essential_alternatives([]) == []


def test_养老_expands_to_three_alternatives_not_four(table):
    query = analyse_query("养老", table)
    assert ("养老", "服务") in query.groups[0].alternatives  # the analysis still knows it (highlighting, ES)
    assert fts5_query(query) == '("养老" OR ("老" AND "服务") OR ("老年" AND "服务"))'
    assert tsquery(query) == "('养老' | ('老' & '服务') | ('老年' & '服务'))"
    assert fts5_query(query, prefix_last=True) == '("养老"* OR ("老"* AND "服务"*) OR ("老年"* AND "服务"*))'
    subsidy = fts5_query(analyse_query("补贴", table))
    assert '"补贴"' in subsidy and '"培训" AND "补贴"' not in subsidy and '"国家" AND "补贴"' not in subsidy


def _every_alternative(query) -> str:
    """The query as it was built before: every alternative of every group, implied or not."""

    def join(parts, operator):
        return parts[0] if len(parts) == 1 else "(" + f" {operator} ".join(parts) + ")"

    if connection.vendor == "postgresql":
        groups = [join([join([f"'{t}'" for t in alt], "&") for alt in g.alternatives], "|") for g in query.groups]
        return join(groups, "&")
    groups = [join([join([f'"{t}"' for t in alt], "AND") for alt in g.alternatives], "OR") for g in query.groups]
    return join(groups, "AND")


def _matches(expression: str) -> set[int]:
    entries = connection.ops.quote_name(IndexEntry._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT e.id FROM {entries} e WHERE e.body @@ to_tsquery('simple', %s) "  # noqa: S608
                "OR e.title @@ to_tsquery('simple', %s)",
                [expression, expression],
            )
        else:
            fts = connection.ops.quote_name(f"{IndexEntry._meta.db_table}_fts")
            cursor.execute(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [f"{{title body}} : ({expression})"])  # noqa: S608
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_the_shorter_query_matches_the_same_documents(sections, table):
    build_corpus(sections)
    found, shortened = {}, []
    for text in QUERIES:
        query = analyse_query(text, table)
        built = tsquery(query) if connection.vendor == "postgresql" else fts5_query(query)
        full = _every_alternative(query)
        if len(built) < len(full):
            shortened.append(text)
        found[text] = _matches(built)
        assert found[text] == _matches(full), text
    assert found["养老"] and found["保姆"]  # the comparison is about real matches, not two empty sets
    assert "养老" in shortened and "保姆" in shortened
