"""Issue 19: the policy pages' queries cost the same however many pages the site has, with SQLite's planner
statistics as the 50× bench site has them (the site runs ANALYZE after bulk loads, cms.db_statistics). Counted in
SQLite VM steps, not timed: a walk over every page costs steps per page added, an index lookup does not."""

import pytest
from django.db import connection
from django.test import RequestFactory

from cms.db_statistics import analyse
from cms.tests.many_pages import add_pages_elsewhere
from cms.tests.sqlite_steps import sqlite_steps
from policy.models import CampaignCalendar, CampaignExplainer

from .factories import publish

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")]
EXTRA_PAGES = 300
# sqlite_stat1 on the 50× bench site (18,564 pages, about 980 per page type, 200 campaign-explainer links): with
# these the planner chose to walk every page in path order for a few ids, which a test's small tree never shows.
FIFTY_TIMES_STATISTICS = {
    "policy_campaignexplainer_explainer_id_8f8b9a51": "200 200",
    "policy_campaignexplainer_campaign_id_de2161c3": "200 1",
    "sqlite_autoindex_policy_campaignexplainer_1": "200 1 1",
    "policy_policyexplainer_share_image_id_ed8342e5": "50 50",
    "cms_page_url_path": "18564 1",
    "cms_page_path_nocase": "18564 1",
    "wagtailcore_page_latest_revision_id_e60fef51": "18564 11",
    "wagtailcore_page_alias_of_id_12945502": "18564 18564",
    "wagtailcore_page_locale_id_3c7e30a6": "18564 18564",
    "wagtailcore_page_locked_by_id_bcb86245": "18564 18564",
    "wagtailcore_page_live_revision_id_930bd822": "18564 11",
    "wagtailcore_page_first_published_at_2b5dd637": "18564 11",
    "wagtailcore_page_owner_id_fbf7c332": "18564 18564",
    "wagtailcore_page_content_type_id_c28424df": "18564 978",
    "wagtailcore_page_slug_e7c11b8f": "18564 1",
    "wagtailcore_page_translation_key_locale_id_9b041bad_uniq": "18564 1 1",
    "sqlite_autoindex_wagtailcore_page_1": "18564 1",
}


def add_pages(count: int = EXTRA_PAGES) -> None:
    """Many pages elsewhere in the tree (as the scale bench's)."""
    add_pages_elsewhere(count)


def fifty_times_statistics() -> None:
    """Fresh statistics, the page and link tables' as on the 50× site (ANALYZE sqlite_schema: the planner rereads
    them)."""
    analyse()
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE sqlite_stat1 SET stat = %s WHERE idx = %s",
            [(stat, index) for index, stat in FIFTY_TIMES_STATISTICS.items()],
        )
        cursor.execute("ANALYZE sqlite_schema")


def assert_flat(function) -> None:
    fifty_times_statistics()
    before = sqlite_steps(function)
    add_pages()
    fifty_times_statistics()
    after = sqlite_steps(function)
    assert after < before * 1.5 + 50, f"{before} → {after} steps with {EXTRA_PAGES} more pages"


def test_a_campaigns_explainers_and_calendar_are_looked_up_not_found_by_walking_the_tree(
    policy_index, explainer, make_campaign
):
    calendar = publish(policy_index, CampaignCalendar(title="宣传活动日历", slug="calendar"))
    campaign = make_campaign(live=False)
    campaign.explainer_links = [CampaignExplainer(explainer=explainer)]
    campaign.save_revision().publish()
    request = RequestFactory().get(campaign.url)
    assert campaign.linked_pages(request) == ([explainer], calendar)
    assert_flat(lambda: campaign.linked_pages(request))
