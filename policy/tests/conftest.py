"""Fixtures of the policy tests: real pages in the real tree, built with the same code as the demo."""

import datetime

import pytest
from django.core.cache import cache

from policy.importer import create_draft, parse

from .factories import SEED_FILE, _ref, activity, publish


@pytest.fixture(autouse=True)
def isolated_media_and_cache(settings, tmp_path):
    """Uploads and renditions go to a temporary folder; cached renditions never leak between tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seed_text():
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture
def policy_index(sections):
    return sections["policy"]


@pytest.fixture
def seed_document(policy_index, seed_text):
    return create_draft(parse(seed_text), policy_index, publish=True)


@pytest.fixture
def make_campaign(policy_index):
    from policy.choices import Channel, Occasion
    from policy.models import Campaign

    def factory(slug="skills-day", start=datetime.date(2030, 7, 13), days=7, live=True, **fields):
        values = {
            "title": f"宣传周 {slug}",
            "occasion": Occasion.WORLD_YOUTH_SKILLS_DAY,
            "theme": "青春学技能 康养有未来",
            "start_date": start,
            "end_date": start + datetime.timedelta(days=days - 1),
            "channels": [Channel.ON_SITE, Channel.HOTLINE],
            "schedule": [
                activity(start, 9, 12),
                activity(start + datetime.timedelta(days=1), 14, 16, title="技能展示"),
            ],
        }
        values.update(fields)
        campaign = Campaign(slug=slug, **values)
        if live:
            return publish(policy_index, campaign)
        policy_index.add_child(instance=campaign)
        return campaign

    return factory


@pytest.fixture
def explainer(policy_index, seed_document):
    from policy.models import PolicyExplainer, PolicyExplainerDocument

    page = PolicyExplainer(
        title="实施方案解读",
        slug="explained",
        summary="一段摘要。",
        key_points=[
            {"type": "point", "value": {"text": "补贴不设户籍门槛。", "references": [_ref("十二")]}},
        ],
        qa=[
            {
                "type": "qa",
                "value": {
                    "question": "有户籍限制吗？",
                    "answer": "**没有**户籍、年龄、社保门槛。",
                    "references": [_ref("十二")],
                },
            }
        ],
        audience=["trainees"],
    )
    page.explained_documents = [PolicyExplainerDocument(document=seed_document)]
    page.tags.add("养老护理")
    return publish(policy_index, page)
