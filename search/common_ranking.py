"""Stored rankings of very common terms on PostgreSQL (培训 in 20,000 pages).

Ranking such a term means ts_rank over every match (about 200 ms at 20,000 documents, most of it reading each
match's body vector), which no index can order. The best candidates of a query, with a sample of its matches for
the facets, are therefore kept here after the first search. A statement trigger on the full-text index table
(migration 0005) empties this table in the same transaction as any index write, whoever writes, so a stored
ranking never outlives the index it was read from; MAX_AGE bounds a ranking stored by a search that raced a write.
"""

from datetime import timedelta

from django.db import models

MAX_AGE = timedelta(minutes=10)


class CommonTermRanking(models.Model):
    key = models.CharField(max_length=64, unique=True)  # sha256 of the tsquery and its mode
    matches = models.PositiveIntegerField()
    candidates = models.JSONField()  # [[document id, ts_rank score], ...] best first
    sample = models.JSONField()  # document ids of FACET_SAMPLE matches (the facet counts are scaled from them)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "common term ranking"
