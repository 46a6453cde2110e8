"""Site backup and restore: every row of every installed model, and every stored file, to a folder and back.

Layout of an export folder::

    manifest.json            format, versions, applied migrations, per-model row counts and SHA-256 checksums
    data/<app>.<model>.json  Django JSON serialisation of one model (primary keys kept)
    files/<storage name>     uploaded files (images, documents, optional renditions) under their storage names

Generic by design: models are discovered from the app registry, so content models added later are exported
without changes here. Primary keys are kept (page ids, revision ids and the ids inside revision JSON stay valid);
only rows that every migrated database recreates itself (content types, permissions) are referenced by natural
keys. Derived data is left out and rebuilt: the search index (`update_index` runs after a restore) and, unless
asked for, image renditions (regenerated on demand). Sessions are not content.

A restore goes into an EMPTY migrated database only (see `database_problems`), in one transaction: the rows that
migrations created (root page, root collection, default site, groups, workflows) are replaced by the exported ones.
"""

import hashlib
import json
import os
import posixpath
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from cms.models import CustomDocument, CustomImage

FORMAT = "kangyang-site-export"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024

# Recreated by `migrate` in every database; referenced by natural key instead of exported.
RECREATED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
# Not content: rebuilt (search index) or meaningless elsewhere (sessions, migration bookkeeping).
NOT_CONTENT = {"sessions.session", "wagtailsearch.indexentry", "wagtailsearch.sqliteftsindexentry"}
NATURAL_KEY_MODELS = (ContentType, Permission)


class BackupError(Exception):
    """A problem that stops an export or a restore; `problems` lists every one found, not just the first."""

    def __init__(self, message, problems=()):
        self.problems = list(problems)
        detail = "".join(f"\n  - {problem}" for problem in self.problems)
        super().__init__(f"{message}{detail}")


# --- what is exported -------------------------------------------------------------------------------------------


def is_rendition_model(model) -> bool:
    from wagtail.images.models import AbstractRendition

    return issubclass(model, AbstractRendition)


def exportable_models(include_renditions=False) -> list[type[models.Model]]:
    """Every concrete, managed model of every installed app, minus the rows migrate recreates and derived data."""
    chosen = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed or label in RECREATED_BY_MIGRATE | NOT_CONTENT:
            continue
        if is_rendition_model(model) and not include_renditions:
            continue
        chosen.append(model)
    return sorted(chosen, key=lambda model: model._meta.label_lower)


def file_fields(model):
    return [field for field in model._meta.local_concrete_fields if isinstance(field, models.FileField)]


def is_project_model(model) -> bool:
    """A model of one of our own apps (settings.PROJECT_APPS), not of Wagtail, Django or a library."""
    return apps.get_app_config(model._meta.app_label).name in settings.PROJECT_APPS


def safe_storage_name(name: str) -> bool:
    normalised = posixpath.normpath(name)
    return bool(name) and not name.startswith(("/", "\\")) and normalised == name and not normalised.startswith("..")


def sha256_of(stream) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


# --- serialisation ----------------------------------------------------------------------------------------------


class Serializer(JSONSerializer):
    """Django's JSON serializer, with natural keys only for content types and permissions (whose ids differ
    between databases); every other relation keeps its primary key."""

    def start_serialization(self):
        super().start_serialization()
        self._permission_keys = {}

    def _natural(self, model, pk):
        if pk is None:
            return None
        if model is ContentType:
            return ContentType.objects.get_for_id(pk).natural_key()
        if pk not in self._permission_keys:
            self._permission_keys[pk] = Permission.objects.select_related("content_type").get(pk=pk).natural_key()
        return self._permission_keys[pk]

    def handle_fk_field(self, obj, field):
        if field.remote_field.model in NATURAL_KEY_MODELS:
            self._current[field.name] = self._natural(field.remote_field.model, getattr(obj, field.attname))
        else:
            self.use_natural_foreign_keys = False
            super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in NATURAL_KEY_MODELS
        super().handle_m2m_field(obj, field)


def data_file_name(model) -> str:
    return f"data/{model._meta.label_lower}.json"


# --- export -----------------------------------------------------------------------------------------------------


