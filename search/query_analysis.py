"""The query side of the Chinese analysis: what a visitor typed, cut into groups of alternatives.

Separate from search.analysis (normalisation, segmentation, the index side) because only queries know about
question words, synonym terms and alternatives; every backend reads an AnalysedQuery.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .analysis import (
    _ASCII_WORD_RE,
    _CODE_SPLIT_RE,
    CODE_RE,
    MAX_ISSUER_LENGTH,
    STOPWORDS,
    _clean,
    _is_han,
    _split_special,
    docno_key,
    find_docnos,
    get_segmenter,
    normalise,
)

# Query side only: question words and particles say how a visitor asks, not what about (老人噎住了怎么办).
QUESTION_WORDS = frozenset(
    [
        "怎么",
        "如何",
        "怎么办",
        "怎样",
        "怎么样",
        "咋",
        "咋办",
        "哪里",
        "哪儿",
        "去哪",
        "去哪儿",
        "去哪里",
        "在哪",
        "在哪里",
        "哪",
        "哪些",
        "哪个",
        "哪家",
        "多少",
        "几",
        "什么",
        "啥",
        "吗",
        "呢",
        "了",
        "的",
        "吧",
        "呀",
        "啊",
        "么",
        "嘛",
        "请问",
        "我",
        "我们",
        "想",
        "我想",
        "要",
        "需要",
        "应该",
        "可以",
        "能",
        "能不能",
        "会",
        "是不是",
        "有没有",
        "一下",
        "为什么",
        "好",
        "该",
        "得",
        "到",
        "去",
        "给",
        "帮",
        "有",
    ]
)
QUERY_STOPWORDS = STOPWORDS | QUESTION_WORDS
MAX_TERM_WORDS = 6  # a synonym term is at most this many segmented words of a query
MAX_ALTERNATIVES = 24  # per query group, to bound the size of the full-text query


# --- query side ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryGroup:
    """One part of a query. A document satisfies it when it holds every token of at least one alternative."""

    text: str
    alternatives: tuple[tuple[str, ...], ...]
    synonym: bool = False  # a synonym term: its alternatives include the other terms of its groups

    @property
    def tokens(self) -> list[str]:
        return [token for alternative in self.alternatives for token in alternative]


@dataclass
class AnalysedQuery:
    raw: str
    normalised: str
    groups: list[QueryGroup] = field(default_factory=list)
    highlight: list[str] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        seen = {}
        for group in self.groups:
            for token in group.tokens:
                seen.setdefault(token, None)
        return list(seen)

    @property
    def is_pinyin(self) -> bool:
        return bool(self.groups) and all(_ASCII_WORD_RE.match(g.text) and not g.text.isdigit() for g in self.groups)

    def __bool__(self):
        return bool(self.groups)


def _cover(segmenter, word: str) -> tuple[str, ...]:
    """Dictionary words (shorter than `word`) covering most of it in the fewest pieces: 养老护理员 -> 养老, 护理员."""
    size = len(word)
    # best[i] = (covered characters, -pieces, pieces) for word[i:]
    best: list[tuple[int, int, tuple[str, ...]]] = [(0, 0, ())] * (size + 1)
    for start in range(size - 1, -1, -1):
        candidate = (best[start + 1][0], best[start + 1][1], best[start + 1][2])  # skip one character
        for end in range(start + 2, size + 1):
            piece = word[start:end]
            if len(piece) < size and segmenter.has_word(piece):
                covered, pieces, parts = best[end]
                option = (covered + len(piece), pieces - 1, (piece, *parts))
                if option[:2] > candidate[:2]:
                    candidate = option
        best[start] = candidate
    return best[0][2]


def _word_alternatives(segmenter, word: str, characters: bool = True) -> tuple[list[tuple[str, ...]], list[str]]:
    """(alternatives, highlight) of one query word: itself, the dictionary words covering it, and for a word the
    dictionary does not know its characters (see _search_mode_tokens: the index holds them)."""
    alternatives = [(word,)]
    highlight = [word]
    if _is_han(word) and len(word) >= 3:
        cover = _cover(segmenter, word)
        if len(cover) >= 2:
            alternatives.append(cover)
        highlight.extend(cover)
    if characters and _is_han(word) and len(word) >= 2 and not segmenter.has_word(word):
        alternatives.append(tuple(word))
    return alternatives, highlight


@functools.lru_cache(maxsize=20_000)
def term_alternatives(term: str) -> tuple[tuple[str, ...], ...]:
    """How a synonym term is found in the index: all of its words (a word the dictionary does not know by its
    characters), or for a one-word term also the dictionary words covering it."""
    segmenter = get_segmenter()
    words = [w for w in (_clean(raw) for raw in segmenter.cut(term)) if w and w not in STOPWORDS]
    if not words:
        return ()
    if len(words) == 1:
        alternatives, _ = _word_alternatives(segmenter, words[0])
        return tuple(alternatives)
    tokens: list[str] = []
    for word in words:
        if _is_han(word) and len(word) >= 2 and not segmenter.has_word(word):
            tokens.extend(word)
        else:
            tokens.append(word)
    return (tuple(tokens),)


def _merge_terms(words: list[str], synonyms) -> list[tuple[str, bool]]:
    """Join consecutive words that spell a synonym term (老年 痴呆 -> 老年痴呆), longest first: [(text, is_term)]."""
    if synonyms is None or not synonyms.equivalents:
        return [(word, False) for word in words]
    merged, index = [], 0
    while index < len(words):
        for size in range(min(MAX_TERM_WORDS, len(words) - index), 0, -1):
            candidate = "".join(words[index : index + size])
            if candidate in synonyms:
                merged.append((candidate, True))
                index += size
                break
        else:
            merged.append((words[index], False))
            index += 1
    return merged


def analyse_query(query: str, synonyms=None) -> AnalysedQuery:
    """Query groups: each word (precise mode) may match as a whole or as the dictionary words inside it; a synonym
    term (see search.synonyms) also as any term of its groups. Question words and particles are dropped."""
    normalised = " ".join(normalise(query).split())
    result = AnalysedQuery(raw=query, normalised=normalised)
    if not normalised:
        return result
    segmenter = get_segmenter()
    groups: list[QueryGroup] = []
    highlight: list[str] = []
    for docno in find_docnos(normalised):
        issuer, year, number = docno.issuer, docno.year, docno.number
        run = issuer[-MAX_ISSUER_LENGTH:]
        alternatives = [(docno_key(year, number, run),)] if len(run) >= 2 else []
        alternatives.append((docno_key(year, number),))
        groups.append(QueryGroup(docno.group(), tuple(alternatives)))
        highlight += [part for part in (run, year, f"{int(number)}号", f"{int(number)} 号") if part]
    chunks, _ = _split_special(normalised)
    for code in CODE_RE.findall(normalised):
        if any(ch.isdigit() for ch in code):
            groups.append(QueryGroup(code, (("".join(_CODE_SPLIT_RE.split(code)),),)))
            highlight.append(code)
    words = []
    for chunk in chunks:
        for raw in segmenter.cut(chunk):
            word = _clean(raw)
            if word:
                words.append(word)
    parts = _merge_terms(words, synonyms)
    meaningful = [(word, term) for word, term in parts if term or word not in QUERY_STOPWORDS]
    for word, is_term in meaningful or parts:
        if is_term:
            alternatives, seen = [], set()
            for equivalent in synonyms.equivalents[word]:
                for alternative in term_alternatives(equivalent):
                    if alternative not in seen and len(alternatives) < MAX_ALTERNATIVES:
                        seen.add(alternative)
                        alternatives.append(alternative)
                highlight.append(equivalent)
            highlight.extend(token for alternative in alternatives for token in alternative if len(token) >= 2)
            if alternatives:
                groups.append(QueryGroup(word, tuple(alternatives), synonym=True))
                continue
        alternatives, marks = _word_alternatives(segmenter, word)
        groups.append(QueryGroup(word, tuple(alternatives)))
        highlight.extend(marks)
    # Drop repeated groups (养老 养老) but keep their order.
    unique: dict[tuple, QueryGroup] = {}
    for group in groups:
        unique.setdefault(group.alternatives, group)
    result.groups = list(unique.values())
    result.highlight = sorted({h for h in highlight if h.strip()}, key=len, reverse=True)
    return result
