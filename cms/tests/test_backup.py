"""Backup and restore: the demo site, exported and restored into a freshly migrated database, comes back with
every page (same ids, titles, revisions, live state), every row and every file (same checksums).

The "fresh database" is the test database exactly as `migrate` left it: the test works inside a savepoint, builds
and exports the site, rolls the savepoint back, then restores. The same test runs on SQLite and PostgreSQL.
"""

import hashlib
import json
import shutil

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from wagtail.models import Collection, Page, PageLogEntry, Revision

from cms.accounts import demo
from cms.accounts.audit import log_import
from cms.backup import exportable_models, file_fields
from cms.models import CustomDocument, CustomImage, HomePage
from cms.tests import samples


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def quiet():
    return open("/dev/null", "w")  # noqa: SIM115


def build_site():
    """The demo, plus what a working site has: demo users, uploads, drafts, a rendition, an import log entry."""
    call_command("load_demo", stdout=quiet())
    demo.create_demo_users(lambda message: None)
    get_user_model().objects.create_user("restore-check", "r@example.com", "restore-check-password")
    collection = Collection.objects.get(name="课程资料")
    image = CustomImage(
        title="护理示范",
        alt_text="护理员为老人测量血压",
        collection=collection,
        file=SimpleUploadedFile("护理 示范.png", samples.image_bytes("PNG", size=(120, 80))),
    )
    image.full_clean()
    image.save()
    image.tags.add("养老护理")
    image.get_rendition("fill-60x40")
    document = CustomDocument(
        title="培训通知", collection=collection, file=SimpleUploadedFile("培训通知.pdf", samples.pdf_bytes())
    )
    document.full_clean()
    document.save()
    home = HomePage.objects.get()
    curricula = home.get_children().get(slug="curricula")
    module = Page(title="养老护理基础（示例）", slug="module-demo")
    curricula.add_child(instance=module)
    module.save_revision().publish()
    module.title = "养老护理基础（草稿修改）"
    module.save_revision()  # an unpublished draft on top of the live version
    log_import(None, curricula, "导入 3 个课程模块（示例）")


def page_snapshot():
    return {
        page.pk: (
            page.title,
            page.draft_title,
            page.live,
            page.has_unpublished_changes,
            page.path,
            page.url_path,
            page.specific_class._meta.label,
            page.revisions.count(),
            page.latest_revision_id,
            page.live_revision_id,
        )
        for page in Page.objects.all()
    }


def row_counts():
    return {model._meta.label_lower: model._base_manager.count() for model in exportable_models(True)}


def file_checksums():
    checksums = {}
    for model in exportable_models(True):
        for field in file_fields(model):
            for name in model._base_manager.exclude(**{field.attname: ""}).values_list(field.attname, flat=True):
                with field.storage.open(name, "rb") as stream:
                    checksums[name] = hashlib.sha256(stream.read()).hexdigest()
    return checksums


@pytest.mark.django_db
def test_export_then_restore_into_a_fresh_database_reproduces_the_site(media_root, tmp_path, capsys):
    export_dir = tmp_path / "export"
    fresh = transaction.savepoint()
    build_site()
    expected = (page_snapshot(), row_counts(), file_checksums())
    names = set(expected[2])
    assert "documents/培训通知.pdf" in names
    assert any(name.startswith("original_images/") for name in names), "the uploaded image"
    assert any(name.startswith("images/") for name in names), "its rendition"
    call_command("export_site", str(export_dir), "--include-renditions")

    transaction.savepoint_rollback(fresh)
    shutil.rmtree(media_root)
    assert not HomePage.objects.exists(), "back to the database exactly as migrate left it"
    assert Page.objects.count() == 2, "Wagtail's root and welcome page"

    call_command("import_site", str(export_dir))
    pages, counts, checksums = page_snapshot(), row_counts(), file_checksums()
    assert pages == expected[0]
    assert counts == expected[1]
    assert checksums == expected[2]
    assert PageLogEntry.objects.filter(action="kangyang.import").count() == 1
    out = capsys.readouterr().out
    assert "导出完成" in out and "导入完成" in out

    client = Client()
    assert client.get("/").status_code == 200
    assert client.get("/curricula/module-demo/").content.decode().count("养老护理基础（示例）") >= 1
    assert client.login(username="restore-check", password="restore-check-password"), "password hashes survive"
    assert Revision.objects.filter(object_id=str(Page.objects.get(slug="module-demo").pk)).count() == 2
    assert CustomImage.objects.get().tags.names()[0] == "养老护理"

    with pytest.raises(CommandError, match="目标数据库不是空的"):
        call_command("import_site", str(export_dir))


@pytest.mark.django_db
def test_restore_refuses_a_tampered_export_and_reports_every_problem(media_root, tmp_path):
    export_dir = tmp_path / "export"
    fresh = transaction.savepoint()
    build_site()
    call_command("export_site", str(export_dir), stdout=quiet())
    transaction.savepoint_rollback(fresh)

    manifest = json.loads((export_dir / "manifest.json").read_text(encoding="utf-8"))
    image_name = next(name for name in manifest["files"] if name.startswith("original_images/"))
    (export_dir / "files" / image_name).write_bytes(b"tampered")
    (export_dir / "data" / "wagtailcore.page.json").write_text("[]", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_site", str(export_dir), "--check")
    message = str(caught.value)
    assert f"files/{image_name} 的校验和不符" in message
    assert "wagtailcore.page.json 的校验和不符" in message
    assert not HomePage.objects.exists(), "nothing was imported"


@pytest.mark.django_db
def test_export_refuses_a_folder_that_already_holds_an_export(site_tree, tmp_path, media_root):
    call_command("export_site", str(tmp_path / "a"), stdout=quiet())
    with pytest.raises(CommandError, match="已有一份导出"):
        call_command("export_site", str(tmp_path / "a"), stdout=quiet())


def test_every_installed_model_is_exported_except_documented_ones():
    exported = {model._meta.label_lower for model in exportable_models(include_renditions=True)}
    skipped = {model._meta.label_lower for model in apps.get_models()} - exported
    always = {"contenttypes.contenttype", "auth.permission", "sessions.session", "wagtailsearch.indexentry"}
    assert always <= skipped <= always | {"wagtailsearch.sqliteftsindexentry"}  # the FTS table exists on SQLite
