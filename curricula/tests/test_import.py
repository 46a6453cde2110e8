"""Import and export: all or nothing, upsert by code, errors with JSON paths, a round trip that changes nothing."""

import copy
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from curricula.exporter import export_data
from curricula.importer import ImportFailed, import_curricula, parse_json
from curricula.models import CourseModule, ModuleLibrary, Occupation, TrainingPackage

from .factories import DATA

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models() if model._meta.managed}


def test_sample_import_creates_the_expected_pages(index, sample_data):
    report = import_curricula(sample_data)
    assert report.count("occupation", "create") == 2
    assert report.count("module", "create") == 4
    assert report.count("package", "create") == 2

    caring = Occupation.objects.get(code="4-10-01-05")
    assert caring.get_parent().pk == index.pk and caring.live
    assert caring.level_numbers == [5, 4, 3, 2, 1] and caring.shortage and caring.subsidy
    assert (caring.standard_title, caring.standard_year) == ("养老护理员国家职业技能标准", 2019)
    escort = Occupation.objects.get(title="病患陪护")
    assert escort.code is None and escort.kind == "special_ability" and escort.level_numbers == [5]

    library = ModuleLibrary.objects.get()
    assert library.slug == "modules" and library.get_parent().pk == index.pk
    feeding = CourseModule.objects.get(code="YL-5-01")
    assert feeding.get_parent().pk == library.pk and feeding.live
    assert feeding.owner_occupation == caring
    assert (feeding.theory_hours, feeding.practice_hours) == (Decimal("2"), Decimal("4.5"))
    assert feeding.outcome_list == ["能协助老年人进食", "能观察进食异常"]
    assert feeding.prerequisite_codes == ["TY-01"] and feeding.tag_names == ["生活照护"]
    assert CourseModule.objects.get(code="PH-01").owner_occupation == escort

    package = TrainingPackage.objects.get(code="PKG-YL-5")
    assert package.get_parent().pk == caring.pk and package.live and package.level.number == 5
    assert package.module_codes == ["TY-01", "YL-5-01", "YL-5-02"]
    totals = package.totals()
    assert (totals.theory, totals.practice, totals.total) == (Decimal(8), Decimal("8.5"), Decimal("16.5"))
    assert TrainingPackage.objects.get(code="PKG-PH").get_parent().pk == escort.pk
    # Published through revisions: one revision per page, the live one.
    for page in Page.objects.type(Occupation, CourseModule, TrainingPackage):
        assert page.revisions.count() == 1
        assert page.live_revision_id == page.latest_revision_id


def test_reimport_is_a_no_op(index, sample_data):
    import_curricula(sample_data)
    before = row_counts()
    revisions = Revision.objects.count()
    report = import_curricula(copy.deepcopy(sample_data))
    assert report.changed == []
    assert report.count("module", "unchanged") == 4
    assert Revision.objects.count() == revisions
    assert row_counts() == before


def test_three_different_errors_are_all_reported_and_nothing_is_saved(index, sample_data):
    data = copy.deepcopy(sample_data)
    data["modules"][3]["prerequisites"] = ["X"]
    data["modules"][1]["theory_hours"] = -2
    data["packages"][0]["occupation"] = "4-99-99-99"
    pages = Page.objects.count()
    with pytest.raises(ImportFailed) as caught:
        import_curricula(data)
    assert caught.value.errors == [
        "modules[1].theory_hours: 学时不能为负数（-2）",
        'modules[3].prerequisites[0]: 未知的课程模块 "X"',
        'packages[0].occupation: 未知的职业 "4-99-99-99"',
    ]
    assert Page.objects.count() == pages


def test_a_prerequisite_cycle_is_refused_naming_it(index, sample_data):
    data = copy.deepcopy(sample_data)
    data["modules"][0]["prerequisites"] = ["YL-5-02"]  # TY-01 → YL-5-02 → YL-5-01 → TY-01
    with pytest.raises(ImportFailed) as caught:
        import_curricula(data)
    assert caught.value.errors == ["modules[0].prerequisites: 先修模块形成循环：TY-01 → YL-5-02 → YL-5-01 → TY-01"]
    assert not CourseModule.objects.exists()


