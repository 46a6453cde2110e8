"""Finding English UI text in a rendered admin page: visible text nodes and the attributes people read or hear
(placeholder, title, aria-label, alt). Used by tests/test_admin_chinese.py."""

import re
from html.parser import HTMLParser

READ_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value"}
SKIPPED_TAGS = {"script", "style", "template", "noscript", "code", "pre", "textarea"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+(?:\s+[A-Za-z][A-Za-z'’]+)*")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.hidden_depth = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in READ_ATTRIBUTES:
            if attributes.get(name):
                self.texts.append(attributes[name])
        if tag in VOID_TAGS:
            return
        self.stack.append(tag)
        if tag in SKIPPED_TAGS or self.hidden_depth:
            self.hidden_depth += 1

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or tag not in self.stack:
            return
        while self.stack:
            popped = self.stack.pop()
            if self.hidden_depth:
                self.hidden_depth -= 1
            if popped == tag:
                break

    def handle_data(self, data):
        if not self.hidden_depth and data.strip():
            self.texts.append(data.strip())


def readable_texts(html: str) -> list[str]:
    parser = _TextCollector()
    parser.feed(html)
    return parser.texts


def english_found(html: str, phrases) -> list[str]:
    """The listed English phrases that appear in the page's readable text (whole-word, case-sensitive)."""
    texts = readable_texts(html)
    found = []
    for phrase in phrases:
        pattern = re.compile(r"(?<![A-Za-z])" + re.escape(phrase) + r"(?![A-Za-z])")
        if any(pattern.search(text) for text in texts):
            found.append(phrase)
    return found


def english_runs(html: str, allowed=()) -> list[str]:
    """Every run of English words in the readable text (for finding what still needs a translation)."""
    runs = []
    for text in readable_texts(html):
        for match in WORD.finditer(text):
            if match.group(0) not in allowed:
                runs.append(match.group(0))
    return runs
