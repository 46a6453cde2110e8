"""cms.routing gives Wagtail's answers: the one-query mixin and the routers' annotation agree with
`Page.get_view_restrictions` (aliases use their source's restrictions, a row left on an alias is ignored), and a
page that is not live is not served. Every app's page types use this mixin, so it is tested here once."""

import pytest
from django.apps import apps
from wagtail.models import Page, PageViewRestriction

from cms.routing import ViewRestrictionsMixin, restricted_annotation
from curricula.tests.factories import make_occupation, make_package

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("curricula", "competitions", "policy")


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="pw")


@pytest.fixture
def tree(sections):
    """curricula section → 养老护理员 → a package, and an alias of the occupation with a page below it."""
    index = sections["curricula"]
    occupation = make_occupation(index, "养老护理员", code=None, slug="ylhly")
    package = make_package(occupation, "PKG-5")
    alias = occupation.create_alias(update_slug="ylhly-alias").specific
    alias_package = make_package(alias, "PKG-A")  # the ORM allows it; Wagtail still applies the source's rules
    return {
        "index": index,
        "occupation": occupation,
        "package": package,
        "alias": alias,
        "alias_package": alias_package,
    }


def wagtail_says_restricted(page) -> bool:
    return Page.get_view_restrictions(page).exists()


def assert_agrees_with_wagtail(tree, expected: dict):
    annotated = dict(Page.objects.annotate(restricted=restricted_annotation()).values_list("pk", "restricted"))
    for name, page in tree.items():
        page = Page.objects.get(pk=page.pk).specific
        assert isinstance(page, ViewRestrictionsMixin), name
        assert wagtail_says_restricted(page) is expected[name], f"{name}: the test's expectation is not Wagtail's"
        assert page.get_view_restrictions().exists() is expected[name], f"{name}: mixin disagrees with Wagtail"
        assert annotated[page.pk] is expected[name], f"{name}: routing annotation disagrees with Wagtail"


def test_a_restriction_on_the_source_applies_to_its_alias_and_the_alias_children(tree):
    restrict(tree["occupation"])
    assert_agrees_with_wagtail(
        tree, {"index": False, "occupation": True, "package": True, "alias": True, "alias_package": True}
    )


def test_a_restriction_row_on_an_alias_page_itself_is_ignored(tree):
    restrict(tree["alias"])
    assert_agrees_with_wagtail(
        tree, {"index": False, "occupation": False, "package": False, "alias": False, "alias_package": False}
    )


def test_a_restriction_on_the_section_applies_to_everything_below(tree):
    restrict(tree["index"])
    assert_agrees_with_wagtail(tree, dict.fromkeys(tree, True))


def test_served_pages_follow_the_same_rules(client, tree):
    restrict(tree["alias"])  # ignored, as in Wagtail
    assert client.get(tree["alias_package"].url).status_code == 200
    restrict(tree["occupation"])
    for name in ("occupation", "package", "alias", "alias_package"):
        response = client.get(tree[name].url)
        assert response.status_code == 200 and 'name="password"' in response.content.decode(), name


def test_a_page_that_is_not_live_is_not_served(client, tree):
    url = tree["package"].url
    assert client.get(url).status_code == 200
    tree["package"].unpublish()
    assert client.get(url).status_code == 404


def test_every_domain_page_type_uses_the_one_mixin():
    page_types = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model._meta.app_label in DOMAIN_APPS and model is not Page
    ]
    assert len(page_types) >= 12
    for model in page_types:
        assert issubclass(model, ViewRestrictionsMixin), model
        assert model.get_view_restrictions is ViewRestrictionsMixin.get_view_restrictions, model


def test_the_per_process_list_of_restricted_subtrees_follows_every_change(client, tree, sections, settings):
    """With the chrome memo on (as served), routing takes restrictions from a per-process list kept until the next
    `global` change: adding or removing a restriction shows on the very next request, aliases included."""
    from cms import cache as page_cache

    settings.CHROME_MEMO_ENABLED = True
    page_cache._memo.clear()
    urls = {name: tree[name].url for name in ("index", "occupation", "package", "alias", "alias_package")}
    urls["policy"] = sections["policy"].url

    def refused():
        for _ in range(2):  # the first request may create settings rows (a `global` change); the second uses the memo
            answers = {name: client.get(url) for name, url in urls.items()}
        return {name for name, response in answers.items() if 'name="password"' in response.content.decode()}

    assert refused() == set()
    restriction = restrict(tree["occupation"])
    assert refused() == {"occupation", "package", "alias", "alias_package"}
    restriction.delete()
    assert refused() == set()
    restrict(sections["policy"])
    assert refused() == {"policy"}
    page_cache._memo.clear()
