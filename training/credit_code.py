"""统一社会信用代码 (unified social credit code) as defined by GB 32100-2015.

18 characters: registration authority (1), organisation kind (1), administrative division (6), organisation
code (9) and a check character computed from the other 17 with fixed weights, modulo 31. A mistyped code is
almost always caught by the check character, so a provider cannot be listed under someone else's code by a typo.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def normalise_credit_code(value: str) -> str:
    """Full-width characters and lower case as people type them → the canonical upper-case form."""
    return unicodedata.normalize("NFKC", value or "").strip().replace(" ", "").upper()


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (which must be in the charset)."""
    total = sum(CHARSET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def credit_code_problem(value: str) -> str | None:
    """Why `value` is not a valid code (a sentence for the person who typed it), or None."""
    code = normalise_credit_code(value)
    if len(code) != LENGTH:
        return str(_("统一社会信用代码应为 18 位（当前 %(length)s 位）。") % {"length": len(code)})
    bad = [char for char in code if char not in CHARSET]
    if bad:
        return str(_("统一社会信用代码含有不允许的字符：%(chars)s（不使用 I、O、S、V、Z）。") % {"chars": "".join(bad)})
    expected = check_character(code[:17])
    if code[17] != expected:
        return str(_("统一社会信用代码校验位错误：第 18 位应为 %(expected)s。") % {"expected": expected})
    return None


def validate_credit_code(value: str) -> None:
    """Model/form validator: a ValidationError with the reason."""
    problem = credit_code_problem(value)
    if problem:
        raise ValidationError(problem, code="credit_code")


def make_credit_code(first17: str) -> str:
    """Complete 17 characters with their check character (demo data and tests build valid codes with it)."""
    return first17 + check_character(first17)
