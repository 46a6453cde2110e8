"""The anonymous full-page cache: hits, precise invalidation, bypasses and HTTP validators.

Every test runs twice: on local memory, and on Redis when a Redis server answers at REDIS_TEST_URL
(default redis://127.0.0.1:6379/15); the Redis run is skipped with the reason shown otherwise.
"""

import time

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from cms import cache as page_cache
from cms.models import SiteSettings
from competitions.models import CompetitionIndexPage
from tests.conftest import get, state


def add_plain_child(parent, slug, title):
    """A real, published page below `parent` (a plain Wagtail Page: no template is needed, it is never served)."""
    child = Page(title=title, slug=slug)
    parent.add_child(instance=child)
    child.save_revision().publish()
    return child


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.mark.django_db
def test_second_anonymous_request_is_a_hit_without_queries(client, cached_site, django_assert_num_queries):
    home, sections = cached_site
    first = get(client, "/")
    assert state(first) == "miss"
    with django_assert_num_queries(0):
        second = get(client, "/")
    assert state(second) == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=60"
    assert second["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_publish_is_visible_to_the_next_anonymous_request_within_a_second(client, cached_site):
    home, sections = cached_site
    policy = sections["policy"].specific
    url = policy.url
    get(client, url)
    assert state(get(client, url)) == "hit"
    started = time.monotonic()
    publish(policy, intro="新的导语：宣传周开始报名")
    response = get(client, url)
    elapsed = time.monotonic() - started
    assert "新的导语：宣传周开始报名" in response.content.decode()
    assert state(response) == "miss"
    assert elapsed < 1.0


@pytest.mark.django_db
def test_publishing_a_child_drops_its_ancestors_but_not_unrelated_pages(client, cached_site):
    home, sections = cached_site
    curricula, competitions = sections["curricula"], sections["competitions"]
    child = add_plain_child(curricula, "yanglao-huliyuan", "养老护理员")
    for url in ("/", curricula.url, competitions.url):
        get(client, url)
        assert state(get(client, url)) == "hit"

    publish(child, title="养老护理员（2026 版）")

    assert state(get(client, curricula.url)) == "miss"  # parent: its listing shows the child
    assert state(get(client, "/")) == "miss"  # grandparent
    assert state(get(client, competitions.url)) == "hit"  # unrelated section keeps its entry


@pytest.mark.django_db
def test_unpublish_and_delete_drop_the_parent(client, cached_site):
    home, sections = cached_site
    curricula = sections["curricula"]
    first = add_plain_child(curricula, "first", "一")
    second = add_plain_child(curricula, "second", "二")
    get(client, curricula.url)
    assert state(get(client, curricula.url)) == "hit"

    first.unpublish()
    assert state(get(client, curricula.url)) == "miss"
    assert state(get(client, curricula.url)) == "hit"

    Page.objects.get(pk=second.pk).delete()
    assert state(get(client, curricula.url)) == "miss"


@pytest.mark.django_db
def test_unpublished_section_is_gone_for_the_next_visitor(client, cached_site):
    home, sections = cached_site
    policy = sections["policy"]
    get(client, policy.url)
    policy.specific.unpublish()
    assert client.get(policy.url).status_code == 404


@pytest.mark.django_db
def test_moving_a_page_drops_everything(client, cached_site):
    home, sections = cached_site
    child = add_plain_child(sections["curricula"], "moving", "移动的页面")
    get(client, sections["competitions"].url)
    assert state(get(client, sections["competitions"].url)) == "hit"
    child.move(sections["policy"], pos="last-child")
    assert state(get(client, sections["competitions"].url)) == "miss"


@pytest.mark.django_db
def test_declared_dependency_is_invalidated_when_the_dependency_is_published(client, cached_site, monkeypatch):
    """A page's own `cache_dependencies()` (set on the real class for this test) ties it to another page."""
    home, sections = cached_site
    module = add_plain_child(sections["curricula"], "module-1", "课程模块一")
    monkeypatch.setattr(CompetitionIndexPage, "cache_dependencies", lambda self: [module.pk], raising=False)
    competitions, policy = sections["competitions"], sections["policy"]
    for url in (competitions.url, policy.url):
        get(client, url)
        assert state(get(client, url)) == "hit"

    publish(module, title="课程模块一（修订）")

    assert state(get(client, competitions.url)) == "miss"
    assert state(get(client, policy.url)) == "hit"


@pytest.mark.django_db
def test_registered_dependency_between_two_existing_pages(client, cached_site):
    """The registry: the policy section shows (say) the curricula section's newest package."""
    home, sections = cached_site
    policy, curricula, other = sections["policy"], sections["curricula"], sections["competitions"]
    package = add_plain_child(curricula, "package", "职业培训包")

    def provider(page):
        return [package] if page.pk == policy.pk else []

    page_cache.register_dependencies(provider)
    try:
        for url in (policy.url, other.url):
            get(client, url)
            assert state(get(client, url)) == "hit"
        publish(package, title="职业培训包（2026）")
        assert state(get(client, policy.url)) == "miss"
        assert state(get(client, other.url)) == "hit"
    finally:
        page_cache.unregister_dependencies(provider)


@pytest.mark.django_db
def test_tag_invalidation_for_content_without_page_signals(client, cached_site):
    """An event depends on a tag its results importer bumps (bulk imports send no model signals)."""
    home, sections = cached_site
    competitions = sections["competitions"]

    def provider(page):
        return [f"results:{competitions.pk}"] if page.pk == competitions.pk else []

    page_cache.register_dependencies(provider)
    try:
        get(client, competitions.url)
        assert state(get(client, competitions.url)) == "hit"
        page_cache.invalidate_tags(f"results:{competitions.pk}")
        assert state(get(client, competitions.url)) == "miss"
        assert state(get(client, "/")) == "miss"  # first visit of home in this test
        assert state(get(client, "/")) == "hit"  # the tag touched nothing else
    finally:
        page_cache.unregister_dependencies(provider)


@pytest.mark.django_db
def test_an_image_change_drops_the_pages_that_reference_it(client, cached_site, settings, tmp_path):
    """Wagtail's reference index says which pages show an image: only those are dropped."""
    from wagtail.images.tests.utils import get_test_image_file

    from cms.models import CustomImage

    settings.MEDIA_ROOT = tmp_path
    home, sections = cached_site
    image = CustomImage.objects.create(title="宣传海报", alt_text="海报", file=get_test_image_file())
    publish(sections["policy"].specific, share_image=image)
    for url in (sections["policy"].url, sections["competitions"].url):
        get(client, url)
        assert state(get(client, url)) == "hit"

    image.title = "宣传海报（更新）"
    image.save()

    assert state(get(client, sections["policy"].url)) == "miss"
    assert state(get(client, sections["competitions"].url)) == "hit"


@pytest.mark.django_db
def test_site_settings_change_drops_every_page(client, cached_site):
    home, sections = cached_site
    urls = ["/", sections["curricula"].url, sections["policy"].url]
    for url in urls:
        get(client, url)
    row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    row.hotline = "028-12345678"
    row.save()
    for url in urls:
        response = get(client, url)
        assert state(response) == "miss"
        assert "028-12345678" in response.content.decode()


@pytest.mark.django_db
def test_navigation_change_drops_every_page(client, cached_site):
    home, sections = cached_site
    get(client, sections["policy"].url)
    publish(sections["search"].specific, title="站内搜索")
    response = get(client, sections["policy"].url)
    assert state(response) == "miss"
    assert "站内搜索" in response.content.decode()  # in the main navigation


@pytest.mark.django_db
def test_editors_bypass_and_get_private_no_store(admin_client, cached_site):
    visitor = Client()
    get(visitor, "/")
    assert state(get(visitor, "/")) == "hit"
    response = get(admin_client, "/")
    assert state(response) == "bypass"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_session_cookie_alone_bypasses(client, cached_site, settings):
    get(client, "/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    assert state(get(client, "/")) == "bypass"


@pytest.mark.django_db
def test_draft_previews_bypass_and_never_reach_visitors(admin_client, cached_site):
    home, sections = cached_site
    client = Client()
    policy = sections["policy"].specific
    get(client, policy.url)
    policy.intro = "草稿：尚未发布的导语"
    policy.save_revision()  # a draft, not published

    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[policy.pk]))
    assert preview.status_code == 200
    assert "草稿：尚未发布的导语" in preview.content.decode()

    visitor = get(client, policy.url)
    assert "草稿：尚未发布的导语" not in visitor.content.decode()
    assert state(visitor) == "hit"  # a new draft does not invalidate the live page


