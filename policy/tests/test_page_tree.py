"""Tree rules of the policy section, pinned for every page type."""

import pytest
from wagtail.test.utils import WagtailPageTestCase

from cms.demo import ensure_site_tree
from cms.models import HomePage
from policy.models import Campaign, CampaignCalendar, PolicyDocument, PolicyExplainer, PolicyIndexPage

CHILD_TYPES = [PolicyDocument, PolicyExplainer, Campaign, CampaignCalendar]


class PolicyTreeRulesTests(WagtailPageTestCase):
    def test_index_holds_the_four_policy_page_types(self):
        self.assertAllowedSubpageTypes(PolicyIndexPage, set(CHILD_TYPES))

    def test_policy_pages_live_only_under_the_index(self):
        for model in CHILD_TYPES:
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {PolicyIndexPage})
                self.assertCanCreateAt(PolicyIndexPage, model)
                self.assertCanNotCreateAt(HomePage, model)

    def test_policy_pages_are_leaves(self):
        for model in CHILD_TYPES:
            for child in [*CHILD_TYPES, PolicyIndexPage]:
                with self.subTest(parent=model.__name__, child=child.__name__):
                    self.assertCanNotCreateAt(model, child)

    def test_one_calendar_per_site(self):
        _, sections = ensure_site_tree()
        index = sections["policy"]
        self.assertTrue(CampaignCalendar.can_create_at(index))
        index.add_child(instance=CampaignCalendar(title="日历", slug="calendar"))
        self.assertFalse(CampaignCalendar.can_create_at(index))
        self.assertTrue(Campaign.can_create_at(index))


@pytest.mark.django_db
def test_admin_can_create_a_document_through_the_editor(admin_client, policy_index):
    """The edit handler works end to end: the admin form creates a draft with issuers, body and dates."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = nested_form_data(
        {
            "title": "测试文件",
            "slug": "test-doc",
            "intro": "",
            "document_number": "测试发 〔2030〕 7 号",
            "issuers": inline_formset([{"name": "四川省测试厅"}]),
            "recipients": "",
            "issue_date": "2030-01-02",
            "effective_date": "",
            "expiry_date": "",
            "superseded_by": "",
            "body": streamfield(
                [
                    (
                        "section",
                        {
                            "numeral": "1",
                            "heading": "总体要求",
                            "intro": "",
                            "clauses": streamfield(
                                [
                                    (
                                        "item",
                                        {
                                            "numeral": "（十二）",
                                            "title": "标题",
                                            "text": "正文。",
                                            "items": streamfield([]),
                                        },
                                    )
                                ]
                            ),
                        },
                    )
                ]
            ),
            "attachments": inline_formset([]),
        }
    )
    url = f"/admin/pages/add/policy/policydocument/{policy_index.pk}/"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = PolicyDocument.objects.get(slug="test-doc")
    assert page.document_number == "测试发〔2030〕7号"
    section = page.sections[0]
    assert section["numeral"] == "一"
    assert section["clauses"][0]["anchor"] == "clause-12"
    assert [issuer.name for issuer in page.issuers.all()] == ["四川省测试厅"]
