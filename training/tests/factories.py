"""Test helpers: a real curricula tree to point at, providers, classes, rules and workbooks built like users do."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.apps import apps

from training.credit_code import make_credit_code
from training.exporter import header
from training.importer.columns import CLASSES, PROVIDERS, RULES, SHEET_NAMES
from training.models import Provider, ProviderApproval, SubsidyRule, TrainingClass

TODAY = datetime.date(2026, 3, 1)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_occupation(index, title, code=None, *, levels=(5, 4), shortage=True, slug=None):
    Occupation = apps.get_model("curricula", "Occupation")
    SkillLevel = apps.get_model("curricula", "SkillLevel")
    occupation = Occupation(title=title, slug=slug or (code or title).replace("-", ""), code=code, shortage=shortage)
    occupation.levels.set(list(SkillLevel.objects.filter(number__in=levels)))
    return publish(index, occupation)


def make_package(occupation, code, level_number=5):
    TrainingPackage = apps.get_model("curricula", "TrainingPackage")
    SkillLevel = apps.get_model("curricula", "SkillLevel")
    package = TrainingPackage(
        title=f"{occupation.title}（{level_number}级）培训包", slug=code.lower(), code=code,
        level=SkillLevel.objects.get(number=level_number),
    )  # fmt: skip
    return publish(occupation, package)


def make_curricula(index) -> dict:
    """养老护理员 (with a 五级 package), 家政服务员, 育婴员 (no code) — all shortage — and 营养配餐员 (not)."""
    elder = make_occupation(index, "养老护理员", "4-10-01-05", levels=(5, 4, 3))
    return {
        "elder": elder,
        "housekeeping": make_occupation(index, "家政服务员", "4-10-01-06"),
        "infant": make_occupation(index, "育婴员", None, levels=(5,), slug="yuyingyuan"),
        "nutrition": make_occupation(index, "营养配餐员", "4-03-02-06", shortage=False),
        "package5": make_package(elder, "PKG-YL-5", 5),
    }


def credit_code(number: int, city_code: str = "510100") -> str:
    return make_credit_code(f"91{city_code}MA6{number:06d}")


def make_provider(number=1, *, city="成都", approvals=(), **fields) -> Provider:
    defaults = {
        "name": f"示例培训学校{number}",
        "kind": "training_institution",
        "city": city,
        "district": "武侯区",
        "address": f"{city}示例路 {number} 号",
        "phones": "028-0000 0001",
        "credit_code": credit_code(number),
        "listed_from": datetime.date(2024, 1, 1),
        "listed_to": datetime.date(2028, 12, 31),
    }
    provider = Provider.objects.create(**{**defaults, **fields})
    for occupation, level in approvals:
        ProviderApproval.objects.create(provider=provider, occupation=occupation, level=level)
    return provider


def make_class(provider, occupation, code="C-1", *, level=5, start=None, **fields) -> TrainingClass:
    start = start or TODAY + datetime.timedelta(days=10)
    defaults = {
        "occupation": occupation,
        "level": level,
        "start_date": start,
        "end_date": start + datetime.timedelta(days=14),
        "seats": 40,
        "seats_left": 12,
        "fee": Decimal("1200"),
        "subsidised": True,
        "enrol_phone": "028-0000 1234",
        "enrol_deadline": start - datetime.timedelta(days=2),
    }
    return TrainingClass.objects.create(provider=provider, code=code, **{**defaults, **fields})


def make_rule(amount, *, occupation=None, level=None, city="", valid_from=datetime.date(2021, 7, 1), **fields):
    return SubsidyRule.objects.create(
        occupation=occupation, level=level, city=city, amount=Decimal(amount), valid_from=valid_from, **fields
    )


def bulk_directory(occupation, providers: int, classes: int, start: datetime.date, offset: int = 0) -> None:
    """Many rows fast (bulk_create): the query-count pins must not grow with them. `offset` numbers a second batch."""
    from cms.reference import CITY_NAMES

    rows = [
        Provider(
            name=f"批量机构{n}", kind="enterprise", city=CITY_NAMES[n % len(CITY_NAMES)], address="示例路",
            phones="028-0000 0000", credit_code=credit_code(100000 + n), listed_from=datetime.date(2024, 1, 1),
        )
        for n in range(offset, offset + providers)
    ]  # fmt: skip
    created = Provider.objects.bulk_create(rows, batch_size=500)
    ProviderApproval.objects.bulk_create(
        [ProviderApproval(provider=p, occupation=occupation, level=5) for p in created], batch_size=500
    )
    TrainingClass.objects.bulk_create(
        [
            TrainingClass(
                code=f"BULK-{offset}-{n}", provider=created[n % len(created)], occupation=occupation, level=5,
                start_date=start + datetime.timedelta(days=n % 150),
                end_date=start + datetime.timedelta(days=n % 150 + 20),
                seats=30, seats_left=n % 30 + 1, enrol_phone="028-0000 0000", subsidised=n % 2 == 0,
            )
            for n in range(classes)
        ],
        batch_size=1000,
    )  # fmt: skip


def workbook(providers=(), classes=(), rules=()) -> bytes:
    """An XLSX with the three sheets (Chinese headers), as the template has them."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for kind, rows in ((PROVIDERS, providers), (CLASSES, classes), (RULES, rules)):
        sheet = book.create_sheet(SHEET_NAMES[kind])
        sheet.append(header(kind))
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def provider_row(number=1, *, city="成都", code=None, approvals="4-10-01-05:5/4", **overrides) -> list:
    values = {
        "credit_code": code or credit_code(number),
        "name": f"示例培训学校{number}",
        "kind": "培训机构",
        "base_level": "",
        "city": city,
        "district": "武侯区",
        "address": f"{city}示例路 {number} 号",
        "phones": "028-0000 0001",
        "website": "",
        "listed_from": "2024-01-01",
        "listed_to": "2028-12-31",
        "approvals": approvals,
        "intro": "",
    } | overrides
    return list(values.values())


def class_row(code="C-1", provider=None, *, package="", occupation="4-10-01-05", level="5", **overrides) -> list:
    values = {
        "code": code,
        "provider": provider or credit_code(1),
        "package": package,
        "occupation": "" if package else occupation,
        "level": "" if package else level,
        "title": "",
        "start_date": "2026-04-01",
        "end_date": "2026-04-20",
        "schedule": "周一至周五",
        "place": "",
        "seats": "40",
        "seats_left": "10",
        "fee": "1200",
        "subsidised": "是",
        "enrol_phone": "028-0000 1234",
        "enrol_url": "",
        "enrol_in_person": "",
        "enrol_deadline": "2026-03-28",
    } | overrides
    return list(values.values())


def rule_row(amount="1000", *, occupation="4-10-01-05", level="五级", region="全省", **overrides) -> list:
    values = {
        "occupation": occupation,
        "level": level,
        "region": region,
        "amount": amount,
        "conditions": "取得证书后申领",
        "valid_from": "2021-07-01",
        "valid_to": "",
        "basis": "川人社办发〔2021〕26号 第（十二）条",
    } | overrides
    return list(values.values())
