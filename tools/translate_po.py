"""Fill English translations from tools/en_glossary.tsv into locale/en/LC_MESSAGES/django.po.

Run after `manage.py makemessages -l en`, then `manage.py compilemessages`. Entries already translated
are kept; strings with no glossary entry stay empty (Django then shows the Chinese source).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
GLOSSARY = ROOT / "tools" / "en_glossary.tsv"


FUZZY = re.compile(
    r"#, fuzzy(?P<flags>(?:, [\w-]+)*)\n(?:#\| [^\n]*\n)*"
    r'msgid "(?P<id>(?:[^"\\]|\\.)+)"\n'
    r'msgstr "(?:[^"\\]|\\.)*"\n(?:"(?:[^"\\]|\\.)*"\n)*'
)


def unfuzz(text: str, glossary: dict[str, str]) -> str:
    """makemessages guesses a translation from a similar old string and marks it fuzzy (compilemessages then skips
    it): take the glossary's translation of the exact string instead, or leave it empty for `fill`."""

    def replace(match):
        flags = match.group("flags").lstrip(", ")
        source = match.group("id")
        prefix = f"#, {flags}\n" if flags else ""
        return f'{prefix}msgid "{source}"\nmsgstr "{glossary.get(source, "")}"\n'

    return FUZZY.sub(replace, text)


def po_quoted(text: str) -> str:
    """Glossary lines are written with plain or escaped quotes; the catalogue always escapes them."""
    return text.replace('\\"', '"').replace('"', '\\"')


def main() -> None:
    glossary = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, target = line.split("\t", 1)
            glossary[po_quoted(source)] = po_quoted(target)
    text = PO.read_text(encoding="utf-8")
    pattern = re.compile(r'msgid "(?P<id>(?:[^"\\]|\\.)+)"\nmsgstr ""\n(?!")')

    def fill(match):
        source = match.group("id")
        target = glossary.get(source)
        if target is None:
            return match.group(0)
        return f'msgid "{source}"\nmsgstr "{target}"\n'

    text = unfuzz(text, glossary)
    text = pattern.sub(fill, text)
    text = text.replace("#, fuzzy\n", "", 1)
    PO.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
