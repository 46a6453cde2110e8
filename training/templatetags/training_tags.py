"""Template tags other apps' templates use: `{% enrolment_block page %}` (报名与补贴) on occupation and package
pages, and the status tags of the training templates."""

from django import template

from ..public import enrolment_block as build_block

register = template.Library()


@register.inclusion_tag("training/includes/enrolment_block.html", takes_context=True)
def enrolment_block(context, page):
    request = context.get("request")
    # The occupation page has already loaded the levels it offers; reuse them when they are there.
    offered = context.get("levels")
    levels = None
    if offered is not None:
        levels = sorted((level.number for level in offered if 1 <= level.number <= 5), reverse=True)
    return {
        "block": build_block(page, request, levels=levels),
        "request": request,
        "page": page,
        "settings": context.get("settings"),
    }


BADGES = {"enrolling": "badge-info", "upcoming": "badge-notice", "running": "badge-muted", "finished": "badge-muted"}


@register.simple_tag(takes_context=True)
def class_status(context, item):
    """A class's status on the day the page is rendered (the view's `today`, so one page uses one date)."""
    from django.utils import timezone

    return item.status_on(context.get("today") or timezone.localdate())


@register.simple_tag(takes_context=True)
def listing_status(context, provider):
    from django.utils import timezone

    return provider.listing_status(context.get("today") or timezone.localdate())


@register.filter
def status_badge(status) -> str:
    return BADGES.get(str(status), "badge-warn")
