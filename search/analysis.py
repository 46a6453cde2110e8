"""Chinese text analysis shared by every search backend, at index time and at query time.

Wagtail's database search does not segment Chinese (FTS5 and PostgreSQL keep a run of Han characters as one
token), so every backend is fed with text that this module has already cut into words: normalised (NFKC,
lower case, traditional to simplified), segmented in search mode with a domain dictionary, with codes kept
searchable as typed and pinyin keys for titles. Tokens are plain word characters only, so FTS5's unicode61
tokenizer, PostgreSQL's `simple` parser and Elasticsearch's whitespace analyzer all see the same tokens.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypinyin import Style, lazy_pinyin
from zhconv.zhconv import getdict as zhconv_table

# Bump when the analysis changes: stored documents carry a digest that includes it, so a rebuild re-analyses.
ANALYSIS_VERSION = 1
DICTIONARY_PATH = Path(__file__).with_name("dictionary.txt")

# Function words that carry no meaning in a query; dropped at both ends so both ends agree.
STOPWORDS = frozenset("的了和与及或等在是为对将把由以之其也并而从向于被这那有各个着呢吗啊")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")
_ONLY_HAN_RE = re.compile(f"^[{_HAN}]+$")
_ASCII_WORD_RE = re.compile(r"^[0-9a-z]+$")
_NON_WORD_RE = re.compile(r"[\W_]+")
# Codes: alphanumeric parts joined by - _ . / with at least one digit somewhere (4-10-01-05, ylhl-m01).
CODE_RE = re.compile(r"(?<![0-9a-z])(?:[0-9a-z]+[-_./])+[0-9a-z]+(?![0-9a-z])")
_CODE_SPLIT_RE = re.compile(r"[-_./]")
# Document numbers: issuer, year in 〔〕 / [] / () / 【】, number and 号 (川人社办发〔2021〕26号, after NFKC).
# The issuer run before the bracket is found by looking back from the match (a leading [HAN]{0,12} in the pattern
# would be tried at every character of a long text).
_DOCNO_NUMBER_RE = re.compile(r"[〔\[(【]\s*((?:19|20)\d\d)\s*[〕\])】]\s*第?\s*(\d{1,4})\s*号")
_HAN_CHAR_RE = re.compile(f"[{_HAN}]")
MAX_RUN = 12


@dataclass(frozen=True)
class _DocNo:
    issuer: str
    year: str
    number: str
    start: int  # where the issuer run starts
    bracket: int  # where the bracket starts
    end: int

    def group(self) -> str:
        return f"{self.issuer}〔{self.year}〕{self.number}号"


def find_docnos(text: str) -> list[_DocNo]:
    found = []
    for match in _DOCNO_NUMBER_RE.finditer(text):
        start = match.start()
        while start > 0 and match.start() - start < MAX_RUN and _HAN_CHAR_RE.match(text[start - 1]):
            start -= 1
        found.append(
            _DocNo(text[start : match.start()], match.group(1), match.group(2), start, match.start(), match.end())
        )
    return found


MAX_ISSUER_LENGTH = 8

logger = logging.getLogger(__name__)


# --- normalisation -------------------------------------------------------------------------------------------


@functools.cache
def _traditional_table() -> dict[int, str]:
    """zhconv's zh-hans conversions of single characters, as a str.translate table (done in C, so cheap).
    Character by character is enough for search: the index and the query are converted the same way."""
    table = zhconv_table("zh-hans")
    return {ord(key): value for key, value in table.items() if len(key) == 1 and len(value) == 1}


@functools.cache
def _traditional_re():
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_traditional_table())) + "]")


def to_simplified(text: str) -> str:
    if not _traditional_re().search(text):
        return text  # most text is simplified already: a regex scan is cheaper than translating every character
    return text.translate(_traditional_table())


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits to half-width), lower case, traditional to simplified."""
    if not text:
        return ""
    if not unicodedata.is_normalized("NFKC", text):  # the quick check is much cheaper than normalising
        text = unicodedata.normalize("NFKC", text)
    return to_simplified(text.lower())


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Character-wise normalisation with, for each normalised character, its offset in `text` (for snippets)."""
    table = _traditional_table()
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char).lower().translate(table)
        out.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(out), offsets


# --- segmentation --------------------------------------------------------------------------------------------


def _dictionary_entries():
    for line in DICTIONARY_PATH.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word = normalise(parts[0])
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        yield word, freq, tag


def dictionary_words() -> list[str]:
    return [word for word, _, _ in _dictionary_entries()]


class RJiebaSegmenter:
    """jieba's algorithm and dictionary in Rust (rjieba): about 40 times faster than pure-Python jieba."""

    name = "rjieba"

    def __init__(self):
        import rjieba

        self._jieba = rjieba.Jieba()
        for word, freq, tag in _dictionary_entries():
            self._jieba.add_word(word, freq, tag)

    def cut(self, text: str) -> list[str]:
        return self._jieba.cut(text, True)

    def cut_for_search(self, text: str) -> list[str]:
        return self._jieba.cut_for_search(text, True)

    def has_word(self, word: str) -> bool:
        return self._jieba.has_word(word)


