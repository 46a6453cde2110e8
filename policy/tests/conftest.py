"""Fixtures of the policy tests: real pages in the real tree, built with the same code as the demo."""

import datetime
import io
import zoneinfo
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from PIL import Image

from policy.importer import create_draft, parse

SEED_FILE = Path(__file__).resolve().parents[1] / "demo_data" / "chuan_rensheban_2021_26.txt"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


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


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def seed_document(policy_index, seed_text):
    return create_draft(parse(seed_text), policy_index, publish=True)


def make_image(title="海报", size=(1080, 1920), colour=(11, 107, 87)):
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    image = get_image_model()(title=title, alt_text=f"{title}（测试图片）")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="test-poster.png")
    image._set_image_file_metadata()
    image.save()
    return image


def activity(day, start_hour, end_hour, place="成都市测试广场", title="政策咨询", contact="12333", block_id=None):
    return {
        "type": "activity",
        "id": block_id or f"00000000-0000-4000-8000-{day:%m%d}{start_hour:02d}{end_hour:02d}00",
        "value": {
            "starts_at": datetime.datetime(day.year, day.month, day.day, start_hour, tzinfo=SHANGHAI).isoformat(),
            "ends_at": datetime.datetime(day.year, day.month, day.day, end_hour, tzinfo=SHANGHAI).isoformat(),
            "place": place,
            "title": title,
            "contact": contact,
        },
    }


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


def _ref(clause, document=None):
    return {"document": document, "section": "", "clause": clause, "label": ""}
