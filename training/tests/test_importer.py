"""Import: a sample workbook creates what it says, a second import changes nothing, bad rows are all reported
with sheet, row and column, and nothing is saved."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from training.importer import import_training
from training.models import Provider, ProviderApproval, SubsidyRule, TrainingClass

from .factories import class_row, credit_code, make_rule, provider_row, rule_row, workbook

pytestmark = pytest.mark.django_db


def sample_workbook():
    return workbook(
        providers=[
            provider_row(1, approvals="4-10-01-05:5/4; 育婴员:5"),
            provider_row(2, city="绵阳市", code=credit_code(2, "510700"), kind="职业院校", base_level="省级基地"),
        ],
        classes=[
            class_row("CD-2026-001", credit_code(1)),
            class_row(
                "MY-2026-001",
                credit_code(2, "510700"),
                package="PKG-YL-5",
                start_date="2026-05-01",
                end_date="2026-05-20",
                enrol_deadline="",
                seats_left="0",
            ),
            class_row("CD-2026-002", credit_code(1), occupation="育婴员", level="五级", subsidised="否"),
        ],  # fmt: skip
        rules=[
            rule_row("1000"),
            rule_row("1200", region="绵阳"),
            rule_row("800", occupation="急需紧缺", level="", conditions="示例"),
        ],
    )


def test_a_sample_workbook_creates_the_providers_classes_and_rules(curricula):
    report = import_training(sample_workbook(), "sample.xlsx")
    assert report.ok, [str(error) for error in report.errors]
    assert report.saved
    assert report.counts["providers"]["created"] == 2
    assert report.counts["classes"]["created"] == 3
    assert report.counts["rules"]["created"] == 3

    chengdu = Provider.objects.get(credit_code=credit_code(1))
    assert chengdu.kind == "training_institution" and chengdu.city == "成都"
    approvals = {(a.occupation.title, a.level) for a in chengdu.approvals.select_related("occupation")}
    assert approvals == {("养老护理员", 5), ("养老护理员", 4), ("育婴员", 5)}
    mianyang = Provider.objects.get(city="绵阳")  # 绵阳市 in the file: the short name is stored
    assert (mianyang.kind, mianyang.base_level) == ("vocational_college", "provincial")

    by_package = TrainingClass.objects.get(code="MY-2026-001")
    assert by_package.package == curricula["package5"]
    assert (by_package.occupation, by_package.level) == (curricula["elder"], 5)  # from the package
    assert by_package.seats_left == 0 and by_package.provider == mianyang
    first = TrainingClass.objects.get(code="CD-2026-001")
    assert (first.start_date, first.fee, first.subsidised) == (datetime.date(2026, 4, 1), Decimal("1200"), True)
    assert TrainingClass.objects.get(code="CD-2026-002").occupation == curricula["infant"]

    shortage = SubsidyRule.objects.get(occupation__isnull=True)
    assert (shortage.level, shortage.city, shortage.amount) == (None, "", Decimal("800"))
    assert SubsidyRule.objects.get(city="绵阳").amount == Decimal("1200")
    assert (
        SubsidyRule.objects.get(city="", occupation=curricula["elder"]).basis == "川人社办发〔2021〕26号 第（十二）条"
    )


def test_importing_the_same_workbook_again_changes_nothing(curricula):
    data = sample_workbook()
    assert import_training(data, "sample.xlsx").saved
    before = [
        list(model.objects.order_by("pk").values())
        for model in (Provider, ProviderApproval, TrainingClass, SubsidyRule)
    ]
    again = import_training(data, "sample.xlsx")
    assert again.saved and again.changes == []
    assert again.counts["providers"]["unchanged"] == 2
    assert again.counts["classes"]["unchanged"] == 3
    assert again.counts["rules"]["unchanged"] == 3
    after = [
        list(model.objects.order_by("pk").values())
        for model in (Provider, ProviderApproval, TrainingClass, SubsidyRule)
    ]
    assert after == before


def test_a_changed_row_updates_only_that_row(curricula):
    import_training(sample_workbook(), "sample.xlsx")
    changed = workbook(classes=[class_row("CD-2026-001", credit_code(1), seats_left="3")])
    report = import_training(changed, "changes.xlsx")
    assert report.counts["classes"] == {"updated": 1}
    assert TrainingClass.objects.get(code="CD-2026-001").seats_left == 3


def test_bad_check_character_unknown_occupation_and_end_before_start_are_all_reported_and_nothing_is_saved(curricula):
    bad_code = credit_code(1)[:17] + ("0" if credit_code(1)[17] != "0" else "1")
    data = workbook(
        providers=[provider_row(1, code=bad_code), provider_row(3, code=credit_code(3))],
        classes=[
            class_row("C-1", credit_code(3), occupation="9-99-99-99"),
            class_row("C-2", credit_code(3), start_date="2026-05-10", end_date="2026-05-01", enrol_deadline=""),
        ],
        rules=[rule_row("1000")],
    )
    report = import_training(data, "bad.xlsx")
    messages = [str(error) for error in report.errors]
    assert not report.saved
    assert len(messages) == 3, messages
    assert "工作表“培训机构” 第 2 行 A（统一社会信用代码） 列" in messages[0] and "校验位" in messages[0]
    assert "工作表“开班计划” 第 2 行 D（职业编码） 列" in messages[1] and "9-99-99-99" in messages[1]
    assert "工作表“开班计划” 第 3 行 H（结业日期） 列" in messages[2] and "不能早于" in messages[2]
    assert not Provider.objects.exists()
    assert not TrainingClass.objects.exists()
    assert not SubsidyRule.objects.exists()


def test_overlapping_rules_for_the_same_scope_are_refused(curricula):
    make_rule("900", occupation=curricula["elder"], level=5)
    report = import_training(workbook(rules=[rule_row("1000", valid_from="2025-01-01")]), "rules.xlsx")
    assert not report.saved
    assert "重叠" in str(report.errors[0]) and "F（生效日期）" in str(report.errors[0])
    # the same scope for another 市州 is fine
    assert import_training(workbook(rules=[rule_row("1000", region="德阳")]), "rules.xlsx").saved


def test_a_personal_mobile_number_is_refused(curricula):
    report = import_training(workbook(providers=[provider_row(1, phones="13800001234")]), "p.xlsx")
    assert not report.saved and "手机号" in str(report.errors[0])


def test_a_gb18030_csv_with_english_headers(curricula):
    header = "credit_code,name,kind,city,address,phones,listed_from,approvals"
    row = f"{credit_code(5)},示例学校,企业,德阳,德阳示例路,0838-0000 0001,2025/1/1,4-10-01-06:5"
    report = import_training(f"{header}\r\n{row}\r\n".encode("gb18030"), "providers.csv")
    assert report.saved, [str(error) for error in report.errors]
    assert report.encoding == "gb18030"
    provider = Provider.objects.get(credit_code=credit_code(5))
    assert provider.kind == "enterprise" and provider.listed_from == datetime.date(2025, 1, 1)


def test_the_command_dry_run_saves_nothing_and_the_real_run_saves(curricula, tmp_path, capsys):
    path = tmp_path / "training.xlsx"
    path.write_bytes(sample_workbook())
    call_command("import_training", str(path), "--dry-run")
    assert "预览（未保存）" in capsys.readouterr().out
    assert not Provider.objects.exists()
    call_command("import_training", str(path))
    assert Provider.objects.count() == 2


def test_the_command_fails_with_every_error(curricula, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("机构名称,统一社会信用代码\n示例,123\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_training", str(path))
    assert "缺少必需的列" in capsys.readouterr().err
