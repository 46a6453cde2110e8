"""The five editorial roles and what each may touch, applied idempotently by `setup_roles`.

Sections are found by page type, collections by name, so the same call completes a fresh site, an old site after
new content apps were merged, or a restored backup. Content models of a section's app (snippets, results, …) get
Django model permissions for the section's roles; page types are governed by the page tree, not by model rights.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permissions import policy_registry

DESIGNER = "课程设计"
REVIEWER = "课程审核"
PUBLICITY = "宣传"
ORGANISER = "竞赛组织"
SITE_ADMIN = "站点管理"
TRAINING_MANAGER = "培训管理"
ROLE_NAMES = [DESIGNER, REVIEWER, PUBLICITY, ORGANISER, SITE_ADMIN, TRAINING_MANAGER]

CURRICULA = "curricula.CurriculaIndexPage"
POLICY = "policy.PolicyIndexPage"
COMPETITIONS = "competitions.CompetitionIndexPage"
SECTIONS = [CURRICULA, POLICY, COMPETITIONS]

COURSE_MATERIALS = "课程资料"
PUBLICITY_MATERIALS = "宣传资料"
COMPETITION_MATERIALS = "竞赛资料"
SECTION_COLLECTIONS = {CURRICULA: COURSE_MATERIALS, POLICY: PUBLICITY_MATERIALS, COMPETITIONS: COMPETITION_MATERIALS}

ALL_PAGE_ACTIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
MEDIA_ACTIONS = ("add", "change", "choose")
RECORD_ACTIONS = ("add", "change", "delete", "view")


@dataclass(frozen=True)
class SectionGrant:
    """One role's rights on one section: its page subtree, its media collection and its app's other models."""

    section: str
    page_actions: tuple[str, ...]
    collection_actions: tuple[str, ...]
    model_actions: tuple[str, ...]


@dataclass(frozen=True)
class WorkflowSpec:
    """An approval workflow (one GroupApprovalTask) attached to a section root."""

    name: str
    section: str
    approvers: tuple[str, ...]


@dataclass(frozen=True)
class ModelGrant:
    """Model permissions outside a page section, for records a role works on: `label` is an app ("training": every
    non-page model of it) or one model ("search.SynonymGroup"). Another app joins a role by adding one of these."""

    label: str
    model_actions: tuple[str, ...]


@dataclass(frozen=True)
class RoleSpec:
    name: str
    grants: tuple[SectionGrant, ...] = field(default_factory=tuple)
    model_grants: tuple[ModelGrant, ...] = field(default_factory=tuple)


# Designers write and submit but never publish; reviewers approve through the workflow (and may publish).
# Publicity staff write policy pages and submit them to 政策审核, approved by 站点管理 (four eyes: nobody approves
# their own campaign copy). Organisers run competitions end to end; results' four-eyes rule lives in the results
# model, not in the page tree.
ROLES = [
    RoleSpec(
        DESIGNER,
        (SectionGrant(CURRICULA, ("add", "change", "lock"), ("add", "choose"), ("add", "change", "view")),),
    ),
    RoleSpec(
        REVIEWER,
        (
            SectionGrant(
                CURRICULA,
                ("add", "change", "publish", "lock", "unlock"),
                MEDIA_ACTIONS,
                ("add", "change", "delete", "view"),
            ),
        ),
        model_grants=(ModelGrant("search.SynonymGroup", RECORD_ACTIONS),),  # 同义词 (issue 14)
    ),
    RoleSpec(
        PUBLICITY,
        (SectionGrant(POLICY, ("add", "change", "lock"), MEDIA_ACTIONS, ("add", "change", "delete", "view")),),
    ),
    RoleSpec(
        ORGANISER,
        (
            SectionGrant(
                COMPETITIONS,
                ("add", "change", "publish", "lock", "unlock"),
                MEDIA_ACTIONS,
                ("add", "change", "delete", "view"),
            ),
        ),
    ),
    RoleSpec(SITE_ADMIN),
    # Providers, classes and subsidy rules, targets and monthly progress figures, and nothing else: no page rights.
    RoleSpec(
        TRAINING_MANAGER,
        model_grants=(ModelGrant("training", RECORD_ACTIONS), ModelGrant("progress", RECORD_ACTIONS)),
    ),
]

WORKFLOWS = [
    WorkflowSpec("课程审核", CURRICULA, (REVIEWER,)),
    WorkflowSpec("政策审核", POLICY, (SITE_ADMIN,)),
]


def section_root(section: str):
    """The root page of a section, by page type label (e.g. "curricula.CurriculaIndexPage"), or None."""
    try:
        model = apps.get_model(section)
    except LookupError:
        return None
    return model.objects.order_by("path").first()


def media_permission(model_kind: str, action: str) -> Permission:
    """Collection permissions are checked against Wagtail's base models (wagtailimages.Image / wagtaildocs.Document),
    whatever the custom image/document model is."""
    if model_kind == "image":
        from wagtail.images import get_image_model as get_model
    else:
        from wagtail.documents import get_document_model as get_model
    auth_model = policy_registry.get_by_type(get_model()).auth_model
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(auth_model),
        codename=f"{action}_{auth_model._meta.model_name}",
    )


def page_permission(action: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")


def app_model_permissions(app_label: str, actions) -> list[Permission]:
    """Model permissions on an app's non-page models (snippets, results, reference data)."""
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return []
    permissions = []
    for model in config.get_models():
        if issubclass(model, Page):
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        codenames = [f"{action}_{model._meta.model_name}" for action in actions]
        permissions.extend(Permission.objects.filter(content_type=content_type, codename__in=codenames))
    return permissions


