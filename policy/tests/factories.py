"""Test helpers of the policy app: pages published like an editor would, images, campaign activities, references."""

import datetime
import io
import zoneinfo
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model

SEED_FILE = Path(__file__).resolve().parents[1] / "demo_data" / "chuan_rensheban_2021_26.txt"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_image(title="海报", size=(1080, 1920), colour=(11, 107, 87)):
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


def _ref(clause, document=None):
    return {"document": document, "section": "", "clause": clause, "label": ""}
