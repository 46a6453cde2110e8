"""The links of the 报名与补贴 block: the directory's URL (kept per process against the global version) follows a
change of the directory page at once, and a rule's policy document link is right though only its link fields load.

No time travel here: tag versions come from the clock, and a frozen clock could repeat one."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms import cache as page_cache

from .factories import make_rule

pytestmark = pytest.mark.django_db

DIRECTORY_LINK = "在培训机构与开班目录中查看全部"


@pytest.fixture
def chrome_memo(settings):
    """As served: the site chrome (and the directory URL) kept per process, the page cache off."""
    settings.CHROME_MEMO_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False
    page_cache._memo.clear()
    page_cache.reset_local_state()
    yield
    page_cache._memo.clear()


def block_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return html[html.index("enrolment-heading") :]


def directory_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return sum('"training_trainingindexpage"' in query["sql"] for query in context.captured_queries)


def test_the_directory_link_follows_a_published_change_at_once(client, chrome_memo, training_index, curricula):
    url = curricula["elder"].url
    client.get(url)  # the first rendering creates the site's settings rows: a global change
    old = training_index.url
    assert f'href="{old}?occupation=4-10-01-05"' in block_of(client, url)
    assert directory_queries(client, url) == 0  # kept: no query for it on later requests

    training_index.slug = "peixun-mulu"
    training_index.save_revision().publish()
    new = Page.objects.get(pk=training_index.pk).url
    assert new != old
    block = block_of(client, url)
    assert f'href="{new}?occupation=4-10-01-05"' in block and f'href="{old}?' not in block

    training_index.unpublish()
    assert DIRECTORY_LINK not in block_of(client, url)
    Page.objects.get(pk=training_index.pk).specific.save_revision().publish()
    assert DIRECTORY_LINK in block_of(client, url)


def test_without_the_memo_the_directory_is_looked_up_each_time(client, settings, training_index, curricula):
    settings.CHROME_MEMO_ENABLED = False
    settings.PAGE_CACHE_ENABLED = False
    url = curricula["elder"].url
    client.get(url)
    assert directory_queries(client, url) == 1


def test_a_rule_links_to_its_policy_clause(client, sections, curricula):
    document_model = apps.get_model("policy", "PolicyDocument")
    document = document_model(title="示例文件", slug="shili-wenjian", document_number="示例发〔2021〕1号")
    sections["policy"].add_child(instance=document)
    basis = "示例发〔2021〕1号 第（二）条"
    make_rule("900", occupation=curricula["elder"], level=4, basis=basis, policy_document=document, clause_anchor="c-2")
    url = curricula["elder"].url
    block = block_of(client, url)
    assert f'<a href="{document.url}#c-2">{basis}</a>' in block and "900 元/人" in block
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    # Loaded with the rules, not one query per rule.
    assert sum('"policy_policydocument"' in query["sql"] for query in context.captured_queries) == 1
