"""Section-level permission checks for views outside the page editor (importers, exports, reports).

A user may work on a section when Wagtail grants them "add" or "change" on the section's root page (page
permissions propagate down the subtree), so these checks follow exactly what the page editor allows.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from .roles import section_root

EDIT_ACTIONS = frozenset({"add", "change"})


def _section_actions(user, section: str) -> set[str] | None:
    """The page actions `user` holds on the section root; None when the user or section does not qualify."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    root = section_root(section)
    if root is None:
        return None
    if user.is_superuser:
        return {"add", "change", "publish", "bulk_delete", "lock", "unlock"}
    return set(root.permissions_for_user(user).permissions)


def user_can_edit_section(user, section: str) -> bool:
    """May `user` create or edit content in the section whose root page type is `section`
    (e.g. "competitions.CompetitionIndexPage")? Importers call this before touching anything."""
    actions = _section_actions(user, section)
    return bool(actions and actions & EDIT_ACTIONS)


def user_can_publish_section(user, section: str) -> bool:
    """May `user` make content of the section live without going through an approval workflow?"""
    actions = _section_actions(user, section)
    return bool(actions and "publish" in actions)


def section_permission_required(section: str, publish: bool = False):
    """View decorator: 403 unless the user may edit (or, with publish=True, publish) the section."""
    check = user_can_publish_section if publish else user_can_edit_section

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user, section):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
