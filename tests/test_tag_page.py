"""/tags/<slug>/ lists live public pages of every page type that has tags, in a bounded number of queries."""

import pytest

from cms.tags import tagged_page_models

pytestmark = pytest.mark.django_db


def test_every_tagged_page_type_is_discovered():
    labels = {model._meta.label for model in tagged_page_models()}
    assert {"policy.PolicyExplainer", "policy.Campaign"} <= labels
    assert "policy.PolicyDocument" not in labels


def test_tag_page_lists_explainers_and_campaigns_with_that_tag(client, sections):
    from policy.choices import Occasion
    from policy.models import Campaign, PolicyExplainer

    index = sections["policy"]
    explainer = PolicyExplainer(title="养老护理政策解读", slug="e", summary="摘要")
    explainer.tags.add("养老护理")
    campaign = Campaign(
        title="养老护理宣传周",
        slug="c",
        theme="主题",
        occasion=Occasion.VOCATIONAL_EDUCATION_WEEK,
        start_date="2030-05-10",
        end_date="2030-05-16",
    )
    campaign.tags.add("养老护理", "家政服务")
    other = PolicyExplainer(title="家政解读", slug="o", summary="摘要")
    other.tags.add("家政服务")
    draft = PolicyExplainer(title="草稿解读", slug="d", summary="摘要", live=False)
    draft.tags.add("养老护理")
    for page in (explainer, campaign, other):
        index.add_child(instance=page)
        page.save_revision().publish()
    index.add_child(instance=draft)
    draft.save_revision()

    response = client.get("/tags/养老护理/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "标签：养老护理" in html
    assert "养老护理政策解读" in html and "养老护理宣传周" in html
    assert "家政解读" not in html and "草稿解读" not in html
    assert "政策解读" in html and "宣传活动" in html  # grouped by page type


def test_unknown_tag_is_404_and_unused_tag_has_an_empty_state(client, site_tree):
    from taggit.models import Tag

    assert client.get("/tags/no-such-tag/").status_code == 404
    Tag.objects.create(name="职业道德", slug="职业道德")
    assert "还没有内容使用这个标签" in client.get("/tags/职业道德/").content.decode()


def test_tag_page_query_count_does_not_grow_with_pages(client, sections, django_assert_max_num_queries):
    from policy.models import PolicyExplainer

    for number in range(5):
        page = PolicyExplainer(title=f"解读{number}", slug=f"e{number}", summary="摘要")
        page.tags.add("婴幼儿照护")
        sections["policy"].add_child(instance=page)
        page.save_revision().publish()
    client.get("/tags/婴幼儿照护/")
    with django_assert_max_num_queries(10):
        response = client.get("/tags/婴幼儿照护/")
    assert response.content.decode().count('class="card"') == 5


def test_live_pages_are_found_however_many_drafts_share_the_tag(client, sections, monkeypatch):
    """Finding 11 (issue 15): the cap was applied to unordered ids before filtering live and public."""
    from policy.models import PolicyExplainer

    monkeypatch.setattr("cms.tags.MAX_RESULTS", 3)
    index = sections["policy"]
    for number in range(5):
        draft = PolicyExplainer(title=f"草稿{number}", slug=f"draft-{number}", summary="摘要", live=False)
        draft.tags.add("养老护理")
        index.add_child(instance=draft)
    live = PolicyExplainer(title="已发布的解读", slug="live", summary="摘要")
    live.tags.add("养老护理")
    index.add_child(instance=live)
    live.save_revision().publish()
    html = client.get("/tags/养老护理/").content.decode()
    assert "已发布的解读" in html and "草稿" not in html