def applied_migrations(using=DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    applied = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {app_label: sorted(names) for app_label, names in sorted(applied.items())}


def export_site(directory, include_renditions=False, log=print, using=DEFAULT_DB_ALIAS) -> dict:
    """Write the whole site to `directory` (created if needed; refused if it already holds an export)."""
    import django
    import wagtail

    started = time.monotonic()
    target = Path(directory)
    if (target / MANIFEST).exists():
        raise BackupError(f"{target} 已有一份导出（manifest.json）：请换一个空目录。")
    (target / "data").mkdir(parents=True, exist_ok=True)
    (target / "files").mkdir(exist_ok=True)

    chosen = exportable_models(include_renditions)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "database_vendor": connections[using].vendor,
        "include_renditions": include_renditions,
        "migrations": applied_migrations(using),
        "models": {},
        "files": {},
        "missing_files": [],
    }
    with transaction.atomic(using=using):  # one consistent snapshot (repeatable on PostgreSQL)
        for index, model in enumerate(chosen, start=1):
            queryset = model._base_manager.using(using).order_by("pk")
            name = data_file_name(model)
            with open(target / name, "w", encoding="utf-8") as stream:
                Serializer().serialize(queryset.iterator(chunk_size=2000), stream=stream, indent=1)
            count = queryset.count()
            with open(target / name, "rb") as stream:
                checksum = sha256_of(stream)
            manifest["models"][model._meta.label_lower] = {"file": name, "count": count, "sha256": checksum}
            if count:
                log(f"[{index}/{len(chosen)}] {model._meta.label_lower}: {count}")
            for field in file_fields(model):
                for stored in queryset.exclude(**{field.attname: ""}).values_list(field.attname, flat=True):
                    _export_file(field.storage, stored, target, manifest)
    manifest["missing_files"] = sorted(set(manifest["missing_files"]))
    with open(target / MANIFEST, "w", encoding="utf-8") as stream:
        json.dump(manifest, stream, ensure_ascii=False, indent=1, sort_keys=True)
    rows = sum(entry["count"] for entry in manifest["models"].values())
    log(
        f"导出完成 / export done: {rows} 行（{len(chosen)} 个模型），{len(manifest['files'])} 个文件，"
        f"{len(manifest['missing_files'])} 个缺失文件，用时 {time.monotonic() - started:.1f}s → {target}"
    )
    return manifest


def _export_file(storage, name, target, manifest):
    if name in manifest["files"] or not name:
        return
    if not safe_storage_name(name) or not storage.exists(name):
        manifest["missing_files"].append(name)
        return
    destination = target / "files" / name
    destination.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with storage.open(name, "rb") as source, open(destination, "wb") as out:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    manifest["files"][name] = {"sha256": digest.hexdigest(), "size": size}


# --- restore ----------------------------------------------------------------------------------------------------


def database_problems(using=DEFAULT_DB_ALIAS) -> list[str]:
    """Why the database is not empty (nothing but what `migrate` creates); an empty list when it is."""
    from wagtail.models import Page

    problems = []
    User = apps.get_model(settings.AUTH_USER_MODEL)
    if count := User._base_manager.using(using).count():
        problems.append(f"已有 {count} 个用户")
    initial = Page._base_manager.using(using).filter(depth__lte=1) | Page._base_manager.using(using).filter(
        depth=2, numchild=0, content_type=ContentType.objects.get_for_model(Page)
    )
    if count := Page._base_manager.using(using).exclude(pk__in=initial.values("pk")).count():
        problems.append(f"已有 {count} 个页面")
    for model in (CustomImage, CustomDocument):
        if count := model._base_manager.using(using).count():
            problems.append(f"已有 {count} 个{model._meta.verbose_name}")
    counted = (User, CustomImage, CustomDocument)
    for model in exportable_models(include_renditions=True):
        if not is_project_model(model) or issubclass(model, Page) or model in counted:
            continue
        if getattr(model, "seeded_by_migration", False):
            continue  # reference rows a data migration creates (e.g. skill levels); the import updates them
        if count := model._base_manager.using(using).count():
            problems.append(f"{model._meta.label} 已有 {count} 行")
    return problems


def read_manifest(directory) -> dict:
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{path} 不存在：这不是 export_site 导出的目录。") from None
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} 无法读取：{exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} 不是本站的导出清单（format 应为 {FORMAT}）。")
    if manifest.get("version") != VERSION:
        raise BackupError(f"导出格式版本 {manifest.get('version')} 不受支持（本程序支持 {VERSION}）。")
    return manifest


