"""Turn the text of an official document extracted from a PDF into structure (文号, title, bodies, sections, clauses).

PDF extraction breaks lines at the page edge, inside sentences and across pages, and mixes in page furniture.
The parser rejoins what belongs together, recognises the heading levels 一、 / （一） / 1., and reports every
line it could not place instead of guessing, so publicity staff know what to check in the draft.
parsed.py holds the patterns and the result types, parse.py the parser, drafts.py the page creation.
"""

from ..document_numbers import normalise_document_number
from .drafts import ImportRefused, check_importable, create_draft, document_slug
from .parse import parse, parse_date, split_clause_title
from .parsed import ParsedClause, ParsedDocument, ParsedItem, ParsedSection

__all__ = [
    "ImportRefused",
    "ParsedClause",
    "ParsedDocument",
    "ParsedItem",
    "ParsedSection",
    "check_importable",
    "create_draft",
    "document_slug",
    "normalise_document_number",
    "parse",
    "parse_date",
    "split_clause_title",
]
