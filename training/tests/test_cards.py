"""The directory's cards are built from rows with their words translated once per request, and its selects are
rendered in Python: the same markup as the template-rendered versions, in Chinese and in English."""

import datetime

import pytest
import time_machine
from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from cms.widgets import FastSelect
from training.models import TrainingClass
from training.models.cards import CLASS_CARD_FIELDS, card_text, class_cards
from training.models.directory import DirectoryFilter, occupations_for_filter

from .factories import TODAY, make_class, make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_the_directory_filter_form_renders_as_with_the_stock_select(curricula):
    occupations = occupations_for_filter()
    data = {"city": "绵阳", "occupation": "4-10-01-05", "level": "5", "kind": "nope", "starts": "30"}
    form = DirectoryFilter(data, occupations)
    stock = DirectoryFilter(data, occupations)
    for field in stock.fields.values():
        if isinstance(field.widget, FastSelect):
            field.widget = forms.Select(choices=field.choices)
    assert "".join(str(bound) for bound in form) == "".join(str(bound) for bound in stock)
    assert {occupation.reference_key for occupation in occupations} >= {"4-10-01-05", "育婴员"}  # no code: title


def card_html(item):
    request = RequestFactory().get("/")
    return render_to_string(
        "training/includes/class_card.html",
        {"item": item, "base_url": "/training/", "today": TODAY, "request": request},
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_card_from_a_row_is_the_card_of_the_class(curricula, language):
    """The directory builds cards from rows, the 报名与补贴 block passes TrainingClass instances: same card."""
    provider = make_provider(1, district="武侯区")
    make_class(
        provider, curricula["elder"], "C-1", start=TODAY + datetime.timedelta(days=9),
        enrol_url="https://example.org/enrol", enrol_in_person="一楼大厅",
        enrol_deadline=TODAY + datetime.timedelta(days=5),
    )  # fmt: skip
    make_class(provider, curricula["infant"], "C-2", start=TODAY + datetime.timedelta(days=30), seats_left=0)
    with translation.override(language):
        for item in TrainingClass.objects.select_related("provider", "occupation").order_by("code"):
            row = TrainingClass.objects.filter(pk=item.pk).values(*CLASS_CARD_FIELDS).get()
            card = class_cards([row], TODAY, card_text())[0]
            assert card_html(card) == card_html(item)
        words = card_html(TrainingClass.objects.get(code="C-2"))
    if language == "en":
        assert "Fee" in words and "培训费" not in words
    else:
        assert "培训费" in words and "名额已满" in words


def test_card_words_are_translated_once_per_request_and_language():
    request = RequestFactory().get("/")
    with translation.override("zh-hans"):
        text = card_text(request)
        assert card_text(request) is text
        assert text["补贴性培训"] == "补贴性培训"
    with translation.override("en"):
        english = card_text(request)
        assert english is not text and english["补贴性培训"] != "补贴性培训"
