"""Importing monthly figures: all or nothing, every bad row named, GB18030 CSV, a month imported twice replaces."""

import datetime

import pytest

from progress.importer import import_figures
from progress.models import ProgressFigure, build_summary

from .factories import HEADER, csv_bytes, make_figure, make_measure, make_target, xlsx_bytes

TODAY = datetime.date(2024, 6, 15)


@pytest.fixture
def measure(db):
    return make_measure("养老护理员")


def test_xlsx_import_saves_every_row(measure):
    rows = [
        HEADER,
        ["2024-03", "成都市", "养老护理员", 120, 80, "96000"],
        ["2024年4月", "阿坝州", "养老护理员", 5, 3, ""],
    ]
    report = import_figures(xlsx_bytes(rows), "march.xlsx", today=TODAY)
    assert report.ok, report.errors
    assert report.saved and report.created == 2 and report.replaced == 0
    chengdu = ProgressFigure.objects.get(city="成都", month=datetime.date(2024, 3, 1))
    assert (chengdu.trained, chengdu.certified, str(chengdu.subsidy)) == (120, 80, "96000.00")
    assert ProgressFigure.objects.get(city="阿坝").month == datetime.date(2024, 4, 1)


def test_gb18030_csv_is_read(measure):
    data = csv_bytes([HEADER, ["2024/5", "凉山", "养老护理员", "7", "2", "700"]], encoding="gb18030")
    report = import_figures(data, "figures.csv", today=TODAY)
    assert report.ok, report.errors
    assert report.encoding == "gb18030"
    assert ProgressFigure.objects.get().city == "凉山"


def test_a_month_imported_twice_replaces_never_adds(measure):
    first = [HEADER, ["2024-03", "成都", "养老护理员", 100, 50, 1000], ["2024-03", "自贡", "养老护理员", 10, 5, 100]]
    assert import_figures(xlsx_bytes(first), "a.xlsx", today=TODAY).saved
    again = [HEADER, ["2024-03", "成都", "养老护理员", 130, 60, 1300], ["2024-03", "自贡", "养老护理员", 10, 5, 100]]
    report = import_figures(xlsx_bytes(again), "b.xlsx", today=TODAY)
    assert report.saved and report.replaced == 2 and report.created == 0
    assert ProgressFigure.objects.count() == 2
    assert ProgressFigure.objects.get(city="成都").trained == 130


def test_a_bad_workbook_reports_all_rows_and_saves_nothing(measure):
    make_figure(measure, "成都", datetime.date(2024, 1, 1), 99)
    rows = [
        HEADER,
        ["2024-02", "成都", "养老护理员", 10, 5, 100],  # good, but must not be saved
        ["2024-02", "北京", "养老护理员", 10, 5, 100],  # unknown 市州
        ["2024-02", "自贡", "养老护理员", -3, 0, 0],  # negative number
        ["2024-09", "泸州", "养老护理员", 10, 5, 100],  # month in the future
        ["2024-02", "德阳", "架子工", 10, 5, 100],  # unknown measure
        ["2024-02", "绵阳", "养老护理员", 10, 5, "-1"],  # negative subsidy
        ["2024-02", "成都", "养老护理员", 11, 5, 100],  # duplicate of row 2
    ]
    report = import_figures(xlsx_bytes(rows), "bad.xlsx", today=TODAY)
    assert not report.saved
    errors = [str(error) for error in report.errors]
    assert [error.row for error in report.errors] == [3, 4, 5, 6, 7, 8]
    assert "北京" in errors[0] and "B（市州）" in errors[0]
    assert "负数" in errors[1] and "D（培训人次）" in errors[1]
    assert "2024-09" in errors[2] and "A（月份）" in errors[2]
    assert "架子工" in errors[3]
    assert "F（补贴发放（元））" in errors[4]
    assert "第 2 行" in errors[5]
    assert list(ProgressFigure.objects.values_list("city", "trained")) == [("成都", 99)]


def test_missing_columns_and_unreadable_files_are_reported(measure):
    report = import_figures(csv_bytes([["月份", "市州"], ["2024-01", "成都"]]), "x.csv", today=TODAY)
    assert not report.saved and "统计对象" in str(report.errors[0]) and "培训人次" in str(report.errors[0])
    report = import_figures(b"PK\x03\x04broken", "x.xlsx", today=TODAY)
    assert not report.saved and "XLSX" in str(report.errors[0])


def test_dry_run_checks_without_saving(measure):
    report = import_figures(xlsx_bytes([HEADER, ["2024-03", "成都", "养老护理员", 1, 1, 1]]), "a.xlsx", dry_run=True)
    assert report.ok and not report.saved
    assert not ProgressFigure.objects.exists()


def test_province_total_equals_the_sum_of_its_cities(measure):
    target = make_target(measure, 1000, start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 1))
    rows = [HEADER] + [
        ["2024-02", city, "养老护理员", n, n // 2, n * 10] for n, city in enumerate(["成都", "自贡", "凉山"], 3)
    ]
    rows.append(["2023-12", "成都", "养老护理员", 500, 0, 0])  # before the target's period: not counted
    assert import_figures(xlsx_bytes(rows), "a.xlsx", today=TODAY).saved
    selected = build_summary(target.pk).selected
    assert selected.trained == sum(row.trained for row in selected.cities) == 3 + 4 + 5
    assert selected.certified == sum(row.certified for row in selected.cities)
    assert len(selected.cities) == 21


def test_command_imports_and_reports(measure, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([HEADER, ["2021-03", "成都", "养老护理员", 10, 5, 100]]))
    call_command("import_progress", str(good), "--dry-run")
    assert not ProgressFigure.objects.exists()
    call_command("import_progress", str(good))
    assert "新增 1 行" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([HEADER, ["2021-03", "北京", "养老护理员", 10, 5, 100]]))
    with pytest.raises(CommandError):
        call_command("import_progress", str(bad))
    assert "北京" in capsys.readouterr().err
