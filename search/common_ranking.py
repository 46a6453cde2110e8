"""Stored rankings of very common terms (培训 in 20,000 pages), on SQLite and PostgreSQL.

Ranking such a term means bm25 or ts_rank over every match, which no index can order (SQLite: about 26 ms for
15,000 matches; PostgreSQL: about 200 ms at 20,000 documents). The best candidates of a query, with a sample of its
matches for the facets, are therefore kept here after the first search (search.backends.common_terms). Triggers on
the full-text index table (migrations 0005 and 0007) empty this table in the same transaction as any index write,
whoever writes, so a stored ranking never outlives the index it was read from; MAX_AGE bounds a ranking stored by a
PostgreSQL search that raced a write (on SQLite the store fails instead).
"""

from datetime import timedelta

from django.db import models

MAX_AGE = timedelta(minutes=10)


class CommonTermRanking(models.Model):
    key = models.CharField(max_length=64, unique=True)  # sha256 of the vendor and the full-text query string
    matches = models.PositiveIntegerField()
    candidates = models.JSONField()  # [[document id, score], ...] best (lowest) first
    sample = models.JSONField()  # document ids of FACET_SAMPLE matches (facets under a tag filter or picks, scaled)
    # Facets of every match not expired when ranked: "all" as shown unfiltered ({"total": n, "type": [[value, count],
    # ...], ...}), "combinations" to count under a facet filter ([[type, occupation, level, year, count], ...]).
    facets = models.JSONField(default=dict)
    # The first expiry among the matches after ranking: from then on the stored facet counts are stale.
    valid_until = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "common term ranking"
