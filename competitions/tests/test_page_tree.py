"""Page-tree rules of the competitions section."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.demo import ensure_site_tree
from cms.models import HomePage
from cms.policy.models import PolicyIndexPage
from competitions.models import Competition, CompetitionEvent, CompetitionIndexPage, WinnersHall
from curricula.models import CurriculaIndexPage

from .conftest import make_series, publish


class CompetitionTreeRulesTests(WagtailPageTestCase):
    def test_index_holds_series_and_the_winners_hall(self):
        self.assertAllowedSubpageTypes(CompetitionIndexPage, {Competition, WinnersHall})
        self.assertCanCreateAt(CompetitionIndexPage, Competition)
        self.assertCanCreateAt(CompetitionIndexPage, WinnersHall)
        self.assertCanNotCreateAt(CompetitionIndexPage, CompetitionEvent)

    def test_series_hold_only_events(self):
        self.assertAllowedParentPageTypes(Competition, {CompetitionIndexPage})
        self.assertAllowedSubpageTypes(Competition, {CompetitionEvent})
        self.assertCanCreateAt(Competition, CompetitionEvent)
        self.assertCanNotCreateAt(Competition, Competition)
        self.assertCanNotCreateAt(Competition, WinnersHall)

    def test_events_only_under_a_series_and_hold_nothing(self):
        self.assertAllowedParentPageTypes(CompetitionEvent, {Competition})
        self.assertAllowedSubpageTypes(CompetitionEvent, set())
        self.assertCanNotCreateAt(CompetitionEvent, CompetitionEvent)

    def test_winners_hall_only_under_the_index_and_holds_nothing(self):
        self.assertAllowedParentPageTypes(WinnersHall, {CompetitionIndexPage})
        self.assertAllowedSubpageTypes(WinnersHall, set())

    def test_nothing_of_ours_elsewhere_in_the_site(self):
        for parent in (Page, HomePage, CurriculaIndexPage, PolicyIndexPage):
            for model in (Competition, CompetitionEvent, WinnersHall):
                with self.subTest(parent=parent.__name__, model=model.__name__):
                    self.assertCanNotCreateAt(parent, model)

    def test_one_winners_hall_only(self):
        _, sections = ensure_site_tree()
        index = sections["competitions"]
        self.assertEqual(WinnersHall.max_count, 1)
        self.assertTrue(WinnersHall.can_create_at(index))
        publish(index, WinnersHall(title="获奖名单", slug="winners"))
        self.assertFalse(WinnersHall.can_create_at(index))
        self.assertTrue(Competition.can_create_at(index))
        series = make_series(index)
        self.assertTrue(CompetitionEvent.can_create_at(series))
