"""Public business phone numbers as tap-to-call links: 028-8888 8888 → tel:+862888888888."""

from __future__ import annotations

import re

SEPARATORS = re.compile(r"[、,，;；/\n]+")


def tel_href(number: str) -> str:
    """A `tel:` URI (RFC 3966) for a Chinese number as written on a notice: 0 prefix → +86, hotlines as they are."""
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("+"):
        return f"tel:{digits}"
    if len(digits) <= 6:  # 12333 and other short service numbers
        return f"tel:{digits}"
    if digits.startswith("0"):
        digits = digits[1:]
    return f"tel:+86{digits}"


def phone_list(text: str) -> list[dict]:
    """[{"display": "028-8888 8888", "href": "tel:+862888888888"}] for each number in the field."""
    numbers = [part.strip() for part in SEPARATORS.split(text or "") if part.strip()]
    return [{"display": number, "href": tel_href(number)} for number in numbers]


MOBILE = re.compile(r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
RESIDENT_ID = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")


def personal_number_problem(text: str) -> str | None:
    """Public pages show organisations' numbers only: a mobile or resident ID number may be a person's."""
    from django.utils.translation import gettext as _

    if RESIDENT_ID.search(text or ""):
        return _("不得填写身份证号。")
    if MOBILE.search(text or ""):
        return _("请填写机构的座机或服务热线，不要填写个人手机号。")
    return None


def validate_public_phone(value: str) -> None:
    from django.core.exceptions import ValidationError

    problem = personal_number_problem(value)
    if problem:
        raise ValidationError(problem, code="personal_number")
