"""No privilege escalation through the user and group admin: a non-superuser cannot create, edit, elevate or reset
the password of a superuser, nor give anyone (itself included) a permission it does not hold.

Why a middleware that compares the permission state before and after the request instead of patching Wagtail's
forms: the user, group and bulk-action views have many paths (create, edit, the group permission formsets, "assign
role" bulk action, …) and any new one would reopen the hole. Every POST by a non-superuser under those admin URLs
runs in one transaction; if what it changed grants more than the actor held before the request, the transaction
is rolled back and the answer is 403.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

GUARDED_PREFIXES = ("/admin/users/", "/admin/groups/", "/admin/bulk/")


@dataclass(frozen=True)
class PermissionState:
    """Everything that decides who may do what: users (flags, groups, own permissions), groups' model rights,
    page rights and collection rights."""

    users: dict
    group_permissions: frozenset
    page_permissions: frozenset
    collection_permissions: frozenset

    @classmethod
    def capture(cls) -> PermissionState:
        from wagtail.models import GroupCollectionPermission, GroupPagePermission

        User = get_user_model()
        users = {}
        for user in User.objects.prefetch_related("groups", "user_permissions"):
            users[user.pk] = {
                "is_superuser": user.is_superuser,
                "row": (user.get_username(), user.password, user.is_active, user.email, user.is_staff),
                "groups": frozenset(group.pk for group in user.groups.all()),
                "permissions": frozenset(permission.pk for permission in user.user_permissions.all()),
            }
        return cls(
            users=users,
            group_permissions=frozenset(Group.permissions.through.objects.values_list("group_id", "permission_id")),
            page_permissions=frozenset(
                GroupPagePermission.objects.values_list("group_id", "page__path", "permission_id")
            ),
            collection_permissions=frozenset(
                GroupCollectionPermission.objects.values_list("group_id", "collection__path", "permission_id")
            ),
        )


@dataclass(frozen=True)
class Holdings:
    """What one (non-superuser) actor holds: model permission ids, and (tree path, permission id) pairs for pages
    and collections (a right on a page covers its subtree)."""

    permissions: frozenset
    pages: frozenset
    collections: frozenset

    @classmethod
    def of(cls, user, state: PermissionState) -> Holdings:
        mine = state.users.get(user.pk, {"groups": frozenset(), "permissions": frozenset()})
        groups = mine["groups"]
        permissions = set(mine["permissions"])
        permissions |= {perm for group, perm in state.group_permissions if group in groups}
        pages = frozenset((path, perm) for group, path, perm in state.page_permissions if group in groups)
        collections = frozenset((path, perm) for group, path, perm in state.collection_permissions if group in groups)
        return cls(frozenset(permissions), pages, collections)

    @staticmethod
    def _covers(held: frozenset, path: str, perm: int) -> bool:
        return any(perm == held_perm and path.startswith(held_path) for held_path, held_perm in held)

    def group_within(self, group: int, state: PermissionState) -> bool:
        """Does `group` (as it is in `state`) grant nothing beyond these holdings?"""
        return (
            all(perm in self.permissions for g, perm in state.group_permissions if g == group)
            and all(self._covers(self.pages, path, perm) for g, path, perm in state.page_permissions if g == group)
            and all(
                self._covers(self.collections, path, perm)
                for g, path, perm in state.collection_permissions
                if g == group
            )
        )


def escalations(actor, before: PermissionState, after: PermissionState) -> list[str]:
    """Why the change from `before` to `after`, made by non-superuser `actor`, is refused (empty: allowed)."""
    held = Holdings.of(actor, before)
    problems = []
    for pk, now in after.users.items():
        was = before.users.get(pk)
        if was is not None and was["is_superuser"] and now != was:
            problems.append(f"superuser {pk} changed")
        if now["is_superuser"] and (was is None or not was["is_superuser"]):
            problems.append(f"user {pk} made superuser")
        for group in now["groups"] - (was["groups"] if was else frozenset()):
            if not held.group_within(group, after):
                problems.append(f"user {pk} given group {group} with rights the actor lacks")
        for perm in now["permissions"] - (was["permissions"] if was else frozenset()):
            if perm not in held.permissions:
                problems.append(f"user {pk} given permission {perm}")
    changed_groups = {
        group
        for group, *_rest in (after.group_permissions - before.group_permissions)
        | (after.page_permissions - before.page_permissions)
        | (after.collection_permissions - before.collection_permissions)
    }
    for group in changed_groups:
        members = [pk for pk, user in after.users.items() if group in user["groups"]]
        if not held.group_within(group, after):
            problems.append(f"group {group} given rights the actor lacks (members {members})")
    return problems


class _Refused(Exception):
    pass


class PrivilegeGuardMiddleware:
    """Place after AuthenticationMiddleware (and MessageMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.method != "POST"
            or not request.path.startswith(GUARDED_PREFIXES)
            or user is None
            or not user.is_authenticated
            or user.is_superuser
        ):
            return self.get_response(request)
        response = None
        try:
            with transaction.atomic():
                before = PermissionState.capture()
                response = self.get_response(request)
                problems = escalations(user, before, PermissionState.capture())
                if problems:
                    raise _Refused(problems)
        except _Refused as refused:
            logger.warning("Refused privilege escalation by user %s at %s: %s", user.pk, request.path, refused)
            list(messages.get_messages(request))  # drop the view's "saved" message: nothing was saved
            return HttpResponseForbidden(_("不能授予自己没有的权限，也不能创建或修改超级管理员。"))
        return response


def refuse_superuser_targets(request, user):
    """Wagtail hook (before_edit_user): a non-superuser may not even open a superuser's edit form."""
    if user.is_superuser and not request.user.is_superuser:
        raise PermissionDenied


def refuse_superuser_flag(request, *args):
    """Wagtail hook (before_create_user / before_edit_user): a non-superuser cannot submit is_superuser."""
    if request.method == "POST" and request.POST.get("is_superuser") and not request.user.is_superuser:
        raise PermissionDenied
