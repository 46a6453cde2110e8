"""`manage.py import_policy` and the admin form: the same parser, a draft, all or nothing, every problem reported."""

import io

import pytest
from django.core.management import CommandError, call_command

from policy.models import PolicyDocument

from .factories import SEED_FILE

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("import_policy", *args, stdout=out)
    return out.getvalue()


def test_command_creates_a_draft_under_the_policy_section(policy_index):
    out = run(str(SEED_FILE))
    document = PolicyDocument.objects.get()
    assert not document.live and document.has_unpublished_changes
    assert document.get_parent().pk == policy_index.pk
    assert document.document_number == "川人社办发〔2021〕26号"
    assert document.slug == "crsbf-2021-26"
    assert [section["numeral"] for section in document.sections] == ["一", "二", "三", "四"]
    assert sum(len(section["clauses"]) for section in document.sections) == 13
    assert len(document.issuers.all()) == 7
    assert "4 章 13 条" in out and "警告：" in out and "已创建草稿" in out
    assert "（十二）加大培训补贴政策落实力度" in out


def test_dry_run_reports_and_writes_nothing(policy_index):
    out = run(str(SEED_FILE), "--dry-run")
    assert PolicyDocument.objects.count() == 0
    assert "试运行" in out and "川人社办发〔2021〕26号" in out and "0 个错误" in out


def test_importing_the_same_number_twice_is_refused_with_nothing_written(policy_index):
    run(str(SEED_FILE))
    with pytest.raises(CommandError, match="失败"):
        run(str(SEED_FILE))
    assert PolicyDocument.objects.count() == 1
    with pytest.raises(CommandError):
        run(str(SEED_FILE), "--dry-run")


def test_bad_input_gets_a_clear_error(policy_index, tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run(str(tmp_path / "missing.txt"))
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run(str(empty))
    assert PolicyDocument.objects.count() == 0


def test_gb18030_files_are_read(policy_index, tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(SEED_FILE.read_text(encoding="utf-8").encode("gb18030"))
    run(str(legacy))
    assert PolicyDocument.objects.get().document_number == "川人社办发〔2021〕26号"


def test_admin_form_previews_then_creates_the_draft(admin_client, policy_index, seed_text):
    url = "/admin/policy/import/"
    assert admin_client.get(url).status_code == 200
    preview = admin_client.post(url, {"text": seed_text, "action": "preview"})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "川人社办发〔2021〕26号" in html and "结构：4 章，13 条" in html
    assert "（十二）加大培训补贴政策落实力度" in html
    assert "后文可能缺失" in html  # the warning about the cut-off cover letter
    assert PolicyDocument.objects.count() == 0
    created = admin_client.post(url, {"text": seed_text, "action": "create"})
    document = PolicyDocument.objects.get()
    assert created.status_code == 302 and created["Location"] == f"/admin/pages/{document.pk}/edit/"
    assert not document.live
    again = admin_client.post(url, {"text": seed_text, "action": "create"})
    assert "已存在" in again.content.decode()
    assert PolicyDocument.objects.count() == 1


def test_admin_form_and_menu_need_permission(client, django_user_model, policy_index):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="pw-for-tests-only")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/policy/import/").status_code in (302, 403)
    assert "导入政策文件" not in client.get("/admin/").content.decode()
