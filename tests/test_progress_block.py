"""Cross-app: the policy app's 进度 block in a campaign (through progress.public), and the page cache: imported
figures show at once on the 进度 page and on every page with a 进度 block."""

import datetime

import pytest
from django.core.cache import caches
from wagtail.models import PageViewRestriction, Site

from cms import cache as page_cache
from cms.models import SiteSettings
from policy.choices import Occasion
from policy.models import Campaign, PolicyExplainer
from progress.importer import import_figures
from progress.tests.factories import (
    HEADER,
    make_figure,
    make_measure,
    make_population,
    make_progress_page,
    make_target,
    xlsx_bytes,
)
from tests.query_counts import assert_page_queries

pytestmark = pytest.mark.django_db

# Every 进度 block of a page together: the chosen targets with their measures and documents, the 市州 sums, the
# population tables, the 进度 page's link, and whether a view restriction hides that page (as served that comes from
# the per-process memo of restricted subtrees: four queries; the memo is off in tests). Each block once asked for
# its own five (six for the first).
PROGRESS_BLOCKS_QUERIES = 5


@pytest.fixture
def progress_page(home_page):
    return make_progress_page(home_page)


@pytest.fixture
def carer_target(db):
    make_population()
    return make_target(make_measure("养老护理员"), 140_000)


@pytest.fixture
def campaign(sections, carer_target, progress_page):
    page = Campaign(
        title="养老护理员培训宣传周",
        slug="carer-week",
        theme="人人持证",
        occasion=Occasion.WORLD_YOUTH_SKILLS_DAY,
        start_date=datetime.date(2030, 7, 13),
        end_date=datetime.date(2030, 7, 19),
        progress_figures=[
            ("progress", {"target": carer_target, "city": ""}),
            ("progress", {"target": carer_target, "city": "凉山"}),
        ],
    )
    sections["policy"].add_child(instance=page)
    page.save_revision().publish()
    return Campaign.objects.get(pk=page.pk)


@pytest.fixture
def cached(settings, campaign, progress_page):
    """The page cache on, once the site and its pages exist (creating SiteSettings later would be a change)."""
    settings.PAGE_CACHE_ENABLED = True
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    caches["default"].clear()
    page_cache._memo.clear()
    yield
    caches["default"].clear()
    page_cache._memo.clear()


def test_campaign_shows_the_province_and_one_city(client, campaign, carer_target):
    make_figure(carer_target.measure, "凉山", datetime.date(2021, 6, 1), 420)
    make_figure(carer_target.measure, "成都", datetime.date(2021, 6, 1), 1000)
    html = client.get(campaign.url).content.decode()
    assert "全省养老护理员已培训 1,420 人次，目标 140,000" in html
    assert "凉山养老护理员已培训 420 人次，目标" in html  # against 凉山's quota, not the province's target
    assert f"/progress/?target={carer_target.pk}" in html
    assert html.count('class="chart"') == 2


def test_an_import_refreshes_the_cached_progress_page_and_campaign(cached, client, campaign, progress_page):
    for url in (progress_page.url, campaign.url):
        client.get(url)
        assert client.get(url).headers.get("X-Page-Cache") == "hit"
    rows = [HEADER, ["2021-05", "成都", "养老护理员", 777, 500, 0]]
    assert import_figures(xlsx_bytes(rows), "may.xlsx", today=datetime.date(2024, 1, 1)).saved
    for url in (progress_page.url, campaign.url):
        response = client.get(url)
        assert response.headers.get("X-Page-Cache") != "hit"
        assert "777" in response.content.decode()


def test_progress_blocks_cost_a_fixed_number_of_queries_per_page(client, campaign, carer_target):
    two_blocks = assert_page_queries(client, campaign.url, 100)
    campaign.progress_figures = [("progress", {"target": carer_target, "city": ""})]
    campaign.save_revision().publish()
    one_block = assert_page_queries(client, campaign.url, 100)
    campaign.progress_figures = []
    campaign.save_revision().publish()
    no_block = assert_page_queries(client, campaign.url, 100)
    assert one_block - no_block == PROGRESS_BLOCKS_QUERIES, (no_block, one_block, two_blocks)
    assert two_blocks == one_block, (no_block, one_block, two_blocks)


