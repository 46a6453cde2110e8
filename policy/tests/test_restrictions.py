"""Our one-query routing and view-restriction checks must protect exactly what Wagtail's own checks protect."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def restrict(page, password="s3cret"):  # noqa: S107  (a test fixture password)
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


def test_a_password_on_the_section_protects_every_policy_page(client, policy_index, seed_document, explainer):
    restrict(policy_index)
    for page in (policy_index, seed_document, explainer):
        html = client.get(page.url).content.decode()
        assert 'name="password"' in html, page.url
        assert "培养培训养老护理员" not in html


def test_a_password_on_one_page_protects_it_and_hides_it_from_listings(client, policy_index, seed_document, explainer):
    restrict(explainer)
    assert 'name="password"' in client.get(explainer.url).content.decode()
    assert explainer.title not in client.get(policy_index.url).content.decode()
    assert explainer.title not in client.get(seed_document.url).content.decode()
    assert explainer.title not in client.get(policy_index.url + "feed/").content.decode()
    assert explainer.title not in client.get("/tags/养老护理/").content.decode()


def test_a_restriction_on_an_aliased_source_applies_to_the_alias(client, policy_index, seed_document):
    alias = seed_document.create_alias(update_slug="alias-of-seed")
    restrict(seed_document)
    assert 'name="password"' in client.get(alias.url).content.decode()


def test_unknown_children_and_routes_are_404(client, policy_index):
    assert client.get(policy_index.url + "no-such-page/").status_code == 404
    assert client.get(policy_index.url + "feed/extra/").status_code == 404
