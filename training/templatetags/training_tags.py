"""Template tags other apps' templates use: `{% enrolment_block page %}` (报名与补贴) on occupation and package
pages, and the card and status tags of the training templates."""

from django import template
from django.utils import timezone

from ..models.cards import ClassCard, card_text, class_card_of
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


@register.simple_tag(takes_context=True)
def class_card(context, item):
    """The card of a class: `item` itself when the view built cards, else built from the TrainingClass on the day
    the page is rendered (the view's `today`, so one page uses one date)."""
    if isinstance(item, ClassCard):
        return item
    return class_card_of(item, context.get("today") or timezone.localdate(), card_text(context.get("request")))


@register.simple_tag(takes_context=True)
def listing_status(context, provider):
    return provider.listing_status(context.get("today") or timezone.localdate())
