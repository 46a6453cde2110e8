"""Page header buttons shown beside the title instead of inside the “⋯” menu.

Wagtail puts every `register_page_header_buttons` button in the dropdown; an app whose page type has a main task
(importing results, say) registers it with the `register_page_header_primary_buttons` hook instead:
`hook(page=, user=, view_name=)` yields HeaderButton objects.
"""

from django import template
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def page_header_primary_buttons(context, page, view_name="edit"):
    request = context.get("request")
    if page is None or request is None or getattr(page, "pk", None) is None:
        return []
    buttons = []
    for hook in hooks.get_hooks("register_page_header_primary_buttons"):
        buttons.extend(hook(page=page, user=request.user, view_name=view_name))
    return sorted(button for button in buttons if button.show)
