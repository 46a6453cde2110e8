"""The page-tree rules: which page types may be created where."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.demo import ensure_site_tree
from cms.models import HomePage
from competitions.models import CompetitionIndexPage
from curricula.models import CurriculaIndexPage
from policy.models import PolicyIndexPage
from search.models import SearchPage

SECTION_MODELS = [CurriculaIndexPage, CompetitionIndexPage, PolicyIndexPage, SearchPage]


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_exactly_the_four_sections(self):
        self.assertAllowedSubpageTypes(HomePage, set(SECTION_MODELS))

    def test_sections_live_only_under_the_home_page(self):
        for model in SECTION_MODELS:
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {HomePage})

    def test_each_section_exists_once(self):
        home, _ = ensure_site_tree()
        for model in SECTION_MODELS:
            with self.subTest(model=model.__name__):
                self.assertEqual(model.max_count, 1)
                self.assertFalse(model.can_create_at(home), "a second section root must be refused")

    def test_a_second_home_page_is_refused(self):
        ensure_site_tree()
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_sections_cannot_nest_inside_each_other(self):
        _, sections = ensure_site_tree()
        self.assertCanNotCreateAt(CurriculaIndexPage, SearchPage)
        self.assertFalse(SearchPage.can_create_at(sections["curricula"]))
