"""Campaign posters drawn with Pillow for the demo: no downloads, a system CJK font when there is one.

Without a CJK font the posters still get made (shapes and Latin text only) and a warning is logged, so the demo
loads on a bare machine.
"""

import io
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .choices import Occasion

logger = logging.getLogger(__name__)

POSTER_SIZE = (1080, 1920)
FOCAL_POINT = (540, 560, 1000, 900)  # x, y (centre), width, height
COLLECTION_NAME = "宣传"
KNOWN_CJK_FONTS = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
]


@dataclass
class PosterSpec:
    title: str  # the image's title in the library; also how an existing poster is found again
    alt_text: str
    heading: str  # big text, e.g. 世界青年技能日
    theme: str
    dates: str
    footer: str
    latin: str  # what a poster without a CJK font says
    colour: tuple[int, int, int]
    filename: str


def find_cjk_font() -> str | None:
    """A font file that has Chinese glyphs: fontconfig's choice for zh, else a known Debian path."""
    fc_match = shutil.which("fc-match")
    if fc_match:
        try:
            result = subprocess.run(  # noqa: S603  (fixed arguments, no shell)
                [fc_match, "-f", "%{file}", ":lang=zh-cn"], capture_output=True, text=True, timeout=10, check=False
            )
            candidate = result.stdout.strip()
            if candidate and Path(candidate).is_file() and _has_cjk_glyphs(candidate):
                return candidate
        except (OSError, subprocess.SubprocessError):
            pass
    for candidate in KNOWN_CJK_FONTS:
        if Path(candidate).is_file() and _has_cjk_glyphs(candidate):
            return candidate
    return None


# What every poster writes: a font must map each of these characters in its cmap to count as a Chinese font.
CJK_SAMPLE = "四川康养职业技能培训政策咨询世界青年日"
POSTER_VERSION = 2  # bumped when posters drawn before must be drawn again (v2: fonts checked by their cmap)


def font_covers(path: str, text: str) -> bool:
    """Does the font file (first face of a .ttc) map every character of `text` to a glyph? DejaVu's wide
    missing-glyph box made a width check pass; the character map cannot be fooled that way."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, fontNumber=0, lazy=True)
        cmap = font.getBestCmap() or {}
    except Exception:  # noqa: BLE001  (any unreadable or non-font file is simply not a CJK font)
        return False
    return all(ord(char) in cmap for char in text if not char.isspace())


def _has_cjk_glyphs(path: str) -> bool:
    return font_covers(path, CJK_SAMPLE)


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for char in text:
        if draw.textlength(line + char, font=font) > width and line:
            lines.append(line)
            line = char
        else:
            line += char
    if line:
        lines.append(line)
    return lines


def render_poster(spec: PosterSpec, font_path: str | None) -> bytes:
    """A 1080×1920 PNG: a coloured field, circles, the occasion, the theme, the dates and the hotline."""
    width, height = POSTER_SIZE
    image = Image.new("RGB", POSTER_SIZE, (250, 248, 242))
    draw = ImageDraw.Draw(image)
    red, green, blue = spec.colour
    draw.rectangle([0, 0, width, 1080], fill=spec.colour)
    draw.ellipse([620, -180, 1280, 480], fill=(min(red + 40, 255), min(green + 40, 255), min(blue + 40, 255)))
    draw.ellipse([-220, 760, 360, 1340], fill=(max(red - 30, 0), max(green - 30, 0), max(blue - 30, 0)))
    draw.rectangle([80, 1700, width - 80, 1712], fill=spec.colour)
    if font_path:
        big = ImageFont.truetype(font_path, 108)
        medium = ImageFont.truetype(font_path, 64)
        small = ImageFont.truetype(font_path, 44)
        y = 260
        for line in _wrap(draw, spec.heading, big, width - 160):
            draw.text((80, y), line, font=big, fill="white")
            y += 140
        y = 1160
        for line in _wrap(draw, spec.theme, medium, width - 160):
            draw.text((80, y), line, font=medium, fill=(31, 35, 40))
            y += 90
        draw.text((80, y + 40), spec.dates, font=small, fill=(87, 96, 106))
        draw.text((80, 1760), spec.footer, font=small, fill=(31, 35, 40))
    else:
        font = ImageFont.load_default(size=72)
        draw.text((80, 300), spec.latin, font=font, fill="white")
        draw.text((80, 1760), "12333", font=font, fill=(31, 35, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def poster_collection():
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def ensure_poster(spec: PosterSpec, log=None):
    """Return (image, created); an image of that title in the 宣传 collection is reused as it is."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    image_model = get_image_model()
    collection = poster_collection()
    existing = image_model.objects.filter(collection=collection, title=spec.title).first()
    if existing is not None and is_drawn_from(existing, spec):
        return existing, False
    font_path = find_cjk_font()
    if font_path is None:
        logger.warning("No CJK font found: poster %r drawn with shapes and Latin text only.", spec.title)
        if log:
            log(f"警告：未找到中文字体，海报“{spec.title}”只含图形和英文。")
    data = render_poster(spec, font_path)
    image = existing or image_model(title=spec.title, collection=collection)
    image.alt_text = spec.alt_text
    if existing is not None:  # drawn by an older version (e.g. boxes instead of Chinese): draw it again
        existing.renditions.all().delete()
    # The focal point is the coloured field with the occasion, so the 500×400 share crop keeps the headline.
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = FOCAL_POINT
    image.file = ImageFile(io.BytesIO(data), name=versioned_name(spec.filename))
    image._set_image_file_metadata()
    image.save()
    return image, existing is None


