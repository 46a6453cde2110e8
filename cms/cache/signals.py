"""Model signals: which saves and deletes invalidate which tags."""

from __future__ import annotations

from django.conf import settings

from .store import DRAFT_ONLY_FIELDS, invalidate_all, invalidate_pages, invalidate_tags, normalise_tag

# --- signals ----------------------------------------------------------------------------------------------------


def _classify(model) -> str | None:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    if issubclass(model, Page):
        return "page"
    # A view restriction covers a whole subtree: rare enough to start afresh.
    if issubclass(model, (BaseSiteSetting, BaseGenericSetting, Site, PageViewRestriction)):
        return "global"
    if callable(getattr(model, "cache_invalidates", None)):
        return "declared"
    if model in (get_image_model(), get_document_model()) or model in get_snippet_models():
        return "referenced"
    return None


def _referencing_pages(instance) -> list[str]:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    rows = ReferenceIndex.get_references_to(instance).filter(base_content_type=page_type)
    return [f"page:{object_id}" for object_id in rows.values_list("object_id", flat=True).distinct()]


def object_changed(sender, instance, **kwargs) -> None:
    """post_save / pre_delete receiver for the models `connect_signals` chose."""
    if kwargs.get("raw"):
        # Fixture loading or a site restore: related rows may not exist yet, and everything changes anyway.
        invalidate_all()
        return
    kind = _classify(type(instance))
    if kind == "page":
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
            return
        if instance.pk and instance.path:
            invalidate_pages([instance])
    elif kind == "global":
        invalidate_all()
    elif kind == "declared":
        invalidate_tags(*(normalise_tag(item) for item in instance.cache_invalidates() or ()))
    elif kind == "referenced" and instance.pk is not None:
        invalidate_tags(f"model:{instance._meta.label_lower}", *_referencing_pages(instance))


def page_published_or_unpublished(sender, instance, **kwargs) -> None:
    invalidate_pages([instance])


def page_moved(sender, instance, **kwargs) -> None:
    """A move changes the URLs of a whole subtree and two listings: start afresh."""
    invalidate_all()


def connect_signals() -> None:
    """Connect per model (not sender=None for deletes, which would switch off Django's fast deletes everywhere):
    every model of the project's own apps, plus Wagtail's sites, settings, images and documents."""
    from django.apps import apps
    from django.db.models.signals import post_save, pre_delete
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    models = {get_image_model(), get_document_model(), Site, Page, PageViewRestriction}
    for config in apps.get_app_configs():
        in_project = config.name in settings.PROJECT_APPS
        for model in config.get_models():
            if in_project or _is_setting(model):
                models.add(model)
    for model in models:
        if model._meta.abstract or model._meta.proxy:
            continue
        post_save.connect(object_changed, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
        pre_delete.connect(object_changed, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
    page_published.connect(page_published_or_unpublished, dispatch_uid="page-cache-published")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="page-cache-moved")


def _is_setting(model) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return issubclass(model, (BaseSiteSetting, BaseGenericSetting))
