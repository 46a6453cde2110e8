"""Plain-text helpers of the curricula app (Markdown rendering is cms.safe_markdown)."""

import re


def split_lines(value: str) -> list[str]:
    """One item per non-empty line (learning outcomes are authored one per line)."""
    return [line.strip().lstrip("-*·• ").strip() for line in (value or "").splitlines() if line.strip()]


ALIAS_SEPARATORS = re.compile(r"[、,，;；\n]+")


def split_aliases(value: str) -> list[str]:
    return [part.strip() for part in ALIAS_SEPARATORS.split(value or "") if part.strip()]
