"""The parser: lines of PDF text rejoined, page furniture dropped, 一、/（一）/1. headings recognised."""

import datetime
import re
import statistics
from collections import Counter

from ..document_numbers import normalise_document_number
from ..numerals import cn_to_int, int_to_cn
from .parsed import (
    BODY_SUFFIXES,
    CLAUSE_RE,
    DATE_RE,
    INLINE_PUNCTUATION,
    ITEM_RE,
    METADATA_RES,
    PAGE_NUMBER_RES,
    PRINTED_RE,
    SECTION_RE,
    SIGNATURE_DATE_RE,
    TERMINAL,
    TITLE_ENDINGS,
    ParsedClause,
    ParsedDocument,
    ParsedItem,
    ParsedSection,
    compact_title,
    despace_cjk,
    text_width,
    tidy,
)


def join_lines(first: str, second: str) -> str:
    """Rejoin a line broken by the page edge: no space between CJK text, one space between Latin words."""
    if first and second and first[-1].isascii() and first[-1].isalnum() and second[0].isascii() and second[0].isalnum():
        return f"{first} {second}"
    return first + second


def is_heading_start(line: str) -> bool:
    return bool(SECTION_RE.match(line) or CLAUSE_RE.match(line) or ITEM_RE.match(line))


def parse_date(text: str) -> datetime.date | None:
    match = DATE_RE.search(text)
    if not match:
        return None
    try:
        return datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


