"""Recognising resident-ID and mobile numbers of people in free text, for every app that must keep them off
public pages (competition results, training records, …).

Why normalise first: the outside test slipped numbers past a plain pattern with spaces (`5101 0419 9001 0112 34`),
dashes (`510104-19900101-1234`), full-width digits (`５１０１０４…`) and, as easily, zero-width characters.
NFKC turns full-width digits and letters into ASCII; format characters are dropped; separators between digits are
removed; only then are the patterns applied.
"""

from __future__ import annotations

import re
import unicodedata

# An 18-digit resident ID (the last character may be X), matched without checking the checksum: anything that
# looks like one is refused. Digits around it must not be digits, so longer numbers are caught by the ID rule too.
RESIDENT_ID_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
# A mainland mobile number (11 digits starting 13-19), optionally with +86 / 0086 in front.
MOBILE_RE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86)?1[3-9][0-9]{9}(?![0-9])")
# Separators people (and evaders) put between digit groups: spaces of any kind, dashes, dots, slashes, underscores.
DIGIT_SEPARATORS_RE = re.compile(r"(?<=[0-9])[\s\-‐‑‒–—―.·・_/]+(?=[0-9Xx])")


def normalise_digits(text: str) -> str:
    """Full-width → ASCII (NFKC), invisible format characters removed, separators between digits removed."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return DIGIT_SEPARATORS_RE.sub("", text)


def looks_like_personal_number(text: str) -> str | None:
    """Return which kind of number the text contains ("resident_id" or "mobile"), or None."""
    compact = normalise_digits(text)
    if RESIDENT_ID_RE.search(compact):
        return "resident_id"
    if MOBILE_RE.search(compact):
        return "mobile"
    return None
