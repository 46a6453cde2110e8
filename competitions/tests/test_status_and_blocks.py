"""Status follows the dates (fixed clock); masking; cross-field validation of events and rounds."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from competitions.blocks import RoundsBlock
from competitions.choices import EventStatus
from competitions.privacy import looks_like_personal_number, mask_names, mask_person
from competitions.status import event_status

D = datetime.date
REG_OPENS, REG_CLOSES, START, END = D(2025, 9, 1), D(2025, 9, 30), D(2025, 10, 20), D(2025, 10, 22)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2025, 8, 31), EventStatus.UPCOMING),
        (D(2025, 9, 1), EventStatus.REGISTRATION_OPEN),
        (D(2025, 9, 30), EventStatus.REGISTRATION_OPEN),
        (D(2025, 10, 1), EventStatus.UPCOMING),
        (D(2025, 10, 20), EventStatus.IN_PROGRESS),
        (D(2025, 10, 22), EventStatus.IN_PROGRESS),
        (D(2025, 10, 23), EventStatus.FINISHED),
    ],
)
def test_status_follows_the_dates(today, expected):
    assert event_status(START, END, REG_OPENS, REG_CLOSES, today=today) == expected


def test_one_day_event_and_open_ended_registration():
    assert event_status(START, None, today=START) == EventStatus.IN_PROGRESS
    assert event_status(START, None, today=START + datetime.timedelta(days=1)) == EventStatus.FINISHED
    assert event_status(START, None, REG_OPENS, None, today=D(2025, 10, 19)) == EventStatus.REGISTRATION_OPEN


@pytest.mark.django_db
def test_event_page_status_uses_the_same_rule(event):
    assert event.get_status(today=D(2025, 10, 21)) == EventStatus.IN_PROGRESS
    assert event.get_status(today=D(2026, 1, 1)) == EventStatus.FINISHED


@pytest.mark.django_db
def test_event_dates_are_checked_across_fields(event):
    event.end_date = event.start_date - datetime.timedelta(days=1)
    event.registration_opens = D(2025, 9, 10)
    event.registration_closes = D(2025, 9, 1)
    event.worldskills_skill_number = 41
    with pytest.raises(ValidationError) as caught:
        event.full_clean()
    assert {"end_date", "registration_closes", "worldskills_aligned"} <= set(caught.value.message_dict)


def test_masking_keeps_family_name_and_last_character():
    assert mask_person("张小华") == "张*华"
    assert mask_person("张华") == "张*"
    assert mask_person("欧阳小华") == "欧**华"
    assert mask_names("赵敏、钱小伟") == "赵*、钱*伟"


def test_personal_numbers_are_recognised():
    assert looks_like_personal_number("51010419900101123X") == "resident_id"
    assert looks_like_personal_number("身份证 510104199001011234") == "resident_id"
    assert looks_like_personal_number("138-1234-5678") == "mobile"
    assert looks_like_personal_number("+86 13812345678") == "mobile"
    assert looks_like_personal_number("028-12345678") is None
    assert looks_like_personal_number("95.50") is None


def test_rounds_weights_must_not_exceed_100_and_names_must_differ():
    block = RoundsBlock()
    too_heavy = block.to_python(
        [
            {"type": "round", "value": {"name": "知识竞赛", "weight": 60}},
            {"type": "round", "value": {"name": "综合技能实操", "weight": 50}},
        ]
    )
    with pytest.raises(ValidationError) as caught:
        block.clean(too_heavy)
    assert "不能超过 100" in str(caught.value.non_block_errors)
    twice = block.to_python(
        [
            {"type": "round", "value": {"name": "知识竞赛", "weight": 20}},
            {"type": "round", "value": {"name": "知识竞赛", "weight": 20}},
        ]
    )
    with pytest.raises(ValidationError) as caught:
        block.clean(twice)
    assert "环节名称重复：知识竞赛" in str(caught.value.non_block_errors)
    fine = block.to_python(
        [
            {"type": "round", "value": {"name": "知识竞赛", "weight": 20}},
            {"type": "round", "value": {"name": "单项技能实操", "weight": 30}},
            {"type": "round", "value": {"name": "综合技能实操", "weight": 50}},
        ]
    )
    assert len(block.clean(fine)) == 3
