"""Personal data rules for results: no resident ID or phone numbers are accepted (`cms.personal_data`, shared with
the other apps), and names can be masked."""

import re

from cms.personal_data import looks_like_personal_number

__all__ = ["looks_like_personal_number", "mask_names", "mask_person", "split_names"]

NAME_SEPARATORS_RE = re.compile(r"\s*[、,，;；/]\s*")


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