def verify_export(directory, manifest, using=DEFAULT_DB_ALIAS) -> list[str]:
    """Every problem of an export folder against this installation: checksums, unknown models, migrations."""
    root = Path(directory)
    problems = []
    installed = {model._meta.label_lower for model in apps.get_models()}
    for label, entry in sorted(manifest.get("models", {}).items()):
        if label not in installed:
            problems.append(f"模型 {label} 在本站未安装（导出来自装有该应用的版本）")
            continue
        path = root / entry.get("file", "")
        if not path.is_file():
            problems.append(f"缺少数据文件 {entry.get('file')}")
            continue
        with open(path, "rb") as stream:
            if sha256_of(stream) != entry.get("sha256"):
                problems.append(f"数据文件 {entry['file']} 的校验和不符（文件已损坏或被修改）")
    for name, entry in sorted(manifest.get("files", {}).items()):
        path = root / "files" / name
        if not safe_storage_name(name):
            problems.append(f"不安全的文件名 {name!r}")
        elif not path.is_file():
            problems.append(f"缺少文件 files/{name}")
        else:
            with open(path, "rb") as stream:
                if sha256_of(stream) != entry.get("sha256"):
                    problems.append(f"文件 files/{name} 的校验和不符")
    applied = applied_migrations(using)
    for app_label, names in manifest.get("migrations", {}).items():
        missing = sorted(set(names) - set(applied.get(app_label, [])))
        if missing and app_label in {config.label for config in apps.get_app_configs()}:
            problems.append(f"数据库缺少迁移 {app_label}: {', '.join(missing)}（先运行 manage.py migrate）")
    return problems


def _table_names(model_list) -> list[str]:
    tables = []
    for model in model_list:
        tables.append(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                tables.append(through._meta.db_table)
    return list(dict.fromkeys(tables))


def _wipe(model_list, using):
    """Delete every row that migrations created in the tables about to be restored (plus the search index)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    from wagtail.search.models import IndexEntry

    tables = _table_names(model_list) + [IndexEntry._meta.db_table]
    if "wagtailsearch_indexentry_fts" in existing:
        tables.append("wagtailsearch_indexentry_fts")
    with connection.cursor() as cursor:
        for table in tables:
            if table in existing:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608  (quoted table name)


def import_site(directory, log=print, using=DEFAULT_DB_ALIAS, check_only=False, rebuild_search=True) -> dict:
    """Restore an export into an empty migrated database, all or nothing. With check_only, only report."""
    started = time.monotonic()
    root = Path(directory)
    manifest = read_manifest(root)
    problems = verify_export(root, manifest, using)
    emptiness = database_problems(using)
    if emptiness:
        problems.append(
            "目标数据库不是空的（" + "；".join(emptiness) + "）：import_site 只能导入到刚运行过 migrate 的空数据库。"
        )
    if problems:
        raise BackupError("无法导入：", problems)
    if check_only:
        log("检查通过：导出完整，数据库为空，可以导入。")
        return manifest

    labels = sorted(manifest["models"])
    model_list = [apps.get_model(label) for label in labels]
    connection = connections[using]
    with transaction.atomic(using=using):
        _wipe(exportable_models(include_renditions=True), using)
        for index, label in enumerate(labels, start=1):
            entry = manifest["models"][label]
            loaded = _load_file(root / entry["file"], label, using)
            if loaded != entry["count"]:
                raise BackupError(f"{label}: 导入 {loaded} 行，清单记录 {entry['count']} 行。")
            if loaded:
                log(f"[{index}/{len(labels)}] {label}: {loaded}")
        statements = connection.ops.sequence_reset_sql(no_style(), model_list)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        connection.check_constraints(table_names=_table_names(model_list))
        _restore_files(root, manifest, log)
    from django.core.cache import cache

    cache.clear()  # e.g. Wagtail's cached site root paths from the replaced default site
    if rebuild_search:
        from django.core.management import call_command

        call_command("update_index", verbosity=0)
    rows = sum(entry["count"] for entry in manifest["models"].values())
    log(f"导入完成 / import done: {rows} 行，{len(manifest['files'])} 个文件，用时 {time.monotonic() - started:.1f}s")
    return manifest


def _load_file(path, label, using) -> int:
    count = 0
    with open(path, encoding="utf-8") as stream:
        try:
            for deserialized in serializers.deserialize("json", stream, using=using):
                deserialized.save(using=using)
                count += 1
        except (DeserializationError, ObjectDoesNotExist, ValueError) as exc:
            raise BackupError(f"{label}: 第 {count + 1} 条记录无法导入：{exc}") from exc
    return count


def _restore_files(root, manifest, log):
    for index, (name, entry) in enumerate(sorted(manifest["files"].items()), start=1):
        source = root / "files" / name
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as current:
                if sha256_of(current) == entry["sha256"]:
                    continue
            default_storage.delete(name)
        with open(source, "rb") as stream:
            saved = default_storage.save(name, File(stream, name=os.path.basename(name)))
        if saved != name:
            raise BackupError(f"文件 {name} 被存储为 {saved}：无法保持原文件名。")
        if index % 200 == 0:
            log(f"文件 {index}/{len(manifest['files'])}")
