"""Edits in the admin (snippets) refresh the search documents of providers and classes."""

from django.db.models.signals import post_delete, post_save


def connect():
    from .models import Provider, ProviderApproval, TrainingClass
    from .search_documents import reindex_on_commit

    for model in (Provider, ProviderApproval, TrainingClass):
        for signal in (post_save, post_delete):
            signal.connect(reindex_on_commit, sender=model, dispatch_uid=f"training.reindex.{model.__name__}")
