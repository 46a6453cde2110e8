"""Chinese numerals ↔ integers: anchors are derived from them, so they must round-trip exactly."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy.numerals import clause_anchor, cn_to_int, int_to_cn, normalise_numeral, section_anchor


@pytest.mark.parametrize(
    ("numeral", "number"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("十三", 13),
        ("二十", 20),
        ("二十一", 21),
        ("九十九", 99),
        ("一百零五", 105),
    ],
)
def test_numerals_documents_print(numeral, number):
    assert cn_to_int(numeral) == number
    assert int_to_cn(number) == numeral


@given(st.integers(min_value=1, max_value=999))
def test_every_number_round_trips(number):
    assert cn_to_int(int_to_cn(number)) == number


@pytest.mark.parametrize("bad", ["", "十十", "二二", "a", "（一）", "零"])
def test_non_numerals_are_refused(bad):
    with pytest.raises(ValueError):
        cn_to_int(bad)


def test_editor_input_is_normalised():
    assert normalise_numeral("（十二）") == "十二"
    assert normalise_numeral("(12)") == "十二"
    assert normalise_numeral("12") == "十二"
    assert normalise_numeral(" 三、") == "三"
    with pytest.raises(ValueError):
        normalise_numeral("第十二条")


def test_anchors_come_from_the_numeral():
    assert section_anchor("四") == "section-4"
    assert clause_anchor("十二") == "clause-12"
    assert clause_anchor("一", "二") == "section-2-clause-1"
