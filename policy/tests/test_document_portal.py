"""A policy document as 人社 portals show it: 信息公开 metadata, 原文 PDF and 相关解读 on top, 落款 and 版记 (印发)
after the text; the feed link worded for people, out of the way."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.tests.factories import make_document
from cms.tests.samples import pdf_bytes

pytestmark = pytest.mark.django_db


def test_document_shows_metadata_original_explainer_signature_and_colophon(client, explainer, seed_document):
    original = make_document(pdf_bytes(), "川人社办发2021-26.pdf", title="原文")
    seed_document.index_number = "11510000MB1538245X/2021-00123"
    printed = seed_document.issue_date + datetime.timedelta(days=3)
    seed_document.release_date = datetime.date(2021, 6, 2)
    seed_document.original = original
    seed_document.copied_to = "人力资源社会保障部职业能力建设司"
    seed_document.printed_by = "四川省人力资源和社会保障厅办公室"
    seed_document.printed_date = printed
    seed_document.save_revision().publish()
    html = client.get(seed_document.url).content.decode()
    top = html[html.index('class="doc-header"') : html.index('class="doc-body"')]
    assert "11510000MB1538245X/2021-00123" in top and "2021年6月2日" in top
    for label in ("索引号", "发布机构", "成文日期", "发布日期"):
        assert f'<th scope="row">{label}</th>' in top
    assert f'href="{original.url}"' in top and "原文（PDF）" in top
    assert f"相关解读：{explainer.title}" in top
    tail = html[html.index('class="doc-body"') :]
    assert 'class="doc-signature"' in tail and tail.index('class="doc-signature"') < tail.index('class="doc-colophon"')
    colophon = tail[tail.index('class="doc-colophon"') :]
    assert "抄送：人力资源社会保障部职业能力建设司" in colophon
    assert "四川省人力资源和社会保障厅办公室" in colophon
    assert f"{printed.year}年{printed.month}月{printed.day}日</time>印发" in colophon


def test_publisher_defaults_to_the_first_issuer_and_release_date_to_first_publication(seed_document):
    issuers = list(seed_document.issuers.all())
    assert seed_document.publisher_name() == issuers[0].name
    assert seed_document.published_on is not None


def test_original_must_be_a_pdf_and_printed_after_issued(seed_document):
    from cms.tests.samples import image_bytes

    seed_document.original = make_document(image_bytes(), "scan.png")
    seed_document.printed_date = seed_document.issue_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        seed_document.full_clean()
    assert {"original", "printed_date"} <= set(caught.value.message_dict)


def test_feed_link_is_worded_for_people_and_placed_last(client, policy_index):
    html = client.get(policy_index.url).content.decode()
    assert "订阅更新" not in html and "订阅 RSS，供信息员使用" in html
    main = html[html.index("<main") : html.index("</main>")]
    assert main.rindex("订阅 RSS，供信息员使用") > main.rindex("</section>")
