"""Pure functions with fixed dates: 信用代码 check character, statuses, subsidy resolution, nearest 市州."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError

from training.choices import ClassStatus, ListingStatus
from training.credit_code import check_character, credit_code_problem, make_credit_code, validate_credit_code
from training.geography import nearest_city
from training.models.phones import personal_number_problem, tel_href
from training.status import class_status, listing_status
from training.subsidies import overlapping_rules, resolve_subsidy

D = datetime.date


@pytest.mark.parametrize("code", ["9144030071526726XG", "91330100799655058B", "91110108551385082Q"])
def test_published_credit_codes_pass_the_check(code):
    assert check_character(code[:17]) == code[17]
    assert credit_code_problem(code) is None
    assert credit_code_problem(code.lower()) is None  # typed in lower case: normalised


def test_a_wrong_check_character_is_refused_with_the_expected_one():
    problem = credit_code_problem("9144030071526726XA")
    assert "校验位" in problem and "G" in problem
    with pytest.raises(ValidationError):
        validate_credit_code("9144030071526726XA")


@pytest.mark.parametrize(
    ("code", "words"),
    [("91440300715267", "18 位"), ("9144030071526726IO", "不允许的字符"), ("9144030071526726ZG", "Z")],
)
def test_bad_lengths_and_characters_are_named(code, words):
    assert words in credit_code_problem(code)


def test_make_credit_code_completes_seventeen_characters():
    assert credit_code_problem(make_credit_code("91510100MA6000001")) is None


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 3, 20), ClassStatus.ENROLLING),  # before the deadline
        (D(2026, 3, 28), ClassStatus.ENROLLING),  # on the deadline
        (D(2026, 3, 29), ClassStatus.UPCOMING),  # deadline passed, not started
        (D(2026, 4, 1), ClassStatus.RUNNING),  # first day
        (D(2026, 4, 20), ClassStatus.RUNNING),  # last day
        (D(2026, 4, 21), ClassStatus.FINISHED),
    ],
)
def test_class_status_follows_the_dates(today, expected):
    assert class_status(D(2026, 4, 1), D(2026, 4, 20), 5, D(2026, 3, 28), today) == expected


def test_a_full_class_is_full_until_it_starts_and_then_runs():
    assert class_status(D(2026, 4, 1), D(2026, 4, 20), 0, None, D(2026, 3, 1)) == ClassStatus.FULL
    assert class_status(D(2026, 4, 1), D(2026, 4, 20), 0, None, D(2026, 4, 2)) == ClassStatus.RUNNING
    assert class_status(D(2026, 4, 1), D(2026, 4, 20), 3, None, D(2026, 3, 31)) == ClassStatus.ENROLLING


def test_listing_status_in_the_directory_and_expired():
    assert listing_status(D(2024, 1, 1), D(2026, 12, 31), D(2026, 12, 31)) == ListingStatus.LISTED
    assert listing_status(D(2024, 1, 1), D(2026, 12, 31), D(2027, 1, 1)) == ListingStatus.EXPIRED
    assert listing_status(D(2024, 1, 1), None, D(2040, 1, 1)) == ListingStatus.LISTED
    assert listing_status(D(2027, 1, 1), None, D(2026, 1, 1)) == ListingStatus.PENDING


@dataclass
class Rule:
    amount: int
    occupation_id: int | None = None
    level: int | None = None
    city: str = ""
    valid_from: datetime.date = D(2021, 7, 1)
    valid_to: datetime.date | None = None


ELDER, NUTRITION = 1, 2
RULES = [
    Rule(800),  # every shortage occupation, every level, province
    Rule(1000, ELDER, 5),
    Rule(1200, ELDER, 5, "绵阳"),
    Rule(900, None, None, "成都"),  # every shortage occupation in 成都
    Rule(1500, ELDER, 5, valid_from=D(2027, 1, 1)),  # not yet valid (and a different period)
]


@pytest.mark.parametrize(
    ("occupation", "shortage", "level", "city", "day", "amount"),
    [
        (ELDER, True, 5, "绵阳", D(2026, 3, 1), 1200),  # the 市州 rule wins
        (ELDER, True, 5, "", D(2026, 3, 1), 1000),  # province, occupation rule beats the shortage rule
        (ELDER, True, 5, "广元", D(2026, 3, 1), 1000),  # no 广元 rule: the province's
        (ELDER, True, 4, "广元", D(2026, 3, 1), 800),  # no 四级 rule: the shortage rule
        (ELDER, True, 5, "成都", D(2026, 3, 1), 900),  # a 市州 rule beats a provincial occupation rule
        (NUTRITION, False, 5, "", D(2026, 3, 1), None),  # not a shortage occupation: no rule applies
        (ELDER, True, 3, "", D(2021, 6, 30), None),  # before every rule
    ],
)
def test_the_most_specific_valid_rule_wins(occupation, shortage, level, city, day, amount):
    rule = resolve_subsidy(RULES, occupation, shortage, level, city, day)
    assert (rule.amount if rule else None) == amount


def test_a_later_rule_takes_over_on_its_first_day():
    rules = [Rule(1000, ELDER, 5, valid_to=D(2026, 12, 31)), Rule(1500, ELDER, 5, valid_from=D(2027, 1, 1))]
    assert resolve_subsidy(rules, ELDER, True, 5, "", D(2026, 12, 31)).amount == 1000
    assert resolve_subsidy(rules, ELDER, True, 5, "", D(2027, 1, 1)).amount == 1500


def test_overlapping_rules_of_the_same_scope_are_found_and_other_scopes_are_not():
    open_ended = Rule(1000, ELDER, 5)
    later = Rule(1500, ELDER, 5, valid_from=D(2027, 1, 1))
    assert overlapping_rules(later, [open_ended]) == [open_ended]
    assert overlapping_rules(Rule(1200, ELDER, 5, "绵阳"), [open_ended]) == []
    closed = Rule(1000, ELDER, 5, valid_to=D(2026, 12, 31))
    assert overlapping_rules(later, [closed]) == []


def test_the_nearest_city_with_classes():
    assert nearest_city("德阳", {"成都", "绵阳", "攀枝花"}) in {"成都", "绵阳"}
    assert nearest_city("阿坝", {"攀枝花", "成都"}) == "成都"
    assert nearest_city("成都", {"成都"}) is None
    assert nearest_city("成都", set()) is None


def test_phone_links_and_personal_numbers():
    assert tel_href("028-0000 1234") == "tel:+862800001234"
    assert tel_href("12333") == "tel:12333"
    assert personal_number_problem("138 0000 1234") is not None
    assert personal_number_problem("51010119900101123X") is not None
    assert personal_number_problem("028-8888 6666、0816-2222 3333") is None
