"""Small display helpers for curricula templates."""

from django import template

from ..rules import format_hours

register = template.Library()


@register.filter
def hours(value):
    """Hours as people write them: 12 rather than 12.0."""
    return format_hours(value)
