"""Benchmark: import 10,000 result rows (CSV, then XLSX) into a competition event on the configured database.

Usage: .venv/bin/python bench/import_results.py [--rows 10000] [--keep]
       DATABASE_URL=postgres://postgres@127.0.0.1:5432/kangyang .venv/bin/python bench/import_results.py

The database must be migrated. A throwaway series and event (slug bench-import) are created under the
competitions section and deleted afterwards unless --keep is given. Goal: 10,000 rows in under 10 s.
"""

import argparse
import csv
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("DEBUG", "0")  # as served: no SQL logging by the debug cursor

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from cms.demo import ensure_site_tree  # noqa: E402
from cms.demo_tools import ensure_child  # noqa: E402
from cms.reference import CITY_NAMES  # noqa: E402
from competitions.importer import import_results  # noqa: E402
from competitions.models import Competition, CompetitionEvent  # noqa: E402

HEADER = ["名次", "姓名", "单位", "市州", "成绩", "标准分", "奖项", "晋升等级", "荣誉", "团体"]
FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "秀英丽华建国敏静强军洋艳娟芳霞红梅兰平涛波磊明超勇杰婷雪琳佳宇欣"


def generate_rows(count: int) -> list[list]:
    rng = random.Random(41)
    rows = []
    for rank in range(1, count + 1):
        name = rng.choice(FAMILY) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        award = "一等奖" if rank <= 50 else "二等奖" if rank <= 200 else "三等奖" if rank <= 600 else ""
        rows.append(
            [
                rank,
                name,
                f"示例养老服务机构{rank % 500:03d}（示例）",
                rng.choice(CITY_NAMES),
                f"{100 - rank / count * 40:.2f}",
                f"{760 - rank / count * 120:.2f}",
                award,
                "三级/高级工" if award else "",
                "",
                "",
            ]
        )
    return rows


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("gb18030")


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the bench series and its event")
    args = parser.parse_args()

    print(f"数据库 / database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"负载 / load average: {' '.join(f'{value:.1f}' for value in os.getloadavg())} on {os.cpu_count()} CPUs")
    _, sections = ensure_site_tree()
    series, _ = ensure_child(sections["competitions"], Competition, "bench-import", title="导入性能测试（bench）")
    event, _ = ensure_child(
        series,
        CompetitionEvent,
        "bench-import",
        title="导入性能测试赛事（bench）",
        year=2025,
        start_date="2025-10-20",
    )

    started = time.perf_counter()
    rows = generate_rows(args.rows)
    files = {"CSV (GB18030)": (csv_bytes(rows), "bench.csv"), "XLSX": (xlsx_bytes(rows), "bench.xlsx")}
    print(f"生成 {args.rows} 行测试文件用时 {time.perf_counter() - started:.2f} s")

    failed = False
    for label, (data, filename) in files.items():
        started, cpu_started = time.perf_counter(), time.process_time()
        report = import_results(event, data, filename)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        if not report.saved:
            failed = True
            print(f"{label}: refused with {len(report.errors)} errors, e.g. {report.errors[:3]}")
            continue
        if event.results.count() != args.rows:
            raise SystemExit(f"expected {args.rows} results after the import, found {event.results.count()}")
        print(
            f"{label:14} {report.rows:>6} 行 / rows  {seconds:6.2f} s  {report.rows / seconds:>7,.0f} 行/秒 rows/s  "
            f"(CPU {cpu_seconds:.2f} s; {len(data) / 1024:,.0f} KiB; 替换 replaced {report.replaced})"
        )
    if not args.keep:
        series.delete()
        print("已删除测试赛事 / bench pages deleted")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
