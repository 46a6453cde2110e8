"""Blocks of policy documents (sections, clauses, items), explainers (key points, Q&A) and clause references."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.limits import MAX_MARKDOWN_CHARS
from cms.reference import CITY_CHOICES
from cms.safe_markdown import markdown_to_text
from progress.public import snapshot, snapshots

from .numerals import normalise_numeral
from .outline import outline_section

__all__ = [
    "ActivityBlock",
    "ClauseBlock",
    "ClauseItemBlock",
    "ClauseReferenceBlock",
    "DocumentBodyBlock",
    "KeyPointBlock",
    "QABlock",
    "QAStreamBlock",
    "SectionBlock",
    "progress_snapshots",
]

NUMERAL_HELP = _("只填汉字数字，例如“十二”（显示为“（十二）”）；也可填 12，保存时转换。")
CLAUSE_PREVIEW = {
    "numeral": "十二",
    "title": "加大培训补贴政策落实力度",
    "text": "各地要将养老护理员等作为急需紧缺职业（工种），按规定落实好职业技能培训补贴。",
    "items": [],
}


def _clean_numeral(value, name, errors):
    """Normalise a numeral field in place; an unparseable one is an error on that field."""
    raw = value.get(name) or ""
    if not raw:
        return
    try:
        value[name] = normalise_numeral(raw)
    except ValueError:
        errors[name] = ValidationError(_("“%(value)s”不是汉字数字（如 一、十二）。") % {"value": raw})


class ClauseItemBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("序号"), max_length=4, help_text=_("阿拉伯数字，例如 1"))
    text = blocks.TextBlock(label=_("内容"))

    class Meta:
        icon = "list-ol"
        label = _("分项（1. 2.）")
        template = "policy/blocks/clause_item.html"
        description = _("条款下的分项，显示为“1.”“2.”。")
        preview_value = {"number": "1", "text": "按规定落实职业技能培训补贴。"}

    def clean(self, value):
        value = super().clean(value)
        number = (value.get("number") or "").strip().rstrip(".．、")
        if number and not number.isdigit():
            raise StructBlockValidationError({"number": ValidationError(_("分项序号只能是数字。"))})
        value["number"] = number
        return value


class ClauseBlock(blocks.StructBlock):
    numeral = blocks.CharBlock(label=_("条款编号"), max_length=8, help_text=NUMERAL_HELP)
    title = blocks.CharBlock(
        label=_("条款标题"), required=False, max_length=120, help_text=_("首句，如“加大培训补贴政策落实力度”")
    )
    text = blocks.TextBlock(label=_("条款正文"), required=False)
    items = blocks.ListBlock(ClauseItemBlock(), label=_("分项"), default=[], min_num=0)

    class Meta:
        icon = "list-ul"
        label = _("条款（（一））")
        template = "policy/blocks/clause.html"
        description = _("一条编号条款，锚点由编号生成（（十二）→ #clause-12），调整顺序不会改变链接。")
        preview_value = CLAUSE_PREVIEW

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        _clean_numeral(value, "numeral", errors)
        if not self.is_deferred_validation and not (value.get("text") or "").strip() and not value.get("items"):
            errors["text"] = ValidationError(_("条款正文和分项不能都为空。"))
        numbers = [item["number"] for item in value.get("items") or []]
        expected = [str(index) for index in range(1, len(numbers) + 1)]
        if numbers != expected:
            errors["items"] = ListBlockValidationError(
                non_block_errors=[ValidationError(_("分项应从 1 开始连续编号，当前为：%s。") % "、".join(numbers))]
            )
        if errors:
            raise StructBlockValidationError(errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["clause"] = outline_section({"clauses": [self.get_prep_value(value)]})["clauses"][0]
        return context


class SectionBlock(blocks.StructBlock):
    numeral = blocks.CharBlock(label=_("章节编号"), max_length=8, help_text=_("只填汉字数字，例如“一”（显示为“一、”）"))
    heading = blocks.CharBlock(label=_("章节标题"), max_length=120)
    intro = blocks.TextBlock(label=_("章节导语"), required=False)
    clauses = blocks.ListBlock(ClauseBlock(), label=_("条款"), default=[], min_num=0)

    class Meta:
        icon = "doc-full"
        label = _("章节（一、）")
        template = "policy/blocks/section.html"
        description = _("一个“一、”级章节及其条款；锚点为 #section-1。")
        preview_value = {
            "numeral": "一",
            "heading": "总体要求和目标任务",
            "intro": "",
            "clauses": [CLAUSE_PREVIEW],
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        _clean_numeral(value, "numeral", errors)
        seen = {}
        clause_errors = {}
        for index, clause in enumerate(value.get("clauses") or []):
            numeral = clause.get("numeral")
            if numeral and numeral in seen:
                clause_errors[index] = StructBlockValidationError(
                    {"numeral": ValidationError(_("条款编号（%s）在本章节中重复。") % numeral)}
                )
            seen[numeral] = index
        if clause_errors:
            errors["clauses"] = ListBlockValidationError(block_errors=clause_errors)
        if errors:
            raise StructBlockValidationError(errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["section"] = outline_section(self.get_prep_value(value))
        return context


class DocumentBodyBlock(blocks.StreamBlock):
    paragraph = blocks.TextBlock(
        label=_("段落"),
        icon="pilcrow",
        template="policy/blocks/document_paragraph.html",
        description=_("不属于任何章节的段落（前言、通知正文）。"),
    )
    heading = blocks.CharBlock(
        label=_("小标题"),
        icon="title",
        max_length=200,
        template="policy/blocks/document_heading.html",
        description=_("如附件方案的标题。"),
    )
    section = SectionBlock()

    class Meta:
        label = _("文件正文")

    def clean(self, value):
        value = super().clean(value)
        seen = set()
        errors = {}
        for index, child in enumerate(value):
            if child.block_type != "section":
                continue
            numeral = child.value.get("numeral")
            if numeral in seen:
                errors[index] = StructBlockValidationError(
                    {"numeral": ValidationError(_("章节编号“%s、”重复。") % numeral)}
                )
            seen.add(numeral)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


class ClauseReferenceBlock(blocks.StructBlock):
    """A link to one clause of a policy document: `<document url>#clause-12`."""

    document = blocks.PageChooserBlock(
        label=_("政策文件"),
        page_type="policy.PolicyDocument",
        required=False,
        help_text=_("留空表示本解读所解读的（第一个）文件。"),
    )
    section = blocks.CharBlock(
        label=_("章节编号"), required=False, max_length=8, help_text=_("仅当各章节条款重新编号时需要，例如“二”。")
    )
    clause = blocks.CharBlock(label=_("条款编号"), max_length=8, help_text=NUMERAL_HELP)
    label = blocks.CharBlock(
        label=_("链接文字"), required=False, max_length=80, help_text=_("留空则显示“第（十二）条”。")
    )

    class Meta:
        icon = "link"
        label = _("条款引用")
        template = "policy/blocks/clause_reference.html"
        description = _("链接到政策文件中的某一条款，例如（十二）。")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        _clean_numeral(value, "clause", errors)
        _clean_numeral(value, "section", errors)
        document = value.get("document")
        if document is not None and not errors and value.get("clause"):
            document = document.specific
            if document.clause_anchor(value["clause"], value.get("section") or None) is None:
                errors["clause"] = ValidationError(
                    _("《%(title)s》中没有唯一的条款（%(clause)s）；请检查编号，或填写章节编号。")
                    % {"title": document.title, "clause": value["clause"]}
                )
        if errors:
            raise StructBlockValidationError(errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["url"], context["default_label"] = self.link(value, parent_context)
        return context

    @staticmethod
    def link(value, parent_context=None) -> tuple[str, str]:
        """(clause URL or "", default link text). The document defaults to the one the page explains (`documents`
        in the page context)."""
        parent_context = parent_context or {}
        document = value.get("document")
        if document is None:
            documents = parent_context.get("documents") or []
            document = documents[0] if documents else None
        url = ""
        if document is not None:
            request = parent_context.get("request")
            url = document.specific.clause_url(value["clause"], value.get("section") or None, request)
        return url, _("第（%s）条") % value.get("clause")


class ActivityBlock(blocks.StructBlock):
    """One item of a campaign's schedule; its block id is the stable UID of its iCalendar event."""

    starts_at = blocks.DateTimeBlock(label=_("开始时间"))
    ends_at = blocks.DateTimeBlock(label=_("结束时间"))
    place = blocks.CharBlock(label=_("地点"), max_length=200)
    title = blocks.CharBlock(label=_("活动内容"), max_length=200)
    contact = blocks.CharBlock(
        label=_("联系方式"), max_length=120, required=False, help_text=_("例如：12333 或 联系人及电话")
    )

    class Meta:
        icon = "date"
        label = _("活动")
        template = "policy/blocks/activity.html"
        description = _("一项宣传活动：时间、地点、内容和联系方式；会出现在活动日历（.ics）中。")

    def clean(self, value):
        value = super().clean(value)
        starts_at, ends_at = value.get("starts_at"), value.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            raise StructBlockValidationError({"ends_at": ValidationError(_("结束时间必须晚于开始时间。"))})
        return value


class KeyPointBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("要点"), help_text=_("一两句话；可用 Markdown。"), max_length=MAX_MARKDOWN_CHARS)
    references = blocks.ListBlock(ClauseReferenceBlock(), label=_("依据条款"), default=[], min_num=0)

    class Meta:
        icon = "tick"
        label = _("解读要点")
        template = "policy/blocks/key_point.html"
        description = _("一条解读要点，可链接到文件的具体条款。")
        preview_value = {"text": "养老护理员等急需紧缺职业纳入补贴性培训范围。", "references": []}

    def clean(self, value):
        value = super().clean(value)
        if (value.get("text") or "").strip() and not markdown_to_text(value["text"]):
            raise StructBlockValidationError({"text": ValidationError(_("要点经安全过滤后为空，请填写文字。"))})
        return value


class QABlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("问题"), max_length=200)
    answer = blocks.TextBlock(
        label=_("回答"),
        help_text=_("可用 Markdown（加粗、列表、链接）；HTML 会被安全过滤。"),
        max_length=MAX_MARKDOWN_CHARS,
    )
    references = blocks.ListBlock(ClauseReferenceBlock(), label=_("依据条款"), default=[], min_num=0)

    class Meta:
        icon = "help"
        label = _("问答")
        template = "policy/blocks/qa.html"
        description = _("答记者问式的一问一答，回答可链接到文件条款。")
        preview_value = {
            "question": "哪些人可以参加补贴性培训？",
            "answer": "各地**不得以地域、户籍、年龄、缴纳社保等为前提条件**限制参加培训并享受培训补贴。",
            "references": [],
        }

    def clean(self, value):
        value = super().clean(value)
        question = (value.get("question") or "").strip()
        answer = (value.get("answer") or "").strip()
        errors = {}
        if answer and not markdown_to_text(answer):
            errors["answer"] = ValidationError(_("回答经安全过滤后为空（不允许脚本等内容），请填写文字。"))
        elif question and answer and question == answer:
            errors["answer"] = ValidationError(_("回答不能与问题相同。"))
        if errors:
            raise StructBlockValidationError(errors)
        return value


class QAStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("问答分组标题"),
        icon="title",
        max_length=120,
        template="policy/blocks/qa_heading.html",
        description=_("把问答分组，如“关于培训补贴”。"),
    )
    qa = QABlock()

    class Meta:
        label = _("问答")


class ProgressBlock(blocks.StructBlock):
    """进度: how far the province (or one 市州) is towards a target, drawn by the progress app's public module."""

    target = SnippetChooserBlock("progress.Target", label=_("目标任务"))
    city = blocks.ChoiceBlock(
        label=_("市州"), choices=[("", _("全省")), *CITY_CHOICES], required=False, help_text=_("留空显示全省进度。")
    )

    class Meta:
        icon = "pick"
        label = _("进度")
        template = "policy/blocks/progress.html"
        description = _("显示一项目标任务的完成进度，可选一个市州。")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        context["snapshot"] = snapshot(value.get("target"), value.get("city") or "", request)
        return context


def progress_snapshots(stream, request=None) -> list[dict]:
    """What every 进度 block of a page's stream shows, in order, from one batch (progress.public.snapshots): the
    same few queries for one block or ten. Read from the stream's raw data, so the chosen targets are not loaded a
    second time; blocks whose target is gone are left out. Rendered with the block's template."""
    choices = [
        (item["value"].get("target"), item["value"].get("city") or "")
        for item in stream.raw_data
        if item["type"] == "progress"
    ]
    return [found for found in snapshots(choices, request) if found is not None]
