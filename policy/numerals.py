"""Chinese numerals of official documents (一、 / （十二）) and the stable anchors derived from them.

Anchors come from the numeral the document prints, not from a block's position, so reordering blocks in the
editor never breaks a link such as `#clause-12` in an explainer.
"""

import re

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)
_STRIP = "（）()、.． \u3000"
_INT_DIGITS = "〇一二三四五六七八九"


def cn_to_int(numeral: str) -> int:
    """Parse a Chinese numeral from 一 to 九百九十九; raise ValueError for anything else."""
    text = (numeral or "").strip()
    if not text or any(char not in DIGITS and char not in UNITS for char in text):
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    total = 0
    pending = None
    last_unit = 1000
    for char in text:
        if char in DIGITS:
            if pending is not None and pending != 0:
                raise ValueError(f"not a Chinese numeral: {numeral!r}")
            pending = DIGITS[char]
        else:
            unit = UNITS[char]
            if unit >= last_unit:
                raise ValueError(f"not a Chinese numeral: {numeral!r}")
            total += (pending if pending else 1) * unit
            pending = None
            last_unit = unit
    if pending:
        total += pending
    if total <= 0:
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return total


def int_to_cn(number: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五 (the forms documents print)."""
    if not 0 < number < 1000:
        raise ValueError(f"out of range: {number}")
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    text = ""
    if hundreds:
        text += _INT_DIGITS[hundreds] + "百"
        if tens == 0 and ones:
            return text + "零" + _INT_DIGITS[ones]
    if tens:
        text += ("" if tens == 1 and not hundreds else _INT_DIGITS[tens]) + "十"
    if ones:
        text += _INT_DIGITS[ones]
    return text


def normalise_numeral(value: str) -> str:
    """Accept what an editor types ("十二", "（十二）", "(12)", "12") and return the bare numeral "十二"."""
    text = (value or "").strip().strip(_STRIP)
    if re.fullmatch(r"\d{1,3}", text):
        return int_to_cn(int(text))
    cn_to_int(text)  # raises ValueError when it is not a numeral
    return text


def section_anchor(numeral: str) -> str:
    return f"section-{cn_to_int(numeral)}"


def clause_anchor(numeral: str, section_numeral: str | None = None) -> str:
    """`clause-12` for （十二）; `section-2-clause-1` when clause numbers restart in every section."""
    if section_numeral:
        return f"section-{cn_to_int(section_numeral)}-clause-{cn_to_int(numeral)}"
    return f"clause-{cn_to_int(numeral)}"
