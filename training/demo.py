"""Demo content: 32 providers in 14 市州, 64 classes over the six months after the day `load_demo` runs (so the
demo never goes stale) and subsidy rules for the shortage occupations of clause （十二）. Written as an XLSX
workbook in the import format and loaded through the importer, like a training office would. Every name,
phone number and amount is marked 示例; phone numbers use 0000 exchanges, which do not exist.
"""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from openpyxl import Workbook

from cms.reference import find_city

from .credit_code import make_credit_code
from .exporter import header
from .importer import import_training
from .importer.columns import CLASSES, PROVIDERS, RULES, SHEET_NAMES

ORDER = 60
BASIS = "川人社办发〔2021〕26号 第（十二）条"
RULES_FROM = datetime.date(2021, 7, 1)

# (市州, 区县, how many providers)
PLACES = [
    ("成都", "武侯区", 3),
    ("成都", "金牛区", 3),
    ("绵阳", "涪城区", 4),
    ("德阳", "旌阳区", 2),
    ("自贡", "自流井区", 2),
    ("泸州", "江阳区", 2),
    ("南充", "顺庆区", 2),
    ("宜宾", "翠屏区", 2),
    ("乐山", "市中区", 2),
    ("达州", "通川区", 2),
    ("眉山", "东坡区", 2),
    ("遂宁", "船山区", 2),
    ("雅安", "雨城区", 2),
    ("广安", "广安区", 1),
    ("凉山", "西昌市", 1),
]
KINDS = [
    ("培训机构", "职业培训学校", ""),
    ("职业院校", "职业技术学院", "省级基地"),
    ("技工院校", "技工学校", "市级基地"),
    ("企业", "康养服务有限公司", ""),
    ("公共实训基地", "公共实训基地", "国家级基地"),
    ("技能大师工作室", "养老护理技能大师工作室", ""),
]
CITY_CODES = {"成都": "510100", "绵阳": "510700", "德阳": "510600", "自贡": "510300", "泸州": "510500"}
AREA = {"成都": "028", "绵阳": "0816", "德阳": "0838", "自贡": "0813", "泸州": "0830", "南充": "0817", "宜宾": "0831"}
# What classes train for: (package code, occupation, level); a package sets occupation and level itself.
COURSES = [
    ("PKG-YL-5", "", ""),
    ("PKG-JZ-5", "", ""),
    ("PKG-YL-4", "", ""),
    ("", "育婴员", "5"),
    ("", "4-14-01-03", "5"),
    ("", "4-10-01-05", "3"),
    ("", "4-14-02-05", "4"),
    ("PKG-BHPH", "", ""),
]
APPROVALS = "4-10-01-05:5/4/3; 4-10-01-06:5/4; 育婴员:5; 4-14-01-03:5; 4-14-02-05:4; 病患陪护:5"


def providers():
    rows, number = [], 0
    for city, district, count in PLACES:
        for _index in range(count):
            number += 1
            kind, suffix, base = KINDS[number % len(KINDS)]
            area = AREA.get(city, "0000")
            code = make_credit_code(
                f"{'52' if kind == '培训机构' else '91'}{CITY_CODES.get(city, '510000')}MA6{number:06d}"
            )
            rows.append(
                [
                    code,
                    f"{city}示例{suffix}（示例{number:02d}）",
                    kind,
                    base,
                    city,
                    district,
                    f"{find_city(city).full_name}{district}示例路 {number} 号（示例地址）",
                    f"{area}-0000 {number:04d}（示例）",
                    "",
                    "2024-01-01",
                    "2028-12-31" if number % 9 else "2025-12-31",
                    APPROVALS,
                    "示例机构：名称、电话和地址均为演示用的虚构内容。",
                ]
            )
    return rows


def classes(provider_rows, today: datetime.date):
    rows = []
    usable = [row for row in provider_rows if row[10] >= today.isoformat()]
    for number in range(64):
        provider = usable[number % len(usable)]
        package, occupation, level = COURSES[number % len(COURSES)]
        start = today + datetime.timedelta(days=3 + number * 178 // 64)
        end = start + datetime.timedelta(days=14 + number % 3 * 7)
        seats = 30 + number % 3 * 10
        seats_left = 0 if number % 11 == 5 else seats - number % 17
        fee = 0 if number % 4 == 0 else 1200 + number % 5 * 400
        rows.append(
            [
                f"DEMO-{number + 1:03d}",
                provider[0],
                package,
                occupation,
                level,
                "",
                start.isoformat(),
                end.isoformat(),
                "周一至周五 9:00-17:00（示例）",
                "",
                str(seats),
                str(seats_left),
                str(fee),
                "是" if number % 3 else "否",
                provider[7],
                "",
                f"{provider[6]}一楼报名处（示例）",
                (start - datetime.timedelta(days=2)).isoformat(),
            ]
        )
    return rows


def rules():
    note = "示例金额，以当地人社部门公布为准；取得职业技能等级证书后申领。"
    return [
        ["急需紧缺", "", "全省", "800", note, RULES_FROM.isoformat(), "", BASIS],
        ["4-10-01-05", "五级", "全省", "1000", note, RULES_FROM.isoformat(), "", BASIS],
        ["4-10-01-05", "四级", "全省", "1500", note, RULES_FROM.isoformat(), "", BASIS],
        ["4-10-01-05", "三级", "全省", "2000", note, RULES_FROM.isoformat(), "", BASIS],
        ["4-10-01-05", "五级", "绵阳", "1200", note, RULES_FROM.isoformat(), "", BASIS],
        ["4-10-01-06", "五级", "成都", "1100", note, RULES_FROM.isoformat(), "", BASIS],
        ["4-14-01-03", "", "全省", "1300", note, RULES_FROM.isoformat(), "", BASIS],
    ]


def workbook_from(provider_rows, class_rows, rule_rows) -> bytes:
    """An XLSX in the import format (the benchmark builds its large workbooks with it too)."""
    book = Workbook()
    book.remove(book.active)
    for kind, rows in ((PROVIDERS, provider_rows), (CLASSES, class_rows), (RULES, rule_rows)):
        sheet = book.create_sheet(SHEET_NAMES[kind])
        sheet.append(header(kind))
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook(today: datetime.date) -> bytes:
    provider_rows = providers()
    return workbook_from(provider_rows, classes(provider_rows, today), rules())


def load(log):
    report = import_training(workbook(timezone.localdate()), "training-demo.xlsx")
    for error in report.errors[:20]:
        log(f"错误 / error: {error}")
    log(f"培训机构与开班：{report.summary()}")
