"""`manage.py search_index`, the demo step, and the fast paths agreeing with the slow ones."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.search.models import IndexEntry

from search import indexing
from search.backends.embedded import entry_texts
from search.engines import embedded_engine
from search.models import SearchDocument

pytestmark = pytest.mark.elasticsearch  # also run against a search node (tools/search_node.sh)


@pytest.mark.django_db
def test_rebuild_prints_progress_and_a_summary_per_type(publish):
    publish("养老护理员", "生活照料", document={"type": "occupation"})
    publish(
        "四川省康养职业技能培训计划实施方案", "川人社办发〔2021〕26号", section="policy", document={"type": "policy"}
    )
    out = StringIO()
    call_command("search_index", "rebuild", stdout=out)
    text = out.getvalue()
    assert "收集文档 [" in text and "写入索引 [" in text
    # Plain pages have no search_document(): a rebuild indexes them (and the 5 sections) from the fallback.
    assert "重建完成 / rebuild done: 7 个文档，来自 7 个页面" in text
    assert "更新 2，未变 5" in text and "页面 (page): 7" in text and "文档/秒" in text
    status = StringIO()
    call_command("search_index", "status", stdout=status)
    assert "一致 / in sync" in status.getvalue()


@pytest.mark.django_db
def test_demo_step_is_idempotent(site_tree):
    from search import demo

    messages = []
    demo.load(messages.append)
    first = SearchDocument.objects.values_list("key", "digest", "indexed_at")
    first = sorted(first)
    demo.load(messages.append)
    assert sorted(SearchDocument.objects.values_list("key", "digest", "indexed_at")) == first
    assert "新写入 0" in messages[-1]


@pytest.mark.django_db
def test_bulk_entries_equal_what_the_backend_indexer_writes(publish):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the bulk write path is the SQLite one; PostgreSQL stores tsvectors through the backend")
    publish(
        "养老护理员职业培训包（四级）",
        "康复服务、心理支持",
        document={"type": "package", "tags": ["养老"], "codes": ["4-10-01-05"]},
    )
    document = SearchDocument.objects.get(title="养老护理员职业培训包（四级）")
    entry = IndexEntry.objects.get(content_type__model="searchdocument", object_id=str(document.pk))
    title, body = entry_texts(document.title, document.keywords(), document.text)
    assert (entry.title, entry.autocomplete, entry.body) == (title, title, body)


@pytest.mark.django_db
def test_page_url_fast_path_equals_get_url(publish, sections):
    page = publish("培训机构目录", parent=publish("目录", section="policy"))
    for candidate in [page, sections["curricula"], page.get_parent()]:
        assert indexing.page_url(candidate.specific) == candidate.specific.get_url()


@pytest.mark.django_db
def test_status_notices_a_missing_index(publish):
    publish("健康管理师", "健康咨询")
    IndexEntry.objects.filter(content_type__model="searchdocument").delete()
    assert not embedded_engine().status()["in_sync"]
    summary = indexing.rebuild(full=False)  # an incremental update repairs an index that is out of sync
    assert summary.indexed == summary.documents and embedded_engine().status()["in_sync"]