def is_drawn_from(image, spec: PosterSpec) -> bool:
    """Was this image drawn from this spec by this version? (Storage may append _abc1234 to the file's stem.)"""
    stem = Path(versioned_name(spec.filename)).stem
    return Path(image.file.name).stem.startswith(stem)


def versioned_name(filename: str) -> str:
    stem, dot, extension = filename.rpartition(".")
    return f"{stem}-v{POSTER_VERSION}{dot}{extension}" if dot else f"{filename}-v{POSTER_VERSION}"


# Campaign posters, drawn for every new or edited campaign -------------------------------------------------

CAMPAIGN_POSTER_PREFIX = "宣传活动海报 #"


def campaign_poster_title(campaign) -> str:
    return f"{CAMPAIGN_POSTER_PREFIX}{campaign.pk}：{campaign.title}"


def campaign_poster_spec(campaign) -> PosterSpec:
    import hashlib

    heading = str(campaign.occasion_label) if campaign.occasion != Occasion.OTHER else campaign.title
    dates = f"{campaign.start_date:%Y年%-m月%-d日} — {campaign.end_date:%-m月%-d日}"
    content = "|".join([heading, campaign.theme, dates, str(POSTER_VERSION)])
    digest = hashlib.sha256(content.encode()).hexdigest()[:10]
    return PosterSpec(
        title=campaign_poster_title(campaign),
        alt_text=f"{campaign.title}宣传海报：{campaign.theme}，{dates}，咨询电话 12333。",
        heading=heading,
        theme=campaign.theme,
        dates=dates,
        footer="政策咨询：12333",
        latin=f"Kangyang Skills {campaign.start_date.year}",
        colour=(15, 102, 84),
        filename=f"campaign-{campaign.pk}-{digest}.png",
    )


def generated_poster(campaign):
    """The poster drawn for this campaign, or None."""
    from wagtail.images import get_image_model

    prefix = f"{CAMPAIGN_POSTER_PREFIX}{campaign.pk}："
    return get_image_model().objects.filter(title__startswith=prefix).order_by("-pk").first()


def ensure_campaign_poster(campaign, log=None):
    """Draw (or redraw, when its occasion, theme, title or dates changed) the campaign's own poster."""
    if not campaign.pk or not (campaign.theme and campaign.start_date and campaign.end_date):
        return None
    spec = campaign_poster_spec(campaign)
    current = generated_poster(campaign)
    if current is not None and is_drawn_from(current, spec):
        if current.title != spec.title:
            current.title = spec.title
            current.save(update_fields=["title"])
        return current
    if current is not None:
        current.title = spec.title
        current.save(update_fields=["title"])
    image, _created = ensure_poster(spec, log)
    return image
