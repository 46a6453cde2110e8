"""Model rules: levels in the shared range, special abilities, hours, prerequisite cycles, totals, publishing guard."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.images.tests.utils import get_test_image_file

from cms.models import CustomImage
from cms.reference import SkillLevel as ReferenceLevel
from cms.safe_markdown import markdown_to_text, render_markdown
from curricula.blocks import CalloutBlock, ImageMaterialBlock, VideoLinkBlock
from curricula.choices import OccupationKind
from curricula.models import CourseModule, Occupation, SkillLevel, TrainingPackage

from .factories import level, make_module, make_occupation, make_package

pytestmark = pytest.mark.django_db


def test_the_five_levels_are_seeded_entry_level_first():
    assert [(lv.number, lv.name) for lv in SkillLevel.objects.all()] == [
        (5, "五级/初级工"),
        (4, "四级/中级工"),
        (3, "三级/高级工"),
        (2, "二级/技师"),
        (1, "一级/高级技师"),
    ]
    assert SkillLevel.objects.get(number=5).short_name == "五级"


def test_levels_stay_in_the_one_shared_range():
    """cms.reference says 1–5: the admin form refuses 6 and so does the database."""
    assert sorted(SkillLevel.objects.values_list("number", flat=True)) == list(ReferenceLevel.values)
    with pytest.raises(ValidationError) as caught:
        SkillLevel(number=6, name="学徒").full_clean()
    assert "number" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        SkillLevel.objects.create(number=0, name="特级技师")


def test_special_ability_must_have_exactly_one_level(index):
    page = Occupation(title="病患陪护", slug="bhph", kind=OccupationKind.SPECIAL_ABILITY)
    page.levels = [level(5), level(4)]
    with pytest.raises(ValidationError) as caught:
        index.add_child(instance=page)
    assert "专项职业能力只有一个考核等级" in str(caught.value.message_dict["levels"])
    page.levels = [level(5)]
    index.add_child(instance=page)
    assert Occupation.objects.get(slug="bhph").level_numbers == [5]


def test_occupation_codes_follow_the_classification_and_are_unique(index):
    make_occupation(index, "养老护理员", code="4-10-01-05", slug="a")
    bad = Occupation(title="错误代码", slug="b", code="41001")
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert "4-10-01-05" in caught.value.message_dict["code"][0]
    clash = Occupation(title="重复", slug="c", code="4-10-01-05")
    with pytest.raises(ValidationError) as caught:
        clash.full_clean()
    assert caught.value.message_dict["code"] == ["已有使用此代码的职业。"]


def test_code_less_occupations_may_coexist(index):
    first = make_occupation(index, "育婴员", slug="yuyingyuan")
    second = make_occupation(index, "母婴护理员", slug="muying")
    assert first.code is None and second.code is None
    assert first.reference == "育婴员"


def test_hours_must_not_be_negative(index):
    module = CourseModule(title="负数", slug="neg", code="NEG-1", theory_hours=Decimal("-1"), practice_hours=0)
    with pytest.raises(ValidationError) as caught:
        module.full_clean()
    assert caught.value.message_dict["theory_hours"] == ["学时不能为负数。"]


def test_prerequisite_cycle_is_refused_naming_the_cycle(index):
    a = make_module(index, "A")
    b = make_module(index, "B", prerequisites=[a])
    c = make_module(index, "C", prerequisites=[b])
    a.prerequisites = [c]
    with pytest.raises(ValidationError) as caught:
        a.save_revision()
    assert caught.value.message_dict["prerequisites"] == ["先修模块形成循环：A → C → B → A"]
    a.prerequisites = [a]
    with pytest.raises(ValidationError) as caught:
        a.full_clean()
    assert "不能以自己为先修模块" in caught.value.message_dict["prerequisites"][0]


def test_markdown_is_rendered_and_sanitised():
    body = (
        "## 操作步骤\n\n1. 洗手\n2. 摆体位\n\n<script>alert('x')</script>\n\n"
        '[点我](javascript:alert(1)) <img src=x onerror="alert(2)"> **重点**'
    )
    html = render_markdown(body)
    assert "<h3>操作步骤</h3>" in html
    assert "<ol>" in html and "<strong>重点</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    text = markdown_to_text(body)
    assert "操作步骤" in text and "<" not in text and "##" not in text


def test_blocks_check_their_fields_together(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as caught:
        CalloutBlock().clean({"kind": "danger", "title": "", "text": "不要这样做"})
    assert "必须填写标题" in str(caught.value.block_errors["title"])
    assert CalloutBlock().clean({"kind": "tip", "title": "", "text": "小技巧"})["text"] == "小技巧"
    with pytest.raises(ValidationError) as caught:
        VideoLinkBlock().clean(
            {
                "url": "https://example.com/v",
                "title": "视频",
                "provider": "",
                "duration_minutes": 10,
                "start_minute": 12,
            }
        )
    assert "必须小于视频时长" in str(caught.value.block_errors["start_minute"])
    image = CustomImage.objects.create(title="翻身示意图", alt_text="侧卧位翻身示意", file=get_test_image_file())
    image_block = ImageMaterialBlock()
    value = image_block.to_python(
        {"image": image.pk, "caption": "", "source_name": "", "source_url": "https://a.example"}
    )
    with pytest.raises(ValidationError) as caught:
        image_block.clean(value)
    assert "来源名称" in str(caught.value.block_errors["source_name"])
    value = image_block.to_python(
        {"image": image.pk, "caption": "", "source_name": "示例", "source_url": "https://a.example"}
    )
    assert image_block.clean(value)["source_name"] == "示例"
    for block in (CalloutBlock(), VideoLinkBlock(), ImageMaterialBlock()):
        assert block.meta.icon and block.meta.template and block.meta.description


def test_package_totals_and_a_module_edit_shows_in_every_package(small_tree):
    level5, level4 = small_tree["level5"], small_tree["level4"]
    assert (level5.totals().theory, level5.totals().practice, level5.totals().total) == (8, 7, 15)
    assert level4.totals().total == Decimal(9)
    common = small_tree["common"]
    common.theory_hours = Decimal("6")
    common.save_revision().publish()
    assert TrainingPackage.objects.get(pk=level5.pk).totals().total == Decimal(17)
    assert TrainingPackage.objects.get(pk=level4.pk).totals().total == Decimal(11)


def test_unpublished_modules_do_not_count(small_tree):
    small_tree["toileting"].unpublish()
    level5 = TrainingPackage.objects.get(pk=small_tree["level5"].pk)
    assert [row.module.code for row in level5.module_rows()] == ["TY-01", "YL-5-01"]
    assert level5.totals().total == Decimal(10)


def test_publishing_below_minimum_hours_is_refused_whatever_the_path(small_tree):
    package = TrainingPackage.objects.get(pk=small_tree["level5"].pk)
    package.min_hours = Decimal("40")
    revision = package.save_revision()  # a draft is fine
    with pytest.raises(ValidationError) as caught:
        revision.publish()
    assert "低于最低学时 40" in caught.value.message_dict["min_hours"][0]
    assert TrainingPackage.objects.get(pk=package.pk).min_hours == Decimal(10), "the live page is untouched"


def test_package_level_must_be_offered_by_its_occupation(small_tree):
    occupation = small_tree["occupation"]
    with pytest.raises(ValidationError) as caught:
        make_package(occupation, "PKG-1", level_number=1)
    assert "不开设" in caught.value.message_dict["level"][0]


def test_a_package_cannot_supersede_itself(small_tree):
    package = small_tree["level5"]
    package.supersedes = package
    with pytest.raises(ValidationError):
        package.full_clean()
