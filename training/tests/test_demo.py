"""The demo: enough providers, 市州 and classes, dated from the day it is loaded, marked 示例, idempotent."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from training import demo
from training.models import Provider, SubsidyRule, TrainingClass

pytestmark = pytest.mark.django_db


def test_the_demo_workbook_imports_and_a_second_load_changes_nothing(sections):
    call_command("import_curricula", str(settings.BASE_DIR / "curricula" / "demo_data" / "curricula.json"))
    lines = []
    with time_machine.travel(datetime.datetime(2026, 6, 1, 2, 0, tzinfo=datetime.UTC), tick=False):
        demo.load(lines.append)
        assert "新建 32" in lines[-1] and "错误" not in " ".join(lines)
        assert Provider.objects.count() >= 30
        assert Provider.objects.values("city").distinct().count() >= 10
        assert TrainingClass.objects.count() >= 60
        starts = sorted(TrainingClass.objects.values_list("start_date", flat=True))
        assert starts[0] > datetime.date(2026, 6, 1) and starts[-1] <= datetime.date(2026, 12, 1)
        assert all("示例" in name for name in Provider.objects.values_list("name", flat=True))
        assert all("示例" in phones for phones in Provider.objects.values_list("phones", flat=True))
        assert all("示例" in rule.conditions for rule in SubsidyRule.objects.all())
        assert TrainingClass.objects.filter(provider__city="绵阳", package__code="PKG-YL-5").exists()
        again = []
        demo.load(again.append)
        assert "新建 0，更新 0" in again[-1]
