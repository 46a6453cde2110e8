from django.db import models


class RateCounter(models.Model):
    """One expiring counter of the rate limiter when there is no Redis (cms.counters.DatabaseCounters): the
    database is the one store every worker and host shares and can increment atomically."""

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}={self.count}"