def test_a_cycle_with_modules_already_in_the_database_is_refused(index, sample_data):
    import_curricula(sample_data)
    with pytest.raises(ImportFailed) as caught:
        import_curricula({"modules": [{"code": "TY-01", "title": "职业道德", "prerequisites": ["YL-5-01"]}]})
    assert caught.value.errors == ["modules[0].prerequisites: 先修模块形成循环：TY-01 → YL-5-01 → TY-01"]


def test_reversing_a_prerequisite_in_one_file_is_not_a_cycle(index, sample_data):
    import_curricula(sample_data)
    data = copy.deepcopy(sample_data)
    data["modules"][1]["prerequisites"] = []
    data["modules"][0]["prerequisites"] = ["YL-5-01"]  # TY-01 now requires YL-5-01, no longer the other way round
    import_curricula(data)
    assert CourseModule.objects.get(code="TY-01").prerequisite_codes == ["YL-5-01"]
    assert CourseModule.objects.get(code="YL-5-01").prerequisite_codes == []


def test_export_then_import_round_trip_is_identical(index, sample_data):
    import_curricula(sample_data)
    exported = export_data()
    assert exported["occupations"][1] == {
        "code": None,
        "name": "病患陪护",
        "kind": "special_ability",
        "aliases": [],
        "shortage": False,
        "subsidy": True,
        "levels": [5],
        "summary": "专项职业能力。",
        "standard_title": "",
        "standard_year": None,
    }
    revisions = Revision.objects.count()
    assert import_curricula(json.loads(json.dumps(exported))).changed == []
    assert Revision.objects.count() == revisions
    # Into an empty section: the same file gives the same export.
    for model in (TrainingPackage, CourseModule, Occupation):
        for page in model.objects.all():
            page.delete()
    import_curricula(exported)
    assert export_data() == exported


def test_editing_a_module_once_changes_every_package_using_it(index, sample_data, client):
    import_curricula(sample_data)
    data = copy.deepcopy(sample_data)
    data["modules"][0]["theory_hours"] = 6  # TY-01 is in both packages
    report = import_curricula(data)
    assert [(c.kind, c.key, c.fields) for c in report.changed] == [("module", "TY-01", ["theory_hours"])]
    assert CourseModule.objects.get(code="TY-01").revisions.count() == 2
    assert TrainingPackage.objects.get(code="PKG-YL-5").totals().total == Decimal("18.5")
    assert TrainingPackage.objects.get(code="PKG-PH").totals().total == Decimal(12)
    for code in ("PKG-YL-5", "PKG-PH"):
        html = client.get(TrainingPackage.objects.get(code=code).url).content.decode()
        assert '<td class="num">6</td>' in html


def test_a_partial_file_keeps_what_it_does_not_mention(index, sample_data):
    import_curricula(sample_data)
    import_curricula({"modules": [{"code": "YL-5-01", "title": "协助老年人进食进水"}]})
    module = CourseModule.objects.get(code="YL-5-01")
    assert module.title == "协助老年人进食进水"
    assert module.practice_hours == Decimal("4.5") and module.prerequisite_codes == ["TY-01"]


def test_a_package_moves_when_its_occupation_changes(index, sample_data):
    import_curricula(sample_data)
    data = copy.deepcopy(sample_data)
    data["packages"][1]["occupation"] = "4-10-01-05"
    import_curricula(data)
    package = TrainingPackage.objects.get(code="PKG-PH")
    assert package.get_parent().specific.code == "4-10-01-05"
    assert package.url.startswith(Occupation.objects.get(code="4-10-01-05").url)


