"""The search API is rate-limited per client with the shared limiter (issue 8)."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.elasticsearch  # also run against a search node (tools/search_node.sh)


@pytest.mark.django_db
def test_search_api_answers_429_after_the_clients_limit(client, settings, site_tree):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_RATES = {"search": "3/m"}
    cache.clear()
    answers = [client.get("/api/search/", {"q": "养老"}, REMOTE_ADDR="203.0.113.9").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get("/api/search/", {"q": "养老"}, REMOTE_ADDR="203.0.113.9")
    assert int(refused["Retry-After"]) >= 1
    assert "请求过于频繁" in refused.json()["message"]
    other = client.get("/api/search/", {"q": "养老"}, REMOTE_ADDR="203.0.113.10")
    assert other.status_code == 200, "another client keeps its own budget"
    cache.clear()
