"""Blocks of the competitions app: an event's rounds (赛项环节), e.g. 知识竞赛, 单项技能实操, 综合技能实操."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError


class RoundBlock(blocks.StructBlock):
    """One round of a competition with its share of the total score."""

    name = blocks.CharBlock(
        label=_("环节名称"), max_length=60, help_text=_("例如：知识竞赛、单项技能实操、综合技能实操")
    )
    weight = blocks.IntegerBlock(
        label=_("成绩占比（%）"), required=False, min_value=0, max_value=100, help_text=_("各环节占比之和不超过 100")
    )
    duration_minutes = blocks.IntegerBlock(label=_("时长（分钟）"), required=False, min_value=1, max_value=24 * 60)
    description = blocks.TextBlock(label=_("内容说明"), required=False, max_length=1000)

    class Meta:
        icon = "list-ol"
        label = _("比赛环节")
        description = _("一个比赛环节：名称、成绩占比、时长和内容说明。")
        template = "competitions/blocks/round_block.html"
        preview_value = {
            "name": "综合技能实操",
            "weight": 50,
            "duration_minutes": 40,
            "description": "在模拟养老机构情境中完成生活照护、基础照护和康复服务的综合任务。",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value["name"].strip():
            raise StructBlockValidationError(block_errors={"name": ValidationError(_("环节名称不能为空。"))})
        return value


class RoundsBlock(blocks.StreamBlock):
    """The rounds of an event, in order; their weights must not add up to more than 100%."""

    round = RoundBlock()

    class Meta:
        icon = "list-ol"
        label = _("比赛环节")
        description = _("按顺序列出比赛的各个环节。")
        template = "competitions/blocks/rounds_block.html"

    def clean(self, value):
        value = super().clean(value)
        total = sum(child.value["weight"] or 0 for child in value)
        if total > 100:
            raise StreamBlockValidationError(
                non_block_errors=[
                    ValidationError(_("各环节成绩占比之和为 %(total)s%%，不能超过 100%%。") % {"total": total})
                ]
            )
        names = [child.value["name"].strip() for child in value]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise StreamBlockValidationError(
                non_block_errors=[ValidationError(_("环节名称重复：%(names)s") % {"names": "、".join(duplicates)})]
            )
        return value
