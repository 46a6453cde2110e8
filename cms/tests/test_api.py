"""The public read API at /api/v2/: endpoints, domain fields, pagination, read-only, rate limit."""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile

from cms.models import CustomDocument


@pytest.fixture
def api_limited(settings):
    """Switch the limiter on with a small budget; clear counters before and after."""
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_RATES = {"api": "5/m"}
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_pages_endpoint_lists_live_pages_with_their_api_fields(client, site_tree):
    home, sections = site_tree
    response = client.get("/api/v2/pages/", {"type": "cms.HomePage", "fields": "*"})
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["title"] == home.title
    assert item["hero_title"] == home.hero_title
    assert item["intro"] == home.intro
    assert "body" in item

    detail = client.get(f"/api/v2/pages/{sections['curricula'].pk}/").json()
    assert detail["meta"]["type"] == "curricula.CurriculaIndexPage"
    assert detail["intro"] == sections["curricula"].intro
    assert detail["meta"]["html_url"].endswith("/curricula/")


@pytest.mark.django_db
def test_unpublished_pages_are_not_exposed(client, sections):
    sections["policy"].specific.unpublish()
    ids = {item["id"] for item in client.get("/api/v2/pages/").json()["items"]}
    assert sections["policy"].pk not in ids
    assert client.get(f"/api/v2/pages/{sections['policy'].pk}/").status_code == 404


@pytest.mark.django_db
def test_pagination_with_limit_and_offset_and_a_maximum(client, site_tree, settings):
    everything = client.get("/api/v2/pages/").json()
    total = everything["meta"]["total_count"]
    assert total >= 5  # home and four sections
    first = client.get("/api/v2/pages/", {"limit": 2, "offset": 0}).json()
    second = client.get("/api/v2/pages/", {"limit": 2, "offset": 2}).json()
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert {item["id"] for item in first["items"]}.isdisjoint({item["id"] for item in second["items"]})
    assert first["meta"]["total_count"] == total
    too_many = client.get("/api/v2/pages/", {"limit": settings.WAGTAILAPI_LIMIT_MAX + 1})
    assert too_many.status_code == 400
    assert "limit" in too_many.json()["message"]


@pytest.mark.django_db
def test_images_and_documents_endpoints_answer(client, site_tree):
    document = CustomDocument(title="川人社办发〔2021〕26号")
    document.file.save("policy.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    try:
        images = client.get("/api/v2/images/")
        assert images.status_code == 200
        assert images.json()["meta"]["total_count"] == 0
        documents = client.get("/api/v2/documents/").json()
        assert [item["title"] for item in documents["items"]] == ["川人社办发〔2021〕26号"]
        detail = client.get(f"/api/v2/documents/{document.pk}/").json()
        assert detail["meta"]["download_url"].endswith("policy.pdf")
    finally:
        document.file.delete(save=False)


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, sections, method):
    for url in ["/api/v2/pages/", f"/api/v2/pages/{sections['policy'].pk}/"]:
        response = getattr(client, method)(url, data={"title": "x"}, content_type="application/json")
        assert response.status_code == 405, (method, url)
    assert client.get(f"/api/v2/pages/{sections['policy'].pk}/").json()["title"] == sections["policy"].title


@pytest.mark.django_db
def test_rate_limit_answers_429_with_retry_after_and_a_chinese_message(client, site_tree, api_limited):
    for remaining in range(4, -1, -1):
        response = client.get("/api/v2/pages/")
        assert response.status_code == 200
        assert response["X-RateLimit-Remaining"] == str(remaining)
    limited = client.get("/api/v2/pages/")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 120
    body = limited.json()
    assert body["error"] == "rate_limited"
    assert "请求过于频繁" in body["message"]
    assert body["retry_after"] == int(limited["Retry-After"])
    # Another client (address) still has its own budget.
    assert client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.9").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize(
    "query",
    [
        {"offset": "99999999999999999999999"},
        {"offset": "9223372036854775808"},
        {"offset": "abc"},
        {"search": "养老", "search_operator": "zzz"},
    ],
)
def test_hostile_parameters_answer_400_not_500(client, site_tree, endpoint, query):
    """Finding 6 (issue 15): these answered 500."""
    response = client.get(f"/api/v2/{endpoint}/", query)
    assert response.status_code == 400, response.content[:200]
    assert "message" in response.json()


@pytest.mark.django_db
def test_ordinary_offsets_and_operators_still_work(client, site_tree):
    assert client.get("/api/v2/pages/", {"offset": "1", "limit": "2"}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": "养老", "search_operator": "and"}).status_code == 200
