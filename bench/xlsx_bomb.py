"""Benchmark: peak memory of reading hostile and maximal workbooks through the shared reader (cms.tabular).

Usage: .venv/bin/python bench/xlsx_bomb.py [--bomb-mb 1024] [--rows 50000]

Each file is read in a fresh child process and its peak resident memory (ru_maxrss) and time are printed:
  * a zip bomb: a ~1 MB .xlsx whose sheet XML unpacks to --bomb-mb MB (the outside test's 1 GB case): refused;
  * the largest real results file the importer accepts (--rows rows, MAX_ROWS of competitions): parsed in full.
Goal (issue 15): every file within the upload limit read in under 200 MB.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAIN_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CHILD = r"""
import os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
import django
django.setup()
from competitions.importer import parse_results
import openpyxl, openpyxl.reader.excel
data = open({path!r}, "rb").read()
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.perf_counter()
report = parse_results(data, "bench.xlsx")
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
errors = "; ".join(str(e) for e in report.errors[:1])
print(f"{{report.rows}}\t{{elapsed:.2f}}\t{{baseline:.0f}}\t{{peak:.0f}}\t{{errors}}")
"""


def write_bomb(path: str, megabytes: int) -> None:
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/xl/workbook.xml" ContentType="{MAIN_XLSX}"/></Types>',
        )
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b"<worksheet><sheetData>")
            for _ in range(megabytes):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")


def write_results(path: str, rows: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["名次", "姓名", "单位", "市州", "成绩", "奖项", "晋升等级", "团体"])
    for rank in range(1, rows + 1):
        sheet.append(
            [rank, f"选手{rank:05d}", f"四川省示例养老服务中心{rank % 97}", "成都", 60 + rank % 40, "", "", ""]
        )
    workbook.save(path)


def measure(label: str, path: str) -> None:
    child = CHILD.format(root=str(ROOT), path=path)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=False)  # noqa: S603
    wall = time.perf_counter() - started
    if result.returncode:
        print(f"{label}: child failed\n{result.stderr[-2000:]}")
        return
    rows, elapsed, baseline, peak, errors = result.stdout.rstrip("\n").splitlines()[-1].split("\t", 4)
    size = os.path.getsize(path) / (1024 * 1024)
    print(
        f"{label}: file {size:.1f} MB, rows {rows}, read {elapsed} s (process {wall:.1f} s), "
        f"RSS before reading {baseline} MB, peak {peak} MB (+{int(peak) - int(baseline)} MB for the file)"
    )
    if errors:
        print(f"  refused/errors: {errors}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-mb", type=int, default=1024)
    parser.add_argument("--rows", type=int, default=50_000)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        bomb = os.path.join(folder, "bomb.xlsx")
        write_bomb(bomb, options.bomb_mb)
        measure(f"zip bomb ({options.bomb_mb} MB unpacked)", bomb)
        results = os.path.join(folder, "results.xlsx")
        write_results(results, options.rows)
        measure(f"real results workbook ({options.rows} rows)", results)


if __name__ == "__main__":
    main()
