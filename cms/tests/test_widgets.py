"""cms.widgets.FastSelect renders byte for byte what Django's template-rendered Select renders."""

import pytest
from django import forms

from cms.widgets import FastSelect

CHOICES = [("", "全部"), ("a&b", "甲 <乙>"), (3, "三"), ("组", [("x", "X 一"), ("y", "Y 二")])]


@pytest.mark.parametrize("value", [None, "", "a&b", "3", 3, "y", "nope"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_f", "class": "wide", "required": True, "disabled": False}])
def test_fast_select_renders_what_the_template_select_renders(value, attrs):
    expected = forms.Select(choices=CHOICES).render("f", value, attrs)
    assert FastSelect(choices=CHOICES).render("f", value, attrs) == expected
    assert "&lt;乙&gt;" in expected  # the labels are escaped
