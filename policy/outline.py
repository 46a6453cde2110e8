"""The outline of a document body: sections, clauses and items with their anchors, built once per render.

The table of contents, the document text and clause links from explainers all read this one structure, so an
anchor that the table of contents points to is always the anchor the text carries.
"""

from .numerals import clause_anchor, cn_to_int, section_anchor


def list_values(raw) -> list[dict]:
    """ListBlock raw data, old form ([value, …]) or new ([{"type": "item", "value": value, "id": …}, …])."""
    values = []
    for item in raw or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            values.append(item["value"] or {})
        else:
            values.append(item or {})
    return values


def _numeral_or_none(numeral):
    try:
        cn_to_int(numeral)
    except ValueError:
        return None
    return numeral


def clause_numbering_restarts(raw_body) -> bool:
    """True when clause numbers repeat across sections (（一） again in 二、), so anchors need the section."""
    seen = set()
    for block in raw_body:
        if block.get("type") != "section":
            continue
        for clause in list_values(block["value"].get("clauses")):
            numeral = clause.get("numeral")
            if numeral in seen:
                return True
            seen.add(numeral)
    return False


def outline_section(value: dict, restart: bool = False) -> dict:
    """One section (raw StructBlock value) with anchors for itself, its clauses and their items."""
    section_numeral = _numeral_or_none(value.get("numeral") or "")
    section = {
        "numeral": value.get("numeral") or "",
        "label": f"{value.get('numeral')}、" if value.get("numeral") else "",
        "heading": value.get("heading") or "",
        "intro": value.get("intro") or "",
        "anchor": section_anchor(section_numeral) if section_numeral else "",
        "clauses": [],
    }
    for clause_value in list_values(value.get("clauses")):
        numeral = _numeral_or_none(clause_value.get("numeral") or "")
        anchor = ""
        if numeral:
            anchor = clause_anchor(numeral, section_numeral if restart else None)
        section["clauses"].append(
            {
                "numeral": clause_value.get("numeral") or "",
                "label": f"（{clause_value.get('numeral')}）" if clause_value.get("numeral") else "",
                "title": clause_value.get("title") or "",
                "text": clause_value.get("text") or "",
                "anchor": anchor,
                "items": [
                    {
                        "number": item.get("number") or "",
                        "text": item.get("text") or "",
                        "anchor": f"{anchor}-item-{item.get('number')}" if anchor and item.get("number") else "",
                    }
                    for item in list_values(clause_value.get("items"))
                ],
            }
        )
    return section


def build_outline(raw_body) -> list[dict]:
    """[{"type": "paragraph"|"heading"|"section", ...}] in body order."""
    raw_body = list(raw_body or [])
    restart = clause_numbering_restarts(raw_body)
    parts = []
    for block in raw_body:
        kind = block.get("type")
        if kind == "section":
            parts.append({"type": "section", **outline_section(block.get("value") or {}, restart)})
        elif kind in ("paragraph", "heading"):
            parts.append({"type": kind, "text": block.get("value") or ""})
    return parts


def find_clause_anchor(outline: list[dict], clause: str, section: str | None = None) -> str | None:
    """The anchor of clause （clause） (inside section `section` if given); None if absent or ambiguous."""
    matches = [
        item["anchor"]
        for part in outline
        if part["type"] == "section" and (not section or part["numeral"] == section)
        for item in part["clauses"]
        if item["numeral"] == clause and item["anchor"]
    ]
    return matches[0] if len(matches) == 1 else None


def outline_text(outline: list[dict]) -> str:
    """Plain text of the whole body, in reading order, for search documents."""
    lines = []
    for part in outline:
        if part["type"] != "section":
            lines.append(part["text"])
            continue
        lines.append(f"{part['label']}{part['heading']}")
        if part["intro"]:
            lines.append(part["intro"])
        for clause in part["clauses"]:
            title = f"{clause['title']}。" if clause["title"] else ""
            lines.append(f"{clause['label']}{title}{clause['text']}")
            lines.extend(f"{item['number']}. {item['text']}" for item in clause["items"])
    return "\n".join(line for line in lines if line)
