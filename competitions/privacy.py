"""Personal data rules for results: no resident ID or phone numbers are accepted, and names can be masked."""

import re

# An 18-digit resident ID (the last character may be X), matched without checking the checksum: anything that
# looks like one is refused. Digits around it must not be digits, so longer numbers are caught by the ID rule too.
RESIDENT_ID_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
# A mainland mobile number (11 digits starting 13-19), optionally with +86 and separators (138-1234-5678).
MOBILE_RE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}(?![0-9])")

NAME_SEPARATORS_RE = re.compile(r"\s*[、,，;；/]\s*")


def looks_like_personal_number(text: str) -> str | None:
    """Return which kind of number the text contains ("resident_id" or "mobile"), or None."""
    if RESIDENT_ID_RE.search(text):
        return "resident_id"
    if MOBILE_RE.search(text):
        return "mobile"
    return None


def mask_person(name: str) -> str:
    """张华 → 张*, 张小华 → 张*华, 欧阳小华 → 欧**华: keep the family name's first character and the last one."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def split_names(names: str) -> list[str]:
    """Team members are written in one cell separated by 、 or commas."""
    return [part for part in NAME_SEPARATORS_RE.split(names.strip()) if part]


def mask_names(names: str) -> str:
    """Mask every person in a cell that may list several (a team's members)."""
    parts = split_names(names)
    if len(parts) <= 1:
        return mask_person(names)
    return "、".join(mask_person(part) for part in parts)
