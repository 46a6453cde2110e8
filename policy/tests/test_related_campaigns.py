"""Issue 19: an explainer shows its newest related campaigns, how many there are and a link to all of them (the
calendar filtered by the explainer), in the same queries whether three campaigns link to it or thirty."""

import datetime
import re

import pytest
from wagtail.models import PageViewRestriction

from policy.models import CampaignCalendar, CampaignExplainer
from policy.models.explainers import RELATED_CAMPAIGNS
from tests.query_counts import page_and_queries

from .factories import publish

pytestmark = pytest.mark.django_db
CARD_TITLE = re.compile(r'<li class="card campaign-card">\s*<h3><a href="[^"]+">宣传周 ([^<]+)</a>')
START = datetime.date(2030, 1, 1)


@pytest.fixture
def calendar(policy_index):
    return publish(policy_index, CampaignCalendar(title="宣传活动日历", slug="calendar"))


def link_campaigns(make_campaign, explainer, numbers, start=START):
    """Live campaigns c<number> linked to the explainer; a higher number starts later."""
    campaigns = []
    for number in numbers:
        campaign = make_campaign(slug=f"c{number:02d}", start=start + datetime.timedelta(days=number), live=False)
        campaign.explainer_links = [CampaignExplainer(explainer=explainer)]
        campaign.save_revision().publish()
        campaigns.append(campaign)
    return campaigns


def test_the_newest_campaigns_a_count_and_a_link_to_all_in_the_same_queries(client, explainer, calendar, make_campaign):
    link_campaigns(make_campaign, explainer, range(3))
    html, few_queries = page_and_queries(client, explainer.url)
    assert CARD_TITLE.findall(html) == ["c02", "c01", "c00"]
    assert "?explainer=" not in html  # all of them are shown: no link

    campaigns = link_campaigns(make_campaign, explainer, range(3, 30))
    make_campaign(slug="unlinked", start=START + datetime.timedelta(days=99))  # newest, not related
    draft = link_campaigns(make_campaign, explainer, [30])[0]
    draft.unpublish()
    PageViewRestriction.objects.create(page=campaigns[-1], restriction_type=PageViewRestriction.LOGIN)  # c29
    html, many_queries = page_and_queries(client, explainer.url)
    assert many_queries == few_queries
    assert RELATED_CAMPAIGNS == 4
    # Newest first, of the 29 live and public ones (c00-c28): not c29 (restricted), c30 (draft), unlinked.
    assert CARD_TITLE.findall(html) == ["c28", "c27", "c26", "c25"]
    link = f'<a href="{calendar.url}?explainer={explainer.pk}">查看全部 29 个相关宣传活动</a>'
    assert link in html


def test_the_calendar_filtered_by_an_explainer_lists_its_campaigns_only(client, explainer, calendar, make_campaign):
    link_campaigns(make_campaign, explainer, range(3))
    make_campaign(slug="unlinked", start=START)
    html, _queries = page_and_queries(client, f"{calendar.url}?explainer={explainer.pk}")
    assert sorted(CARD_TITLE.findall(html)) == ["c00", "c01", "c02"]
    assert f"只显示与政策解读《{explainer.title}》相关的宣传活动。" in html
    assert f'<a href="{explainer.url}">返回政策解读</a>' in html

    everything, _queries = page_and_queries(client, calendar.url)
    assert "unlinked" in CARD_TITLE.findall(everything) and "只显示与政策解读" not in everything
    # Not an explainer, not a number, an unpublished explainer: the whole calendar, not an error.
    for value in ["abc", "999999", str(calendar.pk), "1" * 40]:
        html, _queries = page_and_queries(client, f"{calendar.url}?explainer={value}")
        assert "unlinked" in CARD_TITLE.findall(html) and "只显示与政策解读" not in html, value
    explainer.unpublish()
    html, _queries = page_and_queries(client, f"{calendar.url}?explainer={explainer.pk}")
    assert "unlinked" in CARD_TITLE.findall(html) and explainer.title not in html