class _Parser:
    def __init__(self, text: str):
        self.doc = ParsedDocument()
        self.raw = text

    # Stage 1: lines, furniture and metadata -------------------------------------------------------------
    def clean_lines(self) -> list[str]:
        text = self.raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
        text = text.replace("\f", "\n")
        lines = [line.replace("\u3000", " ").replace("\xa0", " ").strip() for line in text.split("\n")]
        lines = [line for line in lines if line]
        dropped_pages = 0
        kept = []
        for line in lines:
            compact = re.sub(r"\s+", "", line)
            if any(regex.match(compact) or regex.match(line) for regex in PAGE_NUMBER_RES):
                dropped_pages += 1
                continue
            kept.append(line)
        if dropped_pages:
            self.doc.notes.append(f"已删除 {dropped_pages} 行页码。")
        # Running headers and footers: the same short line repeated on many pages.
        counts = Counter(kept)
        repeated = {
            line
            for line, count in counts.items()
            if count >= 3 and text_width(line) <= 30 and not is_heading_start(line) and line[-1] not in TERMINAL
        }
        for line in sorted(repeated):
            self.doc.notes.append(f"已删除重复出现 {counts[line]} 次的页眉/页脚：“{line}”。")
        return [line for line in kept if line not in repeated]

    def take_metadata(self, lines: list[str]) -> list[str]:
        kept = []
        printed_date = signature_date = None
        for line in lines:
            compact = re.sub(r"\s+", " ", line)
            if any(regex.match(compact) for regex in METADATA_RES):
                self.doc.notes.append(f"已删除文件版记：“{compact}”。")
                continue
            printed = PRINTED_RE.match(compact)
            if printed:
                printed_date = parse_date(compact)
                self.doc.notes.append(f"印发机关与日期：“{compact}”。")
                continue
            if SIGNATURE_DATE_RE.match(compact):
                signature_date = signature_date or parse_date(compact)
                self.doc.notes.append(f"成文日期：“{compact}”。")
                continue
            kept.append(line)
        self.doc.issue_date = signature_date or printed_date
        if self.doc.issue_date is None:
            self.doc.warnings.append("未找到成文日期或印发日期（如“2021年6月16日”），请手工填写发布日期。")
        elif signature_date is None:
            self.doc.notes.append("未找到落款成文日期，发布日期取自印发日期。")
        return kept

    # Stage 2: the masthead (issuing bodies) and the document number ---------------------------------------
    def take_masthead(self, lines: list[str]) -> list[str]:
        for index, line in enumerate(lines[:40]):
            number = normalise_document_number(line)
            if number:
                self.doc.document_number = number[0]
                self.read_issuers(lines[:index])
                return lines[index + 1 :]
        self.doc.warnings.append("未找到单独成行的文号（如“川人社办发〔2021〕26号”），请手工填写。")
        return lines

    def read_issuers(self, lines: list[str]) -> None:
        for line in lines:
            name = despace_cjk(line)
            if name == "文件":
                continue
            if name.endswith("文件") and len(name) > 2:
                name = name[: -len("文件")]
            if name.endswith(BODY_SUFFIXES) and len(name) <= 40:
                if name not in self.doc.issuers:
                    self.doc.issuers.append(name)
            else:
                self.doc.warnings.append(f"文头中无法识别的行（未作为发文机关）：“{line}”。")
        if not self.doc.issuers:
            self.doc.warnings.append("未识别到发文机关，请手工填写。")

    # Stage 3: paragraphs ------------------------------------------------------------------------------------
    def line_width_estimate(self, lines: list[str]) -> float:
        widths = sorted(text_width(line) for line in lines)
        if not widths:
            return 0
        upper = widths[int(len(widths) * 0.6) :]
        return statistics.median(upper)

    def is_standalone(self, line: str, width: float) -> bool:
        """A short line with no sentence punctuation: a title, not the broken end of a sentence."""
        return text_width(line) < width * 0.75 and not any(char in INLINE_PUNCTUATION for char in line)

    def breaks_between(self, current: str, previous: str, line: str, width: float) -> bool:
        """Does `line` start a new paragraph after `previous` (the last line of the paragraph `current`)?"""
        if is_heading_start(line):
            return True
        if current == previous and SECTION_RE.match(current) and text_width(current) <= 40:
            return True  # a section heading stands on its own line
        if current == previous and self.is_standalone(previous, width) and not is_heading_start(previous):
            return True  # a title line stands alone
        if self.is_standalone(line, width) and (previous[-1] in TERMINAL + "，" or self.is_standalone(previous, width)):
            return True  # a title line after a finished (or cut-off) sentence
        # A sentence ending well before the right margin ends its paragraph.
        return previous[-1] in TERMINAL and text_width(previous) < width - 1.5

    def paragraphs(self, lines: list[str]) -> list[str]:
        width = self.line_width_estimate(lines)
        paragraphs: list[str] = []
        current = ""
        previous = ""
        for line in lines:
            if not current:
                current, previous = line, line
                continue
            starts_new = self.breaks_between(current, previous, line, width)
            if starts_new:
                paragraphs.append(current)
                current = line
            else:
                current = join_lines(current, line)
            previous = line
        if current:
            paragraphs.append(current)
        return [tidy(paragraph) for paragraph in paragraphs]

    # Stage 4: title, addressees, body -----------------------------------------------------------------------
    def take_title(self, paragraphs: list[str], lines_width: float) -> list[str]:
        title_parts = []
        index = 0
        while index < len(paragraphs) and not is_heading_start(paragraphs[index]):
            paragraph = paragraphs[index]
            if paragraph.endswith(("：", ":")) or any(char in "，。；" for char in paragraph):
                break
            title_parts.append(paragraph)
            index += 1
            joined = "".join(title_parts)
            if joined.endswith(TITLE_ENDINGS) and joined.count("《") == joined.count("》"):
                break
        self.doc.title = compact_title("".join(title_parts))
        declared = re.search(r"等\s*(\d+)\s*个?部门", self.doc.title)
        if declared and self.doc.issuers and int(declared[1]) != len(self.doc.issuers):
            self.doc.warnings.append(
                f"标题写明 {declared[1]} 个部门，文头识别出 {len(self.doc.issuers)} 个发文机关，请核对。"
            )
        rest = paragraphs[index:]
        if rest and rest[0].endswith(("：", ":")) and not is_heading_start(rest[0]):
            self.doc.recipients = rest[0].rstrip("：:")
            rest = rest[1:]
        return rest

    def take_body(self, paragraphs: list[str]) -> None:
        doc = self.doc
        annex_titles = set(re.findall(r"《([^》]+)》", doc.title))
        section = None
        clause = None
        expected_section = 1
        expected_clause = 1
        restart_numbering = False
        for paragraph in paragraphs:
            section_match = SECTION_RE.match(paragraph)
            clause_match = CLAUSE_RE.match(paragraph)
            item_match = ITEM_RE.match(paragraph)
            if section_match and text_width(section_match[2]) <= 60:
                numeral, heading = section_match[1], section_match[2].strip()
                number = cn_to_int(numeral)
                if number != expected_section:
                    doc.warnings.append(
                        f"章节编号不连续：期望“{int_to_cn(expected_section)}、”，实为“{numeral}、{heading}”。"
                    )
                expected_section = number + 1
                section = ParsedSection(numeral=numeral, heading=heading.rstrip("。"))
                doc.sections.append(section)
                clause = None
                continue
            if clause_match:
                numeral, text = clause_match[1], clause_match[2].strip()
                number = cn_to_int(numeral)
                if section is None:
                    doc.warnings.append(
                        f"条款“（{numeral}）”出现在第一个章节（一、）之前，已放入前言：“{paragraph[:30]}…”。"
                    )
                    doc.preamble.append(("paragraph", paragraph))
                    continue
                if number == 1 and not section.clauses and expected_clause != 1:
                    restart_numbering = True
                    doc.notes.append(f"第{section.numeral}部分的条款重新从（一）编号。")
                elif number != expected_clause and not (restart_numbering and number == 1):
                    doc.warnings.append(
                        f"条款编号不连续：期望“（{int_to_cn(expected_clause)}）”，实为“（{numeral}）”。"
                    )
                expected_clause = number + 1
                title, body = split_clause_title(text)
                clause = ParsedClause(numeral=numeral, title=title, paragraphs=[body] if body else [])
                section.clauses.append(clause)
                continue
            if item_match and clause is not None:
                expected_item = len(clause.items) + 1
                if int(item_match[1]) != expected_item:
                    doc.warnings.append(
                        f"（{clause.numeral}）中的分项编号不连续：期望“{expected_item}.”，实为“{item_match[1]}.”。"
                    )
                clause.items.append(ParsedItem(number=item_match[1], text=item_match[2].strip()))
                continue
            if item_match:
                doc.warnings.append(
                    f"分项“{item_match[1]}.”不在任何（一）级条款之下，已作为普通段落保留：“{paragraph[:30]}…”。"
                )
            if paragraph[-1] in "，、" or (section is not None and paragraph[-1] not in TERMINAL + "”）》"):
                doc.warnings.append(f"段落没有以句末标点结尾，后文可能缺失：“…{paragraph[-30:]}”。")
            if clause is not None:
                if clause.items:
                    doc.warnings.append(
                        f"（{clause.numeral}）的分项之后还有段落，已并入该条款正文：“{paragraph[:30]}…”。"
                    )
                clause.paragraphs.append(paragraph)
            elif section is not None:
                section.intro.append(paragraph)
            else:
                kind = "heading" if paragraph in annex_titles or self.looks_like_heading(paragraph) else "paragraph"
                doc.preamble.append((kind, paragraph))
        if not doc.sections:
            doc.warnings.append("未识别到“一、”级章节标题，正文全部作为段落保留。")

    @staticmethod
    def looks_like_heading(paragraph: str) -> bool:
        return text_width(paragraph) <= 30 and not any(char in INLINE_PUNCTUATION for char in paragraph)

    def run(self) -> ParsedDocument:
        lines = self.clean_lines()
        lines = self.take_metadata(lines)
        lines = self.take_masthead(lines)
        width = self.line_width_estimate(lines)
        paragraphs = self.paragraphs(lines)
        paragraphs = self.take_title(paragraphs, width)
        if not self.doc.title:
            self.doc.warnings.append("未识别到文件标题。")
        self.take_body(paragraphs)
        return self.doc


def split_clause_title(text: str) -> tuple[str, str]:
    """'加大培训补贴政策落实力度。各地要…' → ('加大培训补贴政策落实力度', '各地要…'): the lead sentence is the title."""
    head, sep, rest = text.partition("。")
    if sep and 0 < text_width(head) <= 30 and not any(char in "，；" for char in head):
        return head, rest.strip()
    return "", text


def parse(text: str) -> ParsedDocument:
    """Parse the plain text of one official document; see the module docstring."""
    return _Parser(text).run()
