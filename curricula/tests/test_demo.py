"""The demo content: real occupations from the classification, useful modules, loaded through the importer."""

import json

import pytest
from wagtail.models import Revision

from curricula import demo
from curricula.models import CourseModule, Occupation, TrainingPackage

pytestmark = pytest.mark.django_db

CODES = {
    "4-10-01-01": "婴幼儿发展引导员",
    "4-10-01-03": "保育师",
    "4-10-01-04": "孤残儿童护理员",
    "4-10-01-05": "养老护理员",
    "4-10-01-06": "家政服务员",
    "4-10-01-07": "家政服务经理人",
    "4-10-04-01": "保健调理师",
    "4-10-04-02": "保健按摩师",
    "4-10-04-03": "芳香保健师",
    "4-03-02-06": "营养配餐员",
    "4-14-01-02": "医疗护理员",
    "4-14-01-03": "健康照护师",
    "4-14-01-04": "呼吸治疗师",
    "4-14-02-02": "健康管理师",
    "4-14-02-05": "老年人能力评估师",
    "4-14-03-06": "康复辅助技术咨询师",
    "4-14-04-04": "社群健康助理员",
}
SPECIAL_ABILITIES = {"病患陪护", "婴幼儿照护", "小儿推拿", "中医康复理疗", "产后康复服务", "母婴生活护理"}


@pytest.fixture
def loaded(demo_content):
    """The curricula as the whole demo leaves them (curricula's demo module runs inside `load_demo`)."""
    return demo_content


def test_demo_has_the_classified_occupations_aliases_and_special_abilities(loaded):
    coded = dict(Occupation.objects.exclude(code=None).values_list("code", "title"))
    assert coded == CODES
    assert set(Occupation.objects.filter(code=None, kind="occupation").values_list("title", flat=True)) == {
        "育婴员",
        "母婴护理员",
    }
    special = Occupation.objects.filter(kind="special_ability")
    assert {o.title for o in special} == SPECIAL_ABILITIES
    assert all(o.level_numbers == [5] and o.code is None for o in special)
    caring = Occupation.objects.get(code="4-10-01-05")
    assert (caring.standard_year, caring.level_numbers, caring.shortage) == (2019, [5, 4, 3, 2, 1], True)
    assert Occupation.objects.get(code="4-10-01-03").alias_list == ["保育员"]
    assert not Occupation.objects.get(code="4-10-01-07").shortage


def test_demo_packages_reuse_common_modules(loaded):
    packages = {p.code: p for p in TrainingPackage.objects.live()}
    assert {"PKG-YL-5", "PKG-YL-4", "PKG-JZ-5"} <= set(packages)
    assert (packages["PKG-YL-5"].level.number, packages["PKG-YL-4"].level.number) == (5, 4)
    assert packages["PKG-JZ-5"].parent_occupation.code == "4-10-01-06"
    for package in packages.values():
        codes = package.module_codes
        assert len(codes) >= 5
        assert {"TY-01", "TY-02", "TY-03"} <= set(codes), "common modules open every package"
        assert package.min_hours is None, "minimum hours were not found in the sources"
        assert "示例值" in package.summary
    for common in CourseModule.objects.filter(owner_occupation=None):
        assert common.package_usages.count() >= 3


def test_demo_modules_are_real_training_content(loaded):
    modules = list(CourseModule.objects.all())
    assert len(modules) >= 15
    for module in modules:
        assert module.body.count("## ") >= 3, module.code
        assert len(module.body) > 400, module.code
        assert "示例值" in module.body
        assert len(module.outcome_list) >= 3
        assert "lorem" not in module.body.lower()


def test_demo_load_is_idempotent(loaded):
    revisions = Revision.objects.count()
    messages = []
    demo.load(messages.append)
    assert Revision.objects.count() == revisions
    assert messages == [
        "导入完成。职业：新建 0，更新 0，未变 25；课程模块：新建 0，更新 0，未变 19；培训包：新建 0，更新 0，未变 4。"
    ]


def test_demo_file_is_in_the_import_format():
    data = json.loads(demo.DEMO_FILE.read_text(encoding="utf-8"))
    assert set(data) == {"occupations", "modules", "packages"}
    assert {"code", "name", "kind", "aliases", "shortage", "subsidy", "levels", "summary"} <= set(
        data["occupations"][0]
    )
    assert {"code", "title", "occupation", "theory_hours", "practice_hours", "outcomes", "body", "tags"} <= set(
        data["modules"][0]
    )
    assert {"code", "title", "occupation", "level", "min_hours", "modules", "summary"} <= set(data["packages"][0])