def model_permissions(label: str, actions) -> list[Permission]:
    """Permissions on one model named "app_label.ModelName" (none when that app is not installed)."""
    app_label, _, model_name = label.partition(".")
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name.lower()).first()
    if content_type is None:
        return []
    codenames = [f"{action}_{model_name.lower()}" for action in actions]
    return list(Permission.objects.filter(content_type=content_type, codename__in=codenames))


def ensure_collection(name: str) -> tuple[Collection, bool]:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    if existing is not None:
        return existing, False
    return root.add_child(name=name), True


class _Counter:
    def __init__(self):
        self.created = 0

    def add(self, created: bool):
        self.created += int(bool(created))


def _grant_page(group, page, actions, counter):
    for action in actions:
        _, created = GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=page_permission(action)
        )
        counter.add(created)


def _grant_collection(group, collection, actions, counter):
    for kind in ("image", "document"):
        for action in actions:
            _, created = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=media_permission(kind, action)
            )
            counter.add(created)


def _grant_model_permissions(group, permissions, counter):
    have = set(group.permissions.values_list("pk", flat=True))
    missing = [permission for permission in permissions if permission.pk not in have]
    if missing:
        group.permissions.add(*missing)
        counter.add(True)


def ensure_groups() -> dict[str, Group]:
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for name in ROLE_NAMES:
        group, _ = Group.objects.get_or_create(name=name)
        if not group.permissions.filter(pk=access_admin.pk).exists():
            group.permissions.add(access_admin)
        groups[name] = group
    return groups


def ensure_workflow(spec: WorkflowSpec, groups, counter, log):
    root = section_root(spec.section)
    if root is None:
        log(f"未找到栏目 {spec.section}：跳过工作流「{spec.name}」")
        return
    task = GroupApprovalTask.objects.filter(name=spec.name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=spec.name)
        counter.add(True)
    approvers = [groups[name] for name in spec.approvers]
    if set(task.groups.all()) != set(approvers):
        task.groups.set(approvers)
        counter.add(True)
    workflow, created = Workflow.objects.get_or_create(name=spec.name, defaults={"active": True})
    counter.add(created)
    _, created = WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    counter.add(created)
    link = WorkflowPage.objects.filter(page=root).first()
    if link is None:
        WorkflowPage.objects.create(page=root, workflow=workflow)
        counter.add(True)
    elif link.workflow_id != workflow.pk:
        link.workflow = workflow
        link.save()
        counter.add(True)


@transaction.atomic
def setup_roles(log=print) -> int:
    """Create or complete groups, collections, page/collection/model permissions and workflows.

    Returns how many rows were created or changed; a second call returns 0.
    """
    counter = _Counter()
    groups = ensure_groups()
    collections = {}
    for section, name in SECTION_COLLECTIONS.items():
        collections[section], created = ensure_collection(name)
        counter.add(created)

    for role in ROLES:
        group = groups[role.name]
        for grant in role.grants:
            root = section_root(grant.section)
            if root is None:
                log(f"未找到栏目 {grant.section}：跳过「{role.name}」的页面权限")
            else:
                _grant_page(group, root, grant.page_actions, counter)
            _grant_collection(group, collections[grant.section], grant.collection_actions, counter)
            app_label = grant.section.split(".", 1)[0]
            _grant_model_permissions(group, app_model_permissions(app_label, grant.model_actions), counter)
        for model_grant in role.model_grants:
            if "." in model_grant.label:
                permissions = model_permissions(model_grant.label, model_grant.model_actions)
            else:
                permissions = app_model_permissions(model_grant.label, model_grant.model_actions)
            _grant_model_permissions(group, permissions, counter)

    # 站点管理: everything a superuser can do, through ordinary permissions (so it can be audited and revoked).
    admin_group = groups[SITE_ADMIN]
    _grant_page(admin_group, Page.get_first_root_node(), ALL_PAGE_ACTIONS, counter)
    root_collection = Collection.get_first_root_node()
    _grant_collection(admin_group, root_collection, MEDIA_ACTIONS, counter)
    for action in ("add", "change", "delete"):
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=admin_group,
            collection=root_collection,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_collection"),
        )
        counter.add(created)
    _grant_model_permissions(admin_group, list(Permission.objects.all()), counter)

    for spec in WORKFLOWS:
        ensure_workflow(spec, groups, counter, log)
    log(f"角色就绪：{len(ROLE_NAMES)} 个用户组，新建或更新 {counter.created} 项权限/工作流")
    return counter.created