def test_publishing_rules_are_checked_before_anything_is_saved(index, sample_data):
    data = copy.deepcopy(sample_data)
    data["packages"][0]["min_hours"] = 100
    data["packages"][0]["level"] = 5
    data["occupations"][1]["levels"] = [5, 4]
    data["packages"].append(dict(data["packages"][1], code="PKG-PH", title="重复"))
    with pytest.raises(ImportFailed) as caught:
        import_curricula(data)
    assert caught.value.errors == [
        'packages[2].code: "PKG-PH" 在文件中重复（见 packages[1]）',
        "occupations[1].levels: 专项职业能力只有一个考核等级，应只列一个等级（现在是 2 个）",
        "packages[0].min_hours: 课程模块合计 16.5 学时，低于最低学时 100，不能发布",
    ]
    assert not Occupation.objects.exists()


def test_shape_errors_name_their_path(index):
    data = {
        "occupations": [{"name": "X", "kind": "job", "levels": [5, 9], "shortage": "yes", "colour": "red"}],
        "modules": [{"code": "bad code", "title": ""}, "not an object"],
        "packages": {"code": "P"},
        "extra": [],
    }
    with pytest.raises(ImportFailed) as caught:
        import_curricula(data)
    errors = caught.value.errors
    assert '$: 未知字段 "extra"（可用：occupations、modules、packages）' in errors
    assert "packages: 应为列表" in errors
    assert 'occupations[0]: 未知字段 "colour"' in errors
    assert any(error.startswith('occupations[0].kind: 未知类别 "job"') for error in errors)
    assert "occupations[0].levels[1]: 未知的技能等级 9" in errors
    assert "occupations[0].shortage: 应为 true 或 false" in errors
    assert any(error.startswith('modules[0].code: 代码 "bad code" 格式不对') for error in errors)
    assert "modules[0].title: 不能为空" in errors
    assert "modules[1]: 应为对象" in errors


def test_broken_json_is_reported_with_its_line():
    with pytest.raises(ImportFailed) as caught:
        parse_json(b'{"occupations": [\n  {"name": "X",}\n]}')
    assert caught.value.errors[0].startswith("$: 不是有效的 JSON：") and "第 2 行" in caught.value.errors[0]


def test_command_dry_run_saves_nothing_and_reports(index):
    out = StringIO()
    call_command("import_curricula", str(DATA / "sample.json"), "--dry-run", stdout=out)
    assert "预览（未保存）" in out.getvalue() and "课程模块：新建 4" in out.getvalue()
    assert not Occupation.objects.exists()
    call_command("import_curricula", str(DATA / "sample.json"), stdout=out)
    assert Occupation.objects.count() == 2


def test_command_exits_non_zero_listing_every_error(index, tmp_path, sample_data):
    data = copy.deepcopy(sample_data)
    data["modules"][2]["prerequisites"] = ["NOPE"]
    data["packages"][0]["modules"].append("MISSING")
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_curricula", str(broken), stderr=err, stdout=StringIO())
    assert "共 2 个错误，未保存任何内容" in str(caught.value)
    assert 'modules[2].prerequisites[0]: 未知的课程模块 "NOPE"' in err.getvalue()
    assert 'packages[0].modules[3]: 未知的课程模块 "MISSING"' in err.getvalue()
    assert not Page.objects.type(Occupation).exists()


def test_export_command_writes_the_import_format(index, sample_data, tmp_path):
    import_curricula(sample_data)
    target = tmp_path / "out.json"
    call_command("export_curricula", "-o", str(target), stderr=StringIO())
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(export_data()))
    assert [m["code"] for m in written["modules"]] == ["TY-01", "YL-5-01", "YL-5-02", "PH-01"]
    assert written["packages"][0]["modules"] == ["TY-01", "YL-5-01", "YL-5-02"]
    out = StringIO()
    call_command("export_curricula", stdout=out)
    assert json.loads(out.getvalue()) == written


def test_a_refused_value_does_not_cause_follow_up_errors(index, sample_data):
    data = copy.deepcopy(sample_data)
    data["occupations"][0]["levels"] = ["五级"]
    data["modules"][0]["practice_hours"] = "很多"
    with pytest.raises(ImportFailed) as caught:
        import_curricula(data)
    assert caught.value.errors == [
        "occupations[0].levels[0]: 应为整数",
        "modules[0].practice_hours: 不是数字：'很多'",
    ]
