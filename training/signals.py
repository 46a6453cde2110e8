"""Signals and cache wiring of the training app, connected from AppConfig.ready().

Admin edits of providers, approvals and classes refresh their search documents; the pages that show training
rows (the directory, occupation and package pages) carry the page-cache tag those rows invalidate.
"""

from django.db.models.signals import post_delete, post_save

from cms.cache import register_dependencies

from .cache import training_dependencies
from .indexing import reindex_on_commit
from .models import Provider, ProviderApproval, TrainingClass


def connect():
    register_dependencies(training_dependencies)
    for model in (Provider, ProviderApproval, TrainingClass):
        for signal in (post_save, post_delete):
            signal.connect(reindex_on_commit, sender=model, dispatch_uid=f"training.reindex.{model.__name__}")
