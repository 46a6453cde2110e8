"""Number formatting for the progress figures: thousands separators and percentages, “—” for no value."""

from django import template

register = template.Library()


@register.filter
def thousands(value):
    if value is None or value == "":
        return "—"
    return f"{value:,.0f}"


@register.filter
def percent(value, digits=1):
    if value is None:
        return "—"
    return f"{value * 100:.{int(digits)}f}%"