class JiebaSegmenter:
    """Pure-Python jieba, used when rjieba is unavailable. Its prefix-dictionary cache goes to a writable folder
    shared by all worker processes, so only the first process builds it (written atomically by jieba)."""

    name = "jieba"

    def __init__(self):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        cache_dir = Path(os.environ.get("SEARCH_CACHE_DIR") or Path(tempfile.gettempdir()) / "kangyang-search")
        cache_dir.mkdir(parents=True, exist_ok=True)
        self._jieba = jieba.Tokenizer()
        self._jieba.tmp_dir = str(cache_dir)
        self._jieba.cache_file = "jieba.cache"
        self._jieba.initialize()
        for word, freq, tag in _dictionary_entries():
            self._jieba.add_word(word, freq, tag)

    def cut(self, text: str) -> list[str]:
        return list(self._jieba.cut(text, HMM=True))

    def cut_for_search(self, text: str) -> list[str]:
        return list(self._jieba.cut_for_search(text, HMM=True))

    def has_word(self, word: str) -> bool:
        return bool(self._jieba.FREQ.get(word))


_segmenter = None
_segmenter_lock = threading.Lock()


def make_segmenter(name: str | None = None):
    name = name or os.environ.get("SEARCH_SEGMENTER", "auto")
    if name in ("auto", "rjieba"):
        try:
            return RJiebaSegmenter()
        except ImportError:
            if name == "rjieba":
                raise
    return JiebaSegmenter()


def get_segmenter():
    """The process-wide segmenter, built once (thread-safe) with the domain dictionary loaded."""
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                _segmenter = make_segmenter()
    return _segmenter


def _clean(token: str) -> str:
    return _NON_WORD_RE.sub("", token)


def _is_han(token: str) -> bool:
    return bool(_ONLY_HAN_RE.match(token))


# --- pinyin --------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=200_000)
def pinyin_keys(word: str) -> tuple[str, str]:
    """(full pinyin, initials) of a Chinese word: 养老护理员 -> ("yanglaohuliyuan", "ylhly")."""
    syllables = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
    syllables = [s for s in syllables if s.isascii() and s.isalpha()]
    return "".join(syllables), "".join(s[0] for s in syllables)


# --- codes ---------------------------------------------------------------------------------------------------


def code_tokens(code: str) -> list[str]:
    """4-10-01-05 -> 410, 41001, 4100105 (each level of the code, as typed without separators), plus the
    parts holding letters (ylhl-m01 -> ylhl, m01)."""
    parts = [part for part in _CODE_SPLIT_RE.split(code) if part]
    tokens = ["".join(parts[:n]) for n in range(2, len(parts) + 1)]
    tokens += [part for part in parts if not part.isdigit()]
    return tokens