@pytest.mark.django_db
def test_query_strings_on_the_whitelist_get_their_own_entries(client, cached_site):
    home, sections = cached_site
    url = sections["curricula"].url
    assert state(get(client, url + "?page=2")) == "miss"
    assert state(get(client, url + "?page=2")) == "hit"
    assert state(get(client, url + "?page=3")) == "miss"
    assert state(get(client, url + "?page=3&utm_source=wechat")) == "hit"  # undeclared: tests/test_page_cache_query.py


@pytest.mark.django_db
def test_password_protected_pages_are_never_stored(client, cached_site):
    home, sections = cached_site
    policy = sections["policy"]
    PageViewRestriction.objects.create(page=policy, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    for _ in range(2):
        response = get(client, policy.url)
        assert state(response) == "bypass"
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_new_view_restriction_takes_effect_on_cached_pages_at_once(client, cached_site):
    home, sections = cached_site
    policy = sections["policy"]
    get(client, policy.url)
    assert state(get(client, policy.url)) == "hit"
    restriction = PageViewRestriction.objects.create(
        page=policy, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )
    response = get(client, policy.url)
    assert state(response) == "bypass"
    assert 'name="password"' in response.content.decode()
    restriction.delete()
    assert state(get(client, policy.url)) == "miss"


@pytest.mark.django_db
def test_language_cookie_gets_its_own_entry(client, cached_site, settings):
    get(client, "/")
    assert 'lang="zh-Hans"' in get(client, "/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = get(client, "/")
    assert state(english) == "miss"
    assert 'lang="en"' in english.content.decode()
    assert state(get(client, "/")) == "hit"


@pytest.mark.django_db
def test_etag_and_last_modified_answer_conditional_requests_with_304(client, cached_site):
    home, sections = cached_site
    first = get(client, "/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")

    not_modified = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert client.get("/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    publish(home.specific, intro="首页导语已更新")
    changed = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.django_db
def test_head_is_answered_from_the_cache(client, cached_site):
    full = get(client, "/")
    head = client.head("/")
    assert head.status_code == 200
    assert state(head) == "hit"
    assert head.content == b""
    assert head["Content-Length"] == full["Content-Length"]


@pytest.mark.django_db
def test_switched_off_cache_serves_every_request_fresh(client, cached_site, settings):
    settings.PAGE_CACHE_ENABLED = False
    get(client, "/")
    assert state(get(client, "/")) == "bypass"


@pytest.mark.django_db
def test_memoised_site_chrome_saves_queries_and_follows_changes(client, cached_site, settings):
    """With the page cache off, the Site, settings and menu still come from the per-process memo until a global
    change; the footer and the menu show such a change at once."""
    from tests.query_counts import assert_page_queries

    home, sections = cached_site
    settings.PAGE_CACHE_ENABLED = False
    url = sections["policy"].url
    with_memo = assert_page_queries(client, url)
    settings.CHROME_MEMO_ENABLED = False
    without_memo = assert_page_queries(client, url)
    assert with_memo <= without_memo - 4  # site, root page, settings, menu
    settings.CHROME_MEMO_ENABLED = True
    get(client, url)

    row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    row.hotline = "400-000-1234"
    row.save()
    assert "400-000-1234" in get(client, url).content.decode()
    publish(sections["curricula"].specific, title="培训课程")
    assert "培训课程" in get(client, url).content.decode()
    sections["competitions"].specific.unpublish()
    assert "技能竞赛" not in get(client, url).content.decode()


@pytest.mark.django_db
def test_a_hit_reads_one_shared_key_while_nothing_changed(client, cached_site, settings):
    """The per-process memo: a hit checks the shared generation, not every tag of its entry."""
    home, sections = cached_site
    settings.CACHES = {**settings.CACHES, "counted": {"BACKEND": "tests.counting_cache.CountingLocMemCache"}}
    settings.PAGE_CACHE_TAG_ALIAS = "counted"
    page_cache.reset_local_state()
    url = sections["curricula"].specific.url
    get(client, url)
    assert state(get(client, url)) == "hit"  # fills the memo
    store = caches["counted"]
    store.reads.clear()
    assert state(get(client, url)) == "hit"
    assert store.reads == [page_cache.GENERATION_KEY]


@pytest.mark.django_db
def test_unrelated_invalidation_keeps_hits_and_related_invalidation_ends_them(client, cached_site):
    home, sections = cached_site
    url = sections["curricula"].specific.url
    get(client, url)
    assert state(get(client, url)) == "hit"
    page_cache.invalidate_tags("page:987654321")  # a new generation, nothing this page shows
    assert state(get(client, url)) == "hit"
    page_cache.invalidate_tags(f"page:{sections['curricula'].pk}")
    assert state(get(client, url)) == "miss"
    assert state(get(client, url)) == "hit"


@pytest.mark.django_db
def test_an_evicted_tag_costs_one_miss_in_each_process_not_every_request(client, cached_site):
    """Eviction is not invalidation: after another process re-creates the tag, this process re-reads it once."""
    home, sections = cached_site
    page = sections["curricula"].specific
    get(client, page.url)
    assert state(get(client, page.url)) == "hit"
    page_cache.tag_cache().delete(page_cache.TAG_PREFIX + f"page:{page.pk}")  # evicted from the shared store
    page_cache.reset_local_state()  # what a new worker process knows
    assert state(get(client, page.url)) == "miss"  # re-renders under a re-created version
    assert state(get(client, page.url)) == "hit"
