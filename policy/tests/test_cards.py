"""The campaign and page cards written in Python (policy.cards): escaped, dated and badged as the templates were."""

import datetime

import pytest
from django.template.defaultfilters import truncatechars
from django.test import RequestFactory

from policy.cards import campaign_card, page_card
from policy.choices import Occasion
from policy.models import PolicyExplainer
from tests.query_counts import page_and_queries

from .factories import publish

pytestmark = pytest.mark.django_db


def test_a_campaign_card_escapes_and_shows_its_occasion_phase_and_dates(make_campaign):
    campaign = make_campaign(slug="card", start=datetime.date(2030, 7, 13), theme="学技能 <b>有未来</b>")
    campaign.title = "宣传周 <script>"
    html = campaign_card(campaign, RequestFactory().get("/"), today=datetime.date(2030, 8, 1))
    assert '<h3><a href="/policy/card/">宣传周 &lt;script&gt;</a></h3>' in html
    assert "<p>学技能 &lt;b&gt;有未来&lt;/b&gt;</p>" in html
    assert '<span class="badge">世界青年技能日</span>' in html
    assert '<span class="badge badge-muted">已结束</span>' in html
    assert '<time datetime="2030-07-13">2030年7月13日</time>–<time datetime="2030-07-19">7月19日</time>' in html

    campaign.occasion = Occasion.OTHER
    html = campaign_card(campaign, None, today=datetime.date(2030, 7, 1))
    assert '<span class="badge"></span>' not in html and "其他" not in html
    assert '<span class="badge">即将开始</span>' in html


def test_a_page_card_cuts_its_share_description_and_shows_an_optional_meta_line(explainer):
    explainer.search_description = "长" * 100
    html = page_card(explainer, RequestFactory().get("/"), meta="2030年7月1日")
    assert f'<h3><a href="{explainer.url}">{explainer.title}</a></h3>' in html
    assert '<p class="meta">2030年7月1日</p>' in html
    assert f"<p>{truncatechars('长' * 100, 90)}</p>" in html  # as the template's filter cut it
    assert len(truncatechars("长" * 100, 90)) == 90
    explainer.search_description = explainer.intro = explainer.summary = ""
    assert "<p" not in page_card(explainer)


def test_the_index_lists_explainers_with_their_summaries_in_one_query_however_many(client, policy_index, explainer):
    """The index loads only the cards' fields (issue 19): an explainer without an intro still shows its summary,
    and more explainers cost no query each."""
    html, few = page_and_queries(client, policy_index.url)
    assert '<p class="meta">' in html and "<p>一段摘要。</p>" in html
    for number in range(5):
        publish(policy_index, PolicyExplainer(title=f"解读{number}", slug=f"e{number}", summary=f"摘要{number}。"))
    html, many = page_and_queries(client, policy_index.url)
    assert many == few
    assert all(f"<p>摘要{number}。</p>" in html for number in range(5))