def docno_key(year: str, number: str, issuer: str = "") -> str:
    return f"{issuer}{year}n{int(number)}"


def docno_tokens(issuer_run: str, year: str, number: str) -> list[str]:
    """川人社办发〔2021〕26号 -> 2021n26 and <issuer>2021n26 for every suffix of the issuer run (the run may carry
    lead-in words such as 根据), plus 2021 and 26号."""
    run = issuer_run[-MAX_ISSUER_LENGTH:]
    tokens = [docno_key(year, number), year, f"{int(number)}号"]
    tokens += [docno_key(year, number, run[start:]) for start in range(len(run) - 1)]
    return tokens


# --- index side ----------------------------------------------------------------------------------------------


def _special_spans(text: str):
    """Yield (start, end, tokens) for document numbers and codes in normalised text."""
    taken = []
    for docno in find_docnos(text):
        # The issuer run stays in the text and is segmented like any other words.
        taken.append((docno.bracket, docno.end))
        yield docno.bracket, docno.end, docno_tokens(docno.issuer, docno.year, docno.number)
    for match in CODE_RE.finditer(text):
        if not any(ch.isdigit() for ch in match.group()):
            continue
        if any(start <= match.start() < end for start, end in taken):
            continue
        yield match.start(), match.end(), code_tokens(match.group())


def _split_special(text: str):
    """Cut normalised text into plain chunks (to segment) and the tokens of its codes and document numbers."""
    chunks, special = [], []
    position = 0
    for start, end, tokens in sorted(_special_spans(text), key=lambda span: span[0]):
        if start < position:
            continue
        chunks.append(text[position:start])
        special.extend(tokens)
        position = end
    chunks.append(text[position:])
    return chunks, special


@functools.lru_cache(maxsize=300_000)
def _expand(raw: str) -> tuple[str, ...]:
    """The tokens to index for one word of jieba's search mode (cached: a corpus repeats its words)."""
    token = raw if raw.isalnum() else _clean(raw)
    if not token or token in STOPWORDS:
        return ()
    tokens = [token]
    if len(token) >= 2 and _is_han(token):
        segmenter = get_segmenter()
        if not segmenter.has_word(token):
            # A word the HMM made up here may be cut differently elsewhere (与噎食的 -> 噎 食): keep its characters.
            tokens.extend(token)
        elif len(token) >= 5:
            # jieba's search mode adds the 2- and 3-character words inside a long word; add the longer ones too,
            # so 养老护理 is found inside 养老护理员 and 职业技能 inside 职业技能等级.
            for size in range(4, len(token)):
                for start in range(len(token) - size + 1):
                    if segmenter.has_word(token[start : start + size]):
                        tokens.append(token[start : start + size])
    return tuple(tokens)


def _search_mode_tokens(segmenter, chunk: str) -> list[str]:
    tokens: list[str] = []
    for raw in segmenter.cut_for_search(chunk):
        tokens.extend(_expand(raw))
    return tokens


def index_tokens(text: str, *, pinyin: bool = False, normalised: bool = False) -> list[str]:
    """The tokens to index for `text`: words (search mode), code keys, and pinyin keys when `pinyin`."""
    if not text:
        return []
    if not normalised:
        text = normalise(text)
    segmenter = get_segmenter()
    chunks, tokens = _split_special(text)
    for chunk in chunks:
        if chunk.strip():
            tokens.extend(_search_mode_tokens(segmenter, chunk))
    if pinyin:
        keys = []
        for token in tokens:
            if len(token) >= 2 and _is_han(token):
                full, initials = pinyin_keys(token)
                keys.append(full)
                if len(token) >= 3:  # two-letter initials (yl, hl) would match almost anything
                    keys.append(initials)
        tokens.extend(keys)
    return tokens


def index_text(text: str, *, pinyin: bool = False) -> str:
    """`index_tokens` joined by spaces: what the database backends store in their full-text columns."""
    return " ".join(index_tokens(text, pinyin=pinyin))
