"""Policy documents: rendering, anchors, table of contents, status, validation, search contract, query budget."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from policy.choices import DocumentStatus
from policy.models import PolicyDocument

from .factories import publish

pytestmark = pytest.mark.django_db


def test_seed_document_renders_every_section_and_clause_with_its_anchor(client, seed_document):
    response = client.get(seed_document.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "川人社办发〔2021〕26号" in html
    for number in range(1, 5):
        assert f'id="section-{number}"' in html
    for number in range(1, 14):
        assert f'id="clause-{number}"' in html
    assert html.count('id="clause-') == 13
    # The table of contents points at exactly those anchors.
    toc = html[html.index('aria-labelledby="toc-heading"') : html.index("</nav>", html.index("toc-heading"))]
    assert re.findall(r'href="#(clause-\d+)"', toc) == [f"clause-{number}" for number in range(1, 14)]
    assert "（十二）</span>加大培训补贴政策落实力度" in html
    assert "培养培训养老护理员 14 万人次以上" in html
    assert "四川省妇女联合会" in html
    assert "现行有效" in html


def test_clause_url_resolves_to_an_anchor_in_the_rendered_page(client, seed_document):
    url = seed_document.clause_url("十二")
    assert url == f"{seed_document.url}#clause-12"
    path, anchor = url.split("#")
    html = client.get(path).content.decode()
    assert f'id="{anchor}"' in html
    assert seed_document.clause_anchor("十四") is None
    assert seed_document.clause_url("十四") == seed_document.url


def test_anchors_follow_the_numeral_not_the_position(policy_index):
    """Editors may reorder clauses; the anchor of （十二） stays clause-12."""
    page = PolicyDocument(
        title="乱序文件",
        slug="shuffled",
        body=[
            {
                "type": "section",
                "value": {
                    "numeral": "二",
                    "heading": "乙",
                    "intro": "",
                    "clauses": [{"numeral": "十二", "title": "", "text": "后。", "items": []}],
                },
            },
            {
                "type": "section",
                "value": {
                    "numeral": "一",
                    "heading": "甲",
                    "intro": "",
                    "clauses": [
                        {"numeral": "一", "title": "", "text": "前。", "items": [{"number": "1", "text": "x"}]}
                    ],
                },
            },
        ],
    )
    publish(policy_index, page)
    assert [section["anchor"] for section in page.sections] == ["section-2", "section-1"]
    assert page.clause_anchor("十二") == "clause-12"
    assert page.sections[1]["clauses"][0]["items"][0]["anchor"] == "clause-1-item-1"


def test_restarted_clause_numbers_get_section_scoped_anchors(policy_index):
    body = [
        {
            "type": "section",
            "value": {
                "numeral": numeral,
                "heading": numeral,
                "intro": "",
                "clauses": [{"numeral": "一", "text": "x。"}],
            },
        }
        for numeral in ("一", "二")
    ]
    page = publish(policy_index, PolicyDocument(title="分章编号", slug="restart", body=body))
    assert page.clause_anchor("一") is None  # ambiguous without the section
    assert page.clause_anchor("一", "二") == "section-2-clause-1"


def test_status_in_force_expired_superseded_and_not_yet(policy_index, seed_document):
    day = datetime.date(2025, 1, 1)
    assert seed_document.status_on(day) == DocumentStatus.IN_FORCE
    seed_document.effective_date = datetime.date(2026, 1, 1)
    assert seed_document.status_on(day) == DocumentStatus.NOT_YET_EFFECTIVE
    seed_document.expiry_date = datetime.date(2026, 12, 31)
    assert seed_document.status_on(datetime.date(2027, 1, 1)) == DocumentStatus.EXPIRED
    newer = publish(policy_index, PolicyDocument(title="新文件", slug="newer", document_number="测试发〔2030〕1号"))
    seed_document.superseded_by = newer
    assert seed_document.status_on(day) == DocumentStatus.SUPERSEDED
    seed_document.save_revision().publish()


def test_superseded_document_links_to_its_successor(client, policy_index, seed_document):
    newer = publish(policy_index, PolicyDocument(title="替代它的新文件", slug="newer"))
    seed_document.superseded_by = newer
    seed_document.save_revision().publish()
    html = client.get(seed_document.url).content.decode()
    assert "已被替代" in html
    assert f'href="{newer.url}"' in html


def test_document_validation_names_the_field(policy_index, seed_document):
    page = PolicyDocument(title="坏文号", slug="bad", document_number="第26号")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "document_number" in error.value.message_dict
    duplicate = PolicyDocument(title="重复", slug="dup", document_number="川人社办发[2021]26号")
    with pytest.raises(ValidationError) as error:
        duplicate.clean()
    assert "已被" in error.value.message_dict["document_number"][0]
    dates = PolicyDocument(
        title="日期", slug="dates", issue_date=datetime.date(2030, 5, 1), expiry_date=datetime.date(2030, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        dates.clean()
    assert "expiry_date" in error.value.message_dict


def test_body_blocks_validate_numerals_and_numbering():
    from wagtail.blocks.stream_block import StreamBlockValidationError

    from policy.blocks import DocumentBodyBlock

    block = DocumentBodyBlock()
    value = block.to_python(
        [
            {"type": "section", "value": {"numeral": "一", "heading": "甲", "clauses": []}},
            {"type": "section", "value": {"numeral": "1", "heading": "乙", "clauses": []}},
        ]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert "重复" in str(error.value.as_json_data())
    bad_clause = block.to_python(
        [
            {
                "type": "section",
                "value": {
                    "numeral": "一",
                    "heading": "甲",
                    "clauses": [{"numeral": "第一条", "text": "x", "items": [{"number": "2", "text": "y"}]}],
                },
            }
        ]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(bad_clause)
    messages = str(error.value.as_json_data())
    assert "不是汉字数字" in messages
    assert "从 1 开始连续编号" in messages


def test_document_search_contract(seed_document):
    document = seed_document.search_document()
    assert document["type"] == "policy"
    assert document["title"] == seed_document.title
    assert document["date"] == datetime.date(2021, 6, 16)
    assert document["year"] == 2021
    assert document["level"] is None and document["occupation"] is None
    assert {"川人社办发〔2021〕26号", "川人社办发", "2021 26"} <= set(document["codes"])
    assert "培养培训养老护理员 14 万人次以上" in document["text"]
    assert "<" not in document["text"]
    assert set(document) == {"type", "title", "text", "date", "occupation", "level", "year", "tags", "codes"}


def test_document_page_renders_in_at_most_10_queries(
    client, policy_index, seed_document, django_assert_max_num_queries
):
    from policy.models import PolicyExplainer, PolicyExplainerDocument

    for number in range(3):  # listings do not grow the query count
        explainer = PolicyExplainer(title=f"解读 {number}", slug=f"explainer-{number}", summary="摘要")
        explainer.explained_documents = [PolicyExplainerDocument(document=seed_document)]
        publish(policy_index, explainer)
    client.get(seed_document.url)
    with django_assert_max_num_queries(10):
        response = client.get(seed_document.url)
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == 3


def test_share_metadata(client, seed_document):
    html = client.get(seed_document.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{seed_document.title}">' in html
    assert 'property="og:url" content="http://' in html
    assert 'rel="alternate" type="application/atom+xml"' in html
