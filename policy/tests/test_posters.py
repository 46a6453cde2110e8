"""Campaign posters show Chinese: the font is chosen by its character map, the drawn heading has as many distinct
glyph shapes as it has distinct characters, every new or edited campaign gets its poster, and 节点 is required."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image

from policy.choices import Occasion
from policy.posters import (
    CJK_SAMPLE,
    PosterSpec,
    find_cjk_font,
    font_covers,
    generated_poster,
    render_poster,
)

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
HEADING = "世界青年技能日"


def heading_glyph_shapes(png: bytes) -> list[bytes]:
    """Cut the poster's first heading line (white text on the coloured field) into glyphs at blank columns and
    return each glyph's bitmap: missing glyphs are all the same box, real ones all differ."""
    image = Image.open(io.BytesIO(png)).convert("L").crop((60, 250, 1060, 400))
    ink = image.point(lambda value: 255 if value > 200 else 0)  # the white lettering
    width, height = ink.size
    pixels = ink.load()
    columns = [any(pixels[x, y] for y in range(height)) for x in range(width)]
    shapes, start = [], None
    for x, inked in enumerate([*columns, False]):
        if inked and start is None:
            start = x
        elif not inked and start is not None:
            if x - start > 3:
                glyph = ink.crop((start, 0, x, height))
                shapes.append(glyph.crop(glyph.getbbox()).tobytes())
            start = None
    return shapes


def spec(heading=HEADING):
    return PosterSpec(
        title="t", alt_text="a", heading=heading, theme="青春学技能", dates="2030年7月13日", footer="12333",
        latin="Kangyang Skills 2030", colour=(11, 107, 87), filename="t.png",
    )  # fmt: skip


def test_the_font_is_chosen_by_its_character_map():
    font = find_cjk_font()
    assert font is not None, "install a CJK font (Debian: fonts-wqy-microhei)"
    assert font_covers(font, CJK_SAMPLE + HEADING)
    assert not font_covers(DEJAVU, "技"), "DejaVu has no Chinese glyphs, however wide its missing-glyph box"
    assert font_covers(DEJAVU, "Kangyang")
    assert not font_covers("/etc/hostname", "技")


def test_the_rendered_poster_shows_distinct_chinese_glyphs():
    drawn = heading_glyph_shapes(render_poster(spec(), find_cjk_font()))
    # Several characters may touch; what matters is many different shapes, not one repeated box.
    assert len(set(drawn)) >= 5, f"{len(set(drawn))} distinct shapes in {len(drawn)} glyphs"
    boxes = heading_glyph_shapes(render_poster(spec(), DEJAVU))
    assert len(set(boxes)) <= 1, "a font without Chinese draws the same box for every character"


@pytest.mark.django_db
def test_every_new_and_edited_campaign_gets_its_poster(admin_client, make_campaign):
    campaign = make_campaign(slug="new-campaign")
    assert generated_poster(campaign) is None  # created outside the admin: no hook ran
    url = reverse("wagtailadmin_pages:edit", args=[campaign.pk])
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    def post(theme):
        data = nested_form_data(
            {
                "title": campaign.title,
                "slug": campaign.slug,
                "occasion": Occasion.VOCATIONAL_EDUCATION_WEEK,
                "theme": theme,
                "start_date": "2030-05-12",
                "end_date": "2030-05-18",
                "channels": ["on_site"],
                "body": rich_text(""),
                "schedule": streamfield([]),
                "progress_figures": streamfield([]),
                "posters": inline_formset([]),
                "explainer_links": inline_formset([]),
                "tags": "",
            }
        )
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]

    post("技能成才 技能报国")
    first = generated_poster(campaign)
    assert first is not None and first.width == 1080 and first.height == 1920
    assert "技能成才" in first.alt_text and first.collection.name == "宣传"
    with first.file.open("rb") as handle:
        assert len(set(heading_glyph_shapes(handle.read()))) >= 4, "the poster shows 职业教育活动周 in Chinese"
    post("技能点亮人生")
    second = generated_poster(campaign)
    assert second.pk == first.pk and "技能点亮人生" in second.alt_text, "an edit redraws the same poster"
    html = admin_client.get(campaign.url).content.decode()
    assert "宣传海报" in html and second.title not in html


@pytest.mark.django_db
def test_occasion_is_a_required_choice_and_other_shows_no_badge(make_campaign, client):
    from policy.models import Campaign

    field = Campaign._meta.get_field("occasion")
    assert not field.has_default() and not field.blank
    campaign = make_campaign(slug="other", occasion=Occasion.OTHER, start=datetime.date(2030, 9, 1))
    html = client.get(campaign.url).content.decode()
    assert '<span class="badge">其他</span>' not in html


@pytest.mark.django_db
def test_demo_posters_of_an_older_version_are_redrawn(sections):
    from policy.posters import ensure_poster

    first, created = ensure_poster(spec())
    assert created
    first.file.name = first.file.name.replace("-v2", "-v1")  # as drawn before the cmap check
    first.save()
    again, created = ensure_poster(spec())
    assert not created and again.pk == first.pk and "-v2" in again.file.name
    same, created = ensure_poster(spec())
    assert not created and same.file.name == again.file.name, "a current poster is not drawn again"
