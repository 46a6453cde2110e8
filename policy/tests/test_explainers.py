"""Policy explainers: Q&A sanitising, clause links, admin validation, curricula links, search contract, queries."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from policy.models import PolicyExplainer, PolicyExplainerCurriculumLink, PolicyExplainerDocument

from .factories import _ref, publish

pytestmark = pytest.mark.django_db


def test_explainer_renders_summary_points_and_qa(client, explainer, seed_document):
    response = client.get(explainer.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "有户籍限制吗？" in html
    assert "<strong>没有</strong>" in html
    assert "学员和劳动者" in html
    assert f'href="{seed_document.url}">《{seed_document.title}》</a>' in html
    assert 'href="/tags/%E5%85%BB%E8%80%81%E6%8A%A4%E7%90%86/"' in html or 'href="/tags/养老护理/"' in html


def test_clause_reference_links_to_an_anchor_that_exists(client, explainer, seed_document):
    html = client.get(explainer.url).content.decode()
    links = re.findall(r'class="clause-ref" href="([^"]+)">第（十二）条', html)
    assert links and all(link == f"{seed_document.url}#clause-12" for link in links)
    path, anchor = links[0].split("#")
    assert f'id="{anchor}"' in client.get(path).content.decode()


@pytest.mark.parametrize(
    "answer",
    [
        "<script>alert('x')</script>正文",
        "正文<img src=x onerror=alert(1)>",
        "[点我](javascript:alert(1)) 正文",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>正文",
        '<a href="#" onclick="alert(1)">正文</a>',
    ],
)
def test_markdown_and_html_in_answers_are_sanitised(client, policy_index, seed_document, answer):
    page = PolicyExplainer(
        title="危险解读",
        slug="unsafe",
        summary="摘要",
        qa=[{"type": "qa", "value": {"question": "问题？", "answer": answer, "references": []}}],
    )
    page.explained_documents = [PolicyExplainerDocument(document=seed_document)]
    publish(policy_index, page)
    html = client.get(page.url).content.decode().lower()
    answer_html = html[html.index('class="qa-answer"') :]
    assert "<script" not in answer_html
    assert "evil.example" not in answer_html
    assert "onerror" not in answer_html and "onclick" not in answer_html
    assert "javascript:" not in answer_html
    assert "正文" in answer_html


def test_an_answer_that_is_only_a_script_is_refused():
    from wagtail.blocks.struct_block import StructBlockValidationError

    from policy.blocks import QABlock

    block = QABlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"question": "问？", "answer": "<script>alert(1)</script>", "references": []}))
    assert "answer" in error.value.block_errors


def test_admin_form_rejects_a_reference_to_a_missing_clause(admin_client, policy_index, seed_document):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    def post(clause):
        data = nested_form_data(
            {
                "title": "表单解读",
                "slug": f"form-explainer-{clause}",
                "intro": "",
                "explained_documents": inline_formset([{"document": seed_document.pk}]),
                "summary": "摘要",
                "key_points": streamfield([]),
                "qa": streamfield(
                    [
                        (
                            "qa",
                            {
                                "question": "问？",
                                "answer": "答。",
                                "references": streamfield(
                                    [("item", {"document": "", "section": "", "clause": clause, "label": ""})]
                                ),
                            },
                        )
                    ]
                ),
                "curriculum_links": inline_formset([]),
                "tags": "养老护理, 培训补贴",
            }
        )
        data["audience"] = ["trainees", "employers"]  # a multiple choice: several values under one name
        return admin_client.post(f"/admin/pages/add/policy/policyexplainer/{policy_index.pk}/", data)

    refused = post("十四")
    assert refused.status_code == 200
    errors = refused.context["form"].errors
    assert "没有唯一的条款（十四）" in str(errors.get("qa")), errors
    assert not PolicyExplainer.objects.filter(slug="form-explainer-十四").exists()
    accepted = post("12")
    assert accepted.status_code == 302, accepted.content.decode()[:2000]
    page = PolicyExplainer.objects.get(slug="form-explainer-12")
    assert page.qa[0].value["references"][0]["clause"] == "十二"
    assert page.audience == ["trainees", "employers"]
    assert {tag.name for tag in page.tags.all()} == {"培训补贴", "养老护理"}


def test_clause_reference_to_a_named_document_is_checked_in_the_block(seed_document):
    from wagtail.blocks.struct_block import StructBlockValidationError

    from policy.blocks import ClauseReferenceBlock

    block = ClauseReferenceBlock()
    good = block.clean(block.to_python(_ref("（十三）", seed_document.pk)))
    assert good["clause"] == "十三"
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(_ref("二十", seed_document.pk)))
    assert "clause" in error.value.block_errors


def test_curriculum_links_accept_only_curricula_pages(explainer, seed_document):
    link = PolicyExplainerCurriculumLink(page=explainer, link_page=seed_document)
    with pytest.raises(ValidationError) as error:
        link.clean()
    assert "link_page" in error.value.message_dict


def test_curriculum_links_accept_an_occupation_when_curricula_provides_one(explainer, sections):
    occupation_model = apps.get_model("curricula", "Occupation")  # by label: policy does not import curricula
    assert occupation_model.can_create_at(sections["curricula"])
    occupation = occupation_model(title="养老护理员", slug="yang-lao-hu-li-yuan")
    sections["curricula"].add_child(instance=occupation)
    PolicyExplainerCurriculumLink(page=explainer, link_page=occupation).clean()


def test_explainer_page_renders_in_at_most_10_queries(client, explainer, make_campaign, django_assert_max_num_queries):
    from policy.models import CampaignExplainer

    for number in range(3):
        campaign = make_campaign(slug=f"c{number}", live=False)
        campaign.explainer_links = [CampaignExplainer(explainer=explainer)]
        campaign.save_revision().publish()
    client.get(explainer.url)
    with django_assert_max_num_queries(10):
        response = client.get(explainer.url)
    assert response.status_code == 200
    assert response.content.decode().count('class="card campaign-card"') == 3


def test_explainer_search_contract(explainer):
    document = explainer.search_document()
    assert document["type"] == "explainer"
    assert document["codes"] == ["川人社办发〔2021〕26号"]
    assert document["tags"] == ["养老护理"]
    assert "没有户籍、年龄、社保门槛" in document["text"]
    assert "**" not in document["text"]
    assert document["date"] is not None and document["year"] == document["date"].year


def test_share_metadata_uses_the_summary(client, explainer):
    html = client.get(explainer.url).content.decode()
    assert '<meta property="og:description" content="一段摘要。">' in html
    assert '<meta property="article:tag" content="养老护理">' in html
