"""Documents that lead the results whatever the engine's scores: the item whose own code or document number is
the query (4-10-01-05, PKG-YL-5, 川人社办发〔2021〕26号), and the occupation (or its package at the named level)
when the query names an occupation by any of its names, aliases or synonyms (月嫂, 保姆怎么考证, 养老护理员 初级).

Found with indexed columns (one small query, only when the query holds a code or names an occupation), shown
like editors' picks: first, and excluded from the engine's page."""

from __future__ import annotations

import functools
import math

from django.utils import timezone

from .analysis import CODE_RE, find_docnos, index_tokens, normalise
from .documents import SearchDocument
from .query_analysis import AnalysedQuery

LEVEL_WORDS = {
    "五级": 5, "初级": 5, "初级工": 5, "五级初级工": 5,
    "四级": 4, "中级": 4, "中级工": 4, "四级中级工": 4,
    "三级": 3, "高级": 3, "高级工": 3, "三级高级工": 3,
    "二级": 2, "技师": 2, "二级技师": 2,
    "一级": 1, "高级技师": 1, "一级高级技师": 1,
}  # fmt: skip
PACKAGE_WORDS = frozenset({"培训包", "职业培训包", "课程包", "教学计划", "学什么"})
# Words that, beside an occupation's name, still ask about the occupation itself (保姆怎么考证, 月嫂培训).
GENERIC_WORDS = (
    frozenset(
        [
            "培训",
            "课程",
            "学习",
            "学",
            "考试",
            "考证",
            "考",
            "证书",
            "证",
            "资格证",
            "上岗证",
            "职业",
            "工种",
            "技能",
            "技术",
            "手艺",
            "工作",
            "报名",
            "资格",
            "要求",
            "条件",
            "内容",
            "做",
            "当",
            "干",
            "上岗",
            "介绍",
            "简介",
            "是",
            "标准",
            "职业标准",
            "等级",
            "补贴",
            "培训补贴",
            "就业",
            "前景",
            "待遇",
            "工资",
            "收入",
            "岗位",
            "职责",
            "技能培训",
            "职业技能培训",
            "学多久",
            "多久",
            "课时",
            "培训班",
            "职业技能",
            "认定",
            "鉴定",
            "职业技能等级证书",
            "职业技能等级认定",
            "人员",
            "师",
            "员",
        ]
    )
    | PACKAGE_WORDS
    | frozenset(LEVEL_WORDS)
)
TYPE_ORDER = {"policy": 0, "occupation": 1, "package": 2, "module": 3}


def _code_of(document: SearchDocument) -> str:
    codes = document.code_list
    return normalise(codes[0]) if codes else ""


def _by_code(code: str) -> list[SearchDocument]:
    """Documents whose own code (the first of their codes) is `code`."""
    found = SearchDocument.objects.filter(codes__istartswith=code)
    return [document for document in found if _code_of(document) == code]


def _by_docno(text: str) -> list[SearchDocument]:
    """Documents whose own document number is the query's (the issuer may be given in part or not at all)."""
    wanted = find_docnos(text)
    if not wanted:
        return []
    issuer, year, number = wanted[0].issuer, wanted[0].year, int(wanted[0].number)
    found = []
    for document in SearchDocument.objects.filter(codes__contains=f"〔{year}〕"):
        own = find_docnos(_code_of(document))
        if own and own[0].year == year and int(own[0].number) == number and own[0].issuer.endswith(issuer):
            found.append(document)
    return found


def _named_occupation(query: AnalysedQuery, synonyms) -> tuple[str, int | None, bool] | None:
    """(occupation reference, named level, asks for packages) when the query names one occupation and otherwise
    only asks about it (its training, certificate, level)."""
    if synonyms is None:
        return None
    reference, level, packages = None, None, False
    for group in query.groups:
        named = synonyms.occupations.get(group.text)
        if named and reference is None:
            reference = named
        elif group.text in LEVEL_WORDS:
            level = LEVEL_WORDS[group.text]
        elif group.text in PACKAGE_WORDS:
            packages = True
        elif group.text not in GENERIC_WORDS:
            return None
    return (reference, level, packages) if reference else None


def leading_documents(query: AnalysedQuery, filters: dict, synonyms=None) -> list[SearchDocument]:
    found: list[SearchDocument] = []
    for group in query.groups:
        if find_docnos(group.text):
            found = sorted(_by_docno(group.text), key=lambda d: TYPE_ORDER.get(d.type, 9))
        elif CODE_RE.fullmatch(group.text) and any(ch.isdigit() for ch in group.text):
            found = sorted(_by_code(group.text), key=lambda d: TYPE_ORDER.get(d.type, 9))
        if found:
            break
    if not found:
        named = _named_occupation(query, synonyms)
        if named:
            reference, level, packages = named
            rows = list(SearchDocument.objects.filter(occupation=reference, type__in=("occupation", "package")))
            occupations = [d for d in rows if d.type == "occupation"]
            at_level = [d for d in rows if d.type == "package" and level and d.level == level]
            every_package = sorted((d for d in rows if d.type == "package"), key=lambda d: -(d.level or 0))
            if at_level:
                found = at_level + occupations
            elif packages:
                found = every_package + occupations
            else:
                found = occupations
    return _visible(found, filters)


def _visible(documents: list[SearchDocument], filters: dict) -> list[SearchDocument]:
    now = timezone.now()
    kept = []
    for document in documents:
        if document.expire_at and document.expire_at <= now:
            continue
        if any(
            (document.tag_list if name == "tag" else [getattr(document, name)]).count(value) == 0
            for name, value in filters.items()
        ):
            continue
        if document not in kept:
            kept.append(document)
    return kept


# --- title and aliases before body ---------------------------------------------------------------------------

RERANK_WINDOW = 30  # the engine's first results re-ordered here; later pages keep the engine's order


@functools.lru_cache(maxsize=50_000)
def _heading_tokens(title: str, tags: str) -> frozenset[str]:
    return frozenset(index_tokens(f"{title} {tags.replace('|', ' ')}"))


def title_first(query: AnalysedQuery, ids: list[int], documents: dict) -> list[int]:
    """Re-order the engine's first results so that a match in a title or alias (tags hold an occupation's aliases)
    outranks a match in the body. A query part found in few of these titles counts more than one found in most
    (老人摔倒: 跌倒 in a title beats 老年人 in a title); ties keep the engine's order."""
    present = [pk for pk in ids if pk in documents]
    if len(query.groups) == 0 or len(present) < 2:
        return ids
    matched: dict[int, list[int]] = {}
    for pk in present:
        tokens = _heading_tokens(documents[pk].title, documents[pk].tags or "")
        matched[pk] = [
            number
            for number, group in enumerate(query.groups)
            if any(all(token in tokens for token in alternative) for alternative in group.alternatives)
        ]
    holders = [sum(1 for pk in present if number in matched[pk]) for number in range(len(query.groups))]
    weight = [math.log((len(present) + 1) / (count + 0.5)) if count else 0.0 for count in holders]
    score = {pk: sum(weight[number] for number in matched[pk]) for pk in present}
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(ids, key=lambda pk: (-score.get(pk, 0.0), position[pk]))
