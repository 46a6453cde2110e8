"""Importing results: encodings, formats, headers, every bad row reported, all-or-nothing, replace, history."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry

from competitions.announcements import confirm_final, publish_notice
from competitions.choices import AnnouncementState
from competitions.importer import import_results, parse_results
from competitions.models import ResultEntry

from .factories import HEADER_ZH, csv_bytes, import_ok, sample_rows, xlsx_bytes


@pytest.mark.django_db
def test_gb18030_csv_as_saved_by_chinese_excel_imports(event):
    data = csv_bytes(sample_rows(), encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = import_results(event, data, "成绩.csv")
    assert report.saved and report.encoding == "gb18030"
    first = event.results.get(rank=1)
    assert (first.name, first.organisation, first.award) == ("选手001", "示例养老院1", "first")
    assert first.raw_score == Decimal("94.50")
    assert first.promoted_level == 3
    assert event.results.get(rank=3).city == "凉山"  # 凉山彝族自治州 → 凉山
    assert event.results.get(rank=2).city == "绵阳"  # 绵阳市 → 绵阳
    assert event.results.get(rank=5).city == "重庆"  # outside Sichuan: kept as written


@pytest.mark.django_db
def test_utf8_csv_with_and_without_bom_imports(event):
    for prefix in (b"\xef\xbb\xbf", b""):
        report = import_results(event, prefix + csv_bytes(sample_rows(3)), "results.csv")
        assert report.saved and report.encoding == "utf-8"
        assert report.columns["rank"] == "名次"
        assert event.results.count() == 3


@pytest.mark.django_db
def test_xlsx_with_english_headers_imports(event):
    header = ["Rank", "Name", "Organisation", "City", "Raw score", "Standardised score", "Award", "Honour", "Team"]
    rows = [
        [1, "王芳", "成都市第一社会福利院", "成都", 78.35, 731, "Gold", "全国技术能手", None],
        [2, "李强", "绵阳市养老服务中心", "绵阳", 75.1, 712, "Medallion for Excellence", None, None],
        [3, "赵敏、钱伟", "宜宾市康养中心", "宜宾", 70, 695, None, None, "宜宾代表队"],
    ]
    report = import_results(event, xlsx_bytes(rows, header), "results.xlsx")
    assert report.saved and report.file_format == "xlsx"
    gold, medallion, team = event.results.order_by("rank")
    assert (gold.award, gold.standardised_score, gold.honour) == ("gold", Decimal("731.00"), "全国技术能手")
    assert gold.raw_score == Decimal("78.35")
    assert medallion.award == "medallion"
    assert team.is_team and team.team_name == "宜宾代表队" and team.members == ["赵敏", "钱伟"]
    assert team.award == ""


@pytest.mark.django_db
def test_id_number_and_missing_name_are_both_reported_and_nothing_is_saved(event):
    import_ok(event)  # existing results must survive a refused file
    before = list(event.results.values_list("pk", flat=True))
    header = [*HEADER_ZH, "备注"]
    rows = [
        [1, "张三", "示例单位", "成都", 90, "一等奖", "", "", ""],
        [2, "", "示例单位", "成都", 88, "二等奖", "", "", ""],
        [3, "王五", "示例单位", "成都", 85, "三等奖", "", "", "51010419900101123X"],
        [4, "赵六", "电话 13812345678", "成都", 80, "", "", "", ""],
    ]
    report = import_results(event, xlsx_bytes(rows, header), "bad.xlsx")
    assert not report.saved
    messages = [str(error) for error in report.errors]
    assert any(m.startswith("第 3 行 B（姓名） 列") and "姓名不能为空" in m for m in messages), messages
    assert any(m.startswith("第 4 行 I（备注） 列") and "身份证" in m for m in messages), messages
    assert any(m.startswith("第 5 行 C（单位） 列") and "手机号" in m for m in messages), messages
    assert all("51010419900101123X" not in m and "13812345678" not in m for m in messages), "never echo the number"
    assert list(event.results.values_list("pk", flat=True)) == before


@pytest.mark.django_db
def test_every_kind_of_bad_row_is_reported_with_row_and_column(event):
    rows = [
        [0, "甲", "", "", "", "一等奖", "", ""],
        ["二", "乙", "", "", "", "", "", ""],
        [3, "丙", "", "", "abc", "特等奖", "9", ""],
        [4, "丁", "", "", "", "", "", ""],
        [4, "戊", "", "", "", "", "", ""],
        ["5=", "己", "", "", "", "", "", ""],
        ["并列5", "庚", "", "", "", "", "", ""],
        [6, "辛", "", "", "12.345", "", "", ""],
    ]
    report = parse_results(csv_bytes(rows), "bad.csv")
    found = {(error.row, error.column.split("（")[0]) for error in report.errors}
    assert (2, "A") in found  # rank 0
    assert (3, "A") in found  # rank not a number
    assert (4, "E") in found  # score not a number
    assert (4, "F") in found  # unknown award
    assert (4, "G") in found  # promoted level 9
    assert (5, "A") in found and (6, "A") in found  # duplicate rank 4 without a tie marker
    assert (9, "E") in found  # three decimals
    assert not any(error.row in (7, 8) for error in report.errors), "5= and 并列5 are a proper tie"
    assert len(report.errors) == 8
    assert "特等奖" in str(next(e for e in report.errors if e.column.startswith("F")))


@pytest.mark.django_db
def test_tie_column_marks_ties(event):
    header = ["名次", "并列", "姓名"]
    report = import_results(event, csv_bytes([[1, "", "甲"], [2, "是", "乙"], [2, "是", "丙"]], header), "t.csv")
    assert report.saved
    assert list(event.results.values_list("rank", "tied")) == [(1, False), (2, True), (2, True)]


@pytest.mark.django_db
def test_missing_required_column_and_empty_file_are_refused(event):
    assert "缺少必需的列“姓名/name”" in str(parse_results(csv_bytes([[1]], ["名次"]), "x.csv").errors[0])
    assert parse_results(b"", "x.csv").errors
    assert "旧版 .xls" in str(parse_results(b"\xd0\xcf\x11\xe0rest", "x.xls").errors[0])


@pytest.mark.django_db
def test_reimport_replaces_instead_of_appending_and_is_logged(event, admin_user):
    import_ok(event, sample_rows(6), user=admin_user)
    report = import_ok(event, sample_rows(4), user=admin_user)
    assert report.replaced == 6
    assert event.results.count() == 4
    assert ResultEntry.objects.count() == 4
    entries = PageLogEntry.objects.filter(page=event, action="competitions.import_results").order_by("timestamp")
    assert [entry.data["rows"] for entry in entries] == [6, 4]
    assert entries.last().user == admin_user
    assert "导入成绩 4 行" in entries.last().message


@pytest.mark.django_db
def test_dry_run_saves_nothing(event):
    report = import_results(event, csv_bytes(sample_rows()), "r.csv", dry_run=True)
    assert report.ok and not report.saved and report.rows == 6
    assert not event.results.exists()


@pytest.mark.django_db
def test_final_results_cannot_be_overwritten_and_notice_is_reset(event, admin_user, other_admin):
    import_ok(event)
    today = datetime.date.today()
    publish_notice(event, admin_user, today, today, "028-1234")
    report = import_ok(event, sample_rows(5))
    assert event.get_announcement().state == AnnouncementState.NONE
    assert any("重新发布公示" in warning for warning in report.warnings)
    publish_notice(event, admin_user, today, today, "028-1234")
    confirm_final(event, other_admin)
    refused = import_results(event, csv_bytes(sample_rows(3)), "r.csv")
    assert not refused.saved and "已正式公布" in str(refused.errors[0])
    assert event.results.count() == 5


@pytest.mark.django_db
def test_management_command_by_slug_and_id_with_dry_run(event, tmp_path, capsys):
    path = tmp_path / "results.csv"
    path.write_bytes(csv_bytes(sample_rows(), encoding="gb18030"))
    call_command("import_results", event.slug, str(path), "--dry-run")
    assert "试运行" in capsys.readouterr().out
    assert not event.results.exists()
    call_command("import_results", str(event.pk), str(path))
    out = capsys.readouterr().out
    assert "已导入 6 行" in out
    assert event.results.count() == 6


@pytest.mark.django_db
def test_management_command_reports_errors_and_fails(event, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([[1, "", "", "", "", "", "", ""]]))
    with pytest.raises(CommandError, match="nothing saved"):
        call_command("import_results", event.slug, str(path))
    assert "第 2 行" in capsys.readouterr().err
    with pytest.raises(CommandError, match="no event"):
        call_command("import_results", "no-such-event", str(path))


@pytest.mark.django_db
def test_individual_and_team_rankings_are_separate(event):
    rows = [
        [1, "甲", "", "成都", "", "一等奖", "", ""],
        [1, "乙、丙", "", "成都", "", "一等奖", "", "成都市代表队"],
        [2, "丁、戊", "", "绵阳", "", "二等奖", "", "绵阳市代表队"],
        [2, "己、庚", "", "南充", "", "二等奖", "", "南充市代表队"],
    ]
    report = parse_results(csv_bytes(rows), "teams.csv")
    assert [(error.row, error.column[0]) for error in report.errors] == [(4, "A"), (5, "A")]
    report = import_results(event, csv_bytes(rows[:3]), "teams.csv")
    assert report.saved
    assert [(entry.is_team, entry.rank) for entry in event.results.all()] == [(False, 1), (True, 1), (True, 2)]