def test_blocks_of_several_targets_show_their_own_figures_in_the_same_queries(client, campaign, carer_target):
    """Three targets (one since deleted) and two 市州 in one page: one batch, each block its own numbers."""
    one_block_campaign = assert_page_queries(client, campaign.url, 100)
    cooks = make_target(make_measure("中式烹调师"), 9_000, split_by_population=False)
    gone = make_target(make_measure("育婴员"), 5_000)
    make_figure(carer_target.measure, "凉山", datetime.date(2021, 6, 1), 420)
    make_figure(carer_target.measure, "成都", datetime.date(2021, 6, 1), 1000)
    make_figure(cooks.measure, "成都", datetime.date(2022, 3, 1), 300)
    make_figure(cooks.measure, "成都", datetime.date(2023, 3, 1), 999)  # after the target's months: not counted
    campaign.progress_figures = [
        ("progress", {"target": carer_target, "city": "成都"}),
        ("progress", {"target": gone, "city": ""}),
        ("progress", {"target": cooks, "city": ""}),
        ("progress", {"target": carer_target, "city": "凉山"}),
    ]
    campaign.save_revision().publish()
    gone.delete()
    html = client.get(campaign.url).content.decode()
    assert html.count('class="chart"') == 3 and "育婴员" not in html
    assert "成都养老护理员已培训 1,000 人次，目标" in html
    assert "凉山养老护理员已培训 420 人次，目标" in html
    assert "全省中式烹调师已培训 300 人次，目标 9,000，完成 3.3%。" in html
    assert html.index("成都养老护理员") < html.index("全省中式烹调师") < html.index("凉山养老护理员")
    assert assert_page_queries(client, campaign.url, 100) == one_block_campaign


def test_an_explainer_pays_for_its_progress_blocks_once(client, sections, carer_target, progress_page):
    """The explainer of the 50× bench made 11 queries as served, 6 of them for its one 进度 block."""
    explainer = PolicyExplainer(
        title="实施方案解读",
        slug="explained",
        summary="一段摘要。",
        progress_figures=[("progress", {"target": carer_target, "city": ""})],
    )
    sections["policy"].add_child(instance=explainer)
    explainer.save_revision().publish()
    html = client.get(explainer.url).content.decode()
    assert "全省养老护理员已培训 0 人次，目标 140,000" in html
    assert f"/progress/?target={carer_target.pk}" in html
    one_block = assert_page_queries(client, explainer.url, 100)
    explainer.progress_figures = [("progress", {"target": carer_target, "city": city}) for city in ("", "成都", "凉山")]
    explainer.save_revision().publish()
    assert client.get(explainer.url).content.decode().count('class="chart"') == 3
    three_blocks = assert_page_queries(client, explainer.url, 100)
    explainer.progress_figures = []
    explainer.save_revision().publish()
    no_block = assert_page_queries(client, explainer.url, 100)
    assert one_block - no_block == PROGRESS_BLOCKS_QUERIES and three_blocks == one_block, (no_block, one_block)


@pytest.mark.parametrize("memo", [False, True])  # the restriction asked for, or found in the restricted subtrees
def test_no_link_to_a_progress_page_behind_a_view_restriction(client, settings, campaign, progress_page, memo):
    settings.CHROME_MEMO_ENABLED = memo
    page_cache._memo.clear()
    assert "/progress/?target=" in client.get(campaign.url).content.decode()
    PageViewRestriction.objects.create(page=progress_page, restriction_type=PageViewRestriction.LOGIN)
    html = client.get(campaign.url).content.decode()
    assert html.count('class="chart"') == 2 and "/progress/?target=" not in html
