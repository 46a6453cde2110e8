"""Slugs for pages created by importers: readable (pinyin for Chinese names) and unique among the siblings."""

from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin


def unique_child_slug(parent, base: str, *, default: str = "page") -> str:
    """`base`, or `base-2`, `base-3`… : the first slug no child of `parent` uses (one query)."""
    base = (base or default)[:200]
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def pinyin_slug(name: str) -> str:
    """'养老护理员' → 'yanglaohuliyuan'; falls back to a Unicode slug when pinyin gives nothing."""
    return slugify("".join(lazy_pinyin(name))) or slugify(name, allow_unicode=True)


def pinyin_initials(text: str) -> str:
    """'川人社办发' → 'crsbf': the first letter of each syllable."""
    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER))
