"""Skill competitions: series, events (one edition or stage), their results and the winners hall.

Results are a plain model (thousands of rows per event, bulk-imported), not pages. The announcement state
(公示 → 正式公布) lives in its own row beside the event page so that page revisions never roll it back.
Modules from the bottom up: base → results → events → winners → index.
"""

from .base import RESULTS_CACHE_TAG, OccupationFields, plain_text, reindex_event_on_commit, results_cache_tag
from .events import CompetitionEvent
from .index import Competition, CompetitionIndexPage
from .results import ResultAnnouncement, ResultEntry
from .winners import WinnersHall, sort_cities

__all__ = [
    "RESULTS_CACHE_TAG",
    "Competition",
    "CompetitionEvent",
    "CompetitionIndexPage",
    "OccupationFields",
    "ResultAnnouncement",
    "ResultEntry",
    "WinnersHall",
    "plain_text",
    "reindex_event_on_commit",
    "results_cache_tag",
    "sort_cities",
]
