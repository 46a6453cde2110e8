"""The public API exposes our domain fields; the demo content is complete and its links resolve."""

import io
import re

import pytest
from django.utils import timezone
from PIL import Image

from policy.choices import CampaignPhase
from policy.models import Campaign, CampaignCalendar, CampaignPoster, PolicyDocument, PolicyExplainer
from policy.posters import POSTER_SIZE, PosterSpec, find_cjk_font, render_poster

from .factories import make_image

pytestmark = pytest.mark.django_db


@pytest.mark.urls("policy.tests.api_urls")
def test_api_v2_serialises_every_declared_field(client, make_campaign, explainer, seed_document):
    campaign = make_campaign(slug="api", live=False)
    campaign.posters = [CampaignPoster(image=make_image("API 海报"))]
    campaign.save_revision().publish()
    for model, page in ((PolicyDocument, seed_document), (PolicyExplainer, explainer), (Campaign, campaign)):
        names = [field.name for field in model.api_fields]
        response = client.get(f"/api/v2/pages/{page.pk}/", {"fields": ",".join(names)})
        assert response.status_code == 200, (model, response.content[:500])
        data = response.json()
        for name in names:
            assert name in data, (model.__name__, name)
    document = client.get(f"/api/v2/pages/{seed_document.pk}/").json()
    assert document["document_number"] == "川人社办发〔2021〕26号"
    assert [issuer["name"] for issuer in document["issuers"]][-1] == "四川省妇女联合会"
    assert document["status"] == "in_force"
    poster = client.get(f"/api/v2/pages/{campaign.pk}/").json()["posters"][0]
    assert poster["share_card"]["width"] == 500 and poster["share_story"]["height"] == 1920


def test_demo_content_is_complete_and_its_clause_links_resolve(client, demo_content):
    document = PolicyDocument.objects.get(document_number="川人社办发〔2021〕26号")
    assert document.live
    assert len(document.sections) == 4 and sum(len(s["clauses"]) for s in document.sections) == 13
    explainer = PolicyExplainer.objects.get()
    questions = [block for block in explainer.qa if block.block_type == "qa"]
    assert len(questions) >= 6
    assert all(block.value["references"] for block in questions)
    html = client.get(explainer.url).content.decode()
    links = set(re.findall(r'class="clause-ref" href="([^"]+)"', html))
    assert f"{document.url}#clause-12" in links
    document_html = client.get(document.url).content.decode()
    for link in links:
        path, anchor = link.split("#")
        assert path == document.url and f'id="{anchor}"' in document_html

    campaigns = list(Campaign.objects.live())
    occasions = {campaign.occasion for campaign in campaigns}
    assert {"world_youth_skills_day", "vocational_education_week", "womens_day"} <= occasions
    today = timezone.localdate()
    assert {campaign.phase_on(today) for campaign in campaigns} == set(CampaignPhase.values)
    for campaign in campaigns:
        assert campaign.activities and campaign.channels
        poster = campaign.posters.get().image
        assert poster.collection.name == "宣传" and poster.alt_text
        assert (poster.width, poster.height) == POSTER_SIZE
    calendar = CampaignCalendar.objects.get()
    calendar_html = client.get(calendar.url).content.decode()
    assert "empty-state" not in calendar_html
    assert client.get(calendar.url + "ics/").content.count(b"BEGIN:VEVENT") == sum(
        len(campaign.activities) for campaign in campaigns
    )
    tags = {tag.name for tag in explainer.tags.all()}
    assert {"养老护理", "家政服务", "婴幼儿照护"} <= tags


def test_posters_degrade_without_a_cjk_font():
    spec = PosterSpec(
        title="t", alt_text="a", heading="世界青年技能日", theme="主题", dates="日期", footer="12333",
        latin="Kangyang Skills 2030", colour=(11, 107, 87), filename="t.png",
    )  # fmt: skip
    for font in (None, find_cjk_font()):
        image = Image.open(io.BytesIO(render_poster(spec, font)))
        assert image.size == POSTER_SIZE and image.format == "PNG"
