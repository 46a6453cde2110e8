"""Finding 8 (issue 15): resident-ID and mobile numbers are recognised after normalising full-width digits,
spaces, dashes and invisible characters; ordinary numbers are not mistaken for them."""

import pytest

from cms.personal_data import looks_like_personal_number, normalise_digits


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("5101 0419 9001 0112 34", "resident_id"),
        ("510104-19900101-1234", "resident_id"),
        ("５１０１０４１９９００１０１１２３４", "resident_id"),
        ("５１０１０４１９９００１０１１２３Ｘ", "resident_id"),
        ("51010419\u200b9001011234", "resident_id"),
        ("张三（身份证：510104.19900101.1234）", "resident_id"),
        ("１３８１２３４５６７８", "mobile"),
        ("138 1234 5678", "mobile"),
        ("138–1234–5678", "mobile"),
        ("+86 138 1234 5678", "mobile"),
        ("0086-138-1234-5678", "mobile"),
        ("51010419900101123X", "resident_id"),
        ("138-1234-5678", "mobile"),
    ],
)
def test_disguised_numbers_are_recognised(text, kind):
    assert looks_like_personal_number(text) == kind


@pytest.mark.parametrize(
    "text", ["028-12345678", "95.50", "2025-10-20", "第 3 名", "四川省 2025 年养老护理员竞赛", "12345678901234567"]
)
def test_ordinary_text_is_not_taken_for_personal_numbers(text):
    assert looks_like_personal_number(text) is None


def test_normalise_digits():
    assert normalise_digits("１３８ １２３４-５６７８") == "13812345678"
    assert normalise_digits("成都 2025") == "成都 2025", "separators are removed only between digits"
