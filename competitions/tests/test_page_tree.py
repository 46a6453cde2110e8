"""Page-tree rules of the competitions section."""

from django.apps import apps
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.demo import ensure_site_tree
from cms.models import HomePage
from competitions.models import Competition, CompetitionEvent, CompetitionIndexPage, WinnersHall

from .factories import make_series, publish


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
        other_sections = [apps.get_model(label) for label in ("curricula.CurriculaIndexPage", "policy.PolicyIndexPage")]
        for parent in (Page, HomePage, *other_sections):
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


class CompetitionPagesEditAndPreviewTests(WagtailPageTestCase):
    """Every page type renders, saves through the real admin edit form and previews."""

    @classmethod
    def setUpTestData(cls):
        _, sections = ensure_site_tree()
        cls.index = sections["competitions"].specific
        cls.series = make_series(cls.index)
        cls.event = publish(
            cls.series,
            CompetitionEvent(
                title="2025 年决赛",
                slug="final-2025",
                year=2025,
                start_date="2025-10-20",
                end_date="2025-10-22",
                rounds=[("round", {"name": "知识竞赛", "weight": 20, "duration_minutes": 60, "description": ""})],
            ),
        )
        cls.hall = publish(cls.index, WinnersHall(title="获奖名单", slug="winners"))

    def test_each_page_type_renders_edits_and_previews(self):
        for page in (self.index, self.series, self.hall):
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)
                self.assertPageIsEditable(page)
                self.assertPageIsPreviewable(page)

    def test_event_edits_and_previews_with_its_rounds(self):
        # The rounds StreamField is built by JavaScript in the editor, so the form data is given explicitly.
        post_data = nested_form_data(
            {
                "title": "2025 年决赛",
                "slug": "final-2025",
                "year": 2025,
                "stage": "final",
                "tier": "provincial",
                "start_date": "2025-10-20",
                "end_date": "2025-10-22",
                "rounds": streamfield(
                    [
                        ("round", {"name": "知识竞赛", "weight": 20, "duration_minutes": 60, "description": ""}),
                        ("round", {"name": "综合技能实操", "weight": 80, "duration_minutes": "", "description": ""}),
                    ]
                ),
                "registration_info": rich_text(""),
                "body": rich_text("<p>比赛说明</p>"),
            }
        )
        self.assertPageIsRenderable(self.event)
        self.assertPageIsEditable(self.event, post_data=post_data)
        self.assertPageIsPreviewable(self.event, post_data=post_data)

    def test_event_routes_render(self):
        self.assertPageIsRoutable(self.event, "results/csv/")
        self.assertPageIsRenderable(self.event, "results/json/", accept_404=True)
