"""What the parser recognises (patterns) and what it produces (ParsedDocument and its parts)."""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from ..numerals import NUMERAL_CHARS

SECTION_RE = re.compile(rf"^([{NUMERAL_CHARS}]+)、\s*(.+)$")
CLAUSE_RE = re.compile(rf"^[（(]([{NUMERAL_CHARS}]+)[）)]\s*(.*)$")
ITEM_RE = re.compile(r"^(\d{1,2})[.．、](?!\d)\s*(.+)$")
DATE_RE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
PRINTED_RE = re.compile(rf"^(?P<org>.+?)\s*{DATE_RE.pattern}\s*印发$")
SIGNATURE_DATE_RE = re.compile(rf"^{DATE_RE.pattern}$")
PAGE_NUMBER_RES = [
    re.compile(r"^[—–\-－─]+\s*\d{1,3}\s*[—–\-－─]+$"),
    re.compile(r"^第\s*\d{1,3}\s*页(\s*[，,/]?\s*共\s*\d{1,3}\s*页)?$"),
    re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"),
    re.compile(r"^\d{1,3}$"),
]
METADATA_RES = [
    re.compile(r"^信息公开选项[：:]"),
    re.compile(r"^[（(]此件[^）)]{0,12}[）)]$"),
    re.compile(r"^抄送[：:]"),
]
BODY_SUFFIXES = (
    "厅",
    "局",
    "委员会",
    "委",
    "联合会",
    "部",
    "办公室",
    "办公厅",
    "政府",
    "院",
    "署",
    "中心",
    "总会",
    "会",
)
TERMINAL = "。！？：；"
# A title that ends so is complete; "方案", "办法" and the like often continue ("…办法》的通知").
TITLE_ENDINGS = ("通知", "意见", "决定", "通报", "批复", "函", "公告", "通告")
INLINE_PUNCTUATION = "，。；：、！？"
FULLWIDTH_PUNCTUATION = "，。；：、！？）》”’】〕"
FULLWIDTH_OPENING = "（《“‘【〔"
CJK_RE = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》“”‘’（）]"


@dataclass
class ParsedItem:
    number: str
    text: str


@dataclass
class ParsedClause:
    numeral: str
    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    items: list[ParsedItem] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class ParsedSection:
    numeral: str
    heading: str
    intro: list[str] = field(default_factory=list)
    clauses: list[ParsedClause] = field(default_factory=list)


@dataclass
class ParsedDocument:
    document_number: str = ""
    title: str = ""
    issuers: list[str] = field(default_factory=list)
    recipients: str = ""
    issue_date: datetime.date | None = None
    preamble: list[tuple[str, str]] = field(default_factory=list)  # ("paragraph"|"heading", text)
    sections: list[ParsedSection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def clauses(self) -> list[ParsedClause]:
        return [clause for section in self.sections for clause in section.clauses]

    @property
    def errors(self) -> list[str]:
        """Problems that make a draft pointless: no title, no text at all."""
        problems = []
        if not self.title:
            problems.append("未识别到文件标题。")
        if not self.sections and not self.preamble:
            problems.append("未识别到任何正文。")
        return problems

    def stream_data(self) -> list[dict]:
        """The PolicyDocument.body StreamField value (raw JSON form)."""
        data = [{"type": kind, "value": text} for kind, text in self.preamble]
        for section in self.sections:
            data.append(
                {
                    "type": "section",
                    "value": {
                        "numeral": section.numeral,
                        "heading": section.heading,
                        "intro": "\n\n".join(section.intro),
                        "clauses": [
                            {
                                "numeral": clause.numeral,
                                "title": clause.title,
                                "text": clause.text,
                                "items": [{"number": item.number, "text": item.text} for item in clause.items],
                            }
                            for clause in section.clauses
                        ],
                    },
                }
            )
        return data

    def outline_lines(self) -> list[str]:
        """A short human-readable view of the detected structure, for the command and the admin preview."""
        lines = []
        for section in self.sections:
            lines.append(f"{section.numeral}、{section.heading}")
            for clause in section.clauses:
                items = f"（{len(clause.items)} 项）" if clause.items else ""
                lines.append(f"    （{clause.numeral}）{clause.title or clause.text[:20] + '…'}{items}")
        return lines


def char_width(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.5


def text_width(text: str) -> float:
    return sum(char_width(char) for char in text)


def despace_cjk(text: str) -> str:
    """'四 川 省 民 政 厅' → '四川省民政厅': letter-spaced headings and titles lose their spaces."""
    return re.sub(rf"(?<={CJK_RE})\s+(?={CJK_RE})", "", text)


def compact_title(text: str) -> str:
    """Titles are printed letter-spaced and with spaces around numbers; the canonical form has none."""
    return re.sub(rf"(?<={CJK_RE})\s+|\s+(?={CJK_RE})", "", tidy(text))


def tidy(text: str) -> str:
    """Collapse runs of spaces and drop spaces next to full-width punctuation ('2022 年底 ，' → '2022 年底，')."""
    text = re.sub(r"[ \t\u3000\xa0]+", " ", text).strip()
    text = re.sub(rf"\s+(?=[{FULLWIDTH_PUNCTUATION}])", "", text)
    text = re.sub(rf"(?<=[{FULLWIDTH_PUNCTUATION}{FULLWIDTH_OPENING}])\s+", "", text)
    return re.sub(rf"\s+(?=[{FULLWIDTH_OPENING}])", "", text)
