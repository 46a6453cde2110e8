"""Teaching materials of a course module: self-describing blocks that check their own fields together."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .choices import CalloutKind, DocumentAudience

__all__ = [
    "CalloutBlock",
    "ChecklistBlock",
    "DocumentMaterialBlock",
    "ImageMaterialBlock",
    "MaterialsBlock",
    "VideoFileBlock",
    "VideoLinkBlock",
    "approved_video_host",
]

# Hosts whose pages may be linked as teaching videos (a link only: no player script of theirs ever loads here).
DEFAULT_VIDEO_HOSTS = ("12333.gov.cn", "mohrss.gov.cn", "rst.sc.gov.cn", "v.qq.com", "bilibili.com", "ixigua.com")


def approved_video_host(url) -> bool:
    """True when `url` is http(s) on an approved host or one of its subdomains (settings.CURRICULA_VIDEO_HOSTS)."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        return False
    hosts = getattr(settings, "CURRICULA_VIDEO_HOSTS", DEFAULT_VIDEO_HOSTS)
    return any(host == allowed or host.endswith("." + allowed) for allowed in hosts)


def document_extension(document) -> str:
    return (getattr(document, "file_extension", "") or "").lower() if document is not None else ""


def _struct_error(field_errors):
    return StructBlockValidationError(block_errors=field_errors)


class ImageMaterialBlock(blocks.StructBlock):
    """A picture used in class (操作示意图、评估量表截图): the source is credited when it is not ours."""

    image = ImageChooserBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("图注"), required=False, max_length=200)
    source_name = blocks.CharBlock(label=_("来源"), required=False, max_length=120)
    source_url = blocks.URLBlock(label=_("来源链接"), required=False)

    class Meta:
        icon = "image"
        label = _("图片")
        description = _("操作示意图等教学图片，可注明来源")
        template = "curricula/blocks/image_material.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("source_url") and not value.get("source_name"):
            raise _struct_error({"source_name": ValidationError(_("填写了来源链接时，请同时填写来源名称。"))})
        return value


class DocumentMaterialBlock(blocks.StructBlock):
    """A handout, checklist or assessment form (Wagtail document) offered for download."""

    document = DocumentChooserBlock(label=_("文档"))
    title = blocks.CharBlock(label=_("显示标题"), required=False, max_length=200, help_text=_("留空则使用文档标题"))
    audience = blocks.ChoiceBlock(
        label=_("适用对象"), choices=DocumentAudience.choices, default=DocumentAudience.TRAINEE
    )
    description = blocks.TextBlock(label=_("说明"), required=False, max_length=500)

    class Meta:
        icon = "doc-full"
        label = _("文档")
        description = _("讲义、操作流程表、考核评分表等可下载文档")
        template = "curricula/blocks/document_material.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        audience = value.get("audience")
        context["audience_label"] = DocumentAudience(audience).label if audience in DocumentAudience.values else ""
        return context

    def clean(self, value):
        value = super().clean(value)
        document = value.get("document")
        if document is not None and not (value.get("title") or "").strip():
            value["title"] = document.title
        return value


class VideoLinkBlock(blocks.StructBlock):
    """A link to a teaching video hosted elsewhere; no player is embedded, so no third-party script loads."""

    url = blocks.URLBlock(label=_("视频链接"))
    title = blocks.CharBlock(label=_("标题"), max_length=200)
    provider = blocks.CharBlock(label=_("发布方"), required=False, max_length=120)
    duration_minutes = blocks.IntegerBlock(label=_("时长（分钟）"), required=False, min_value=1)
    start_minute = blocks.IntegerBlock(
        label=_("从第几分钟开始看"), required=False, min_value=0, help_text=_("只需观看其中一段时填写")
    )

    class Meta:
        icon = "media"
        label = _("视频链接")
        description = _("外部教学视频的链接，不在本站嵌入播放器")
        template = "curricula/blocks/video_link.html"
        preview_value = {
            "url": "https://example.com/video/transfer",
            "title": "轮椅与床之间的转移（示例）",
            "provider": "示例机构",
            "duration_minutes": 12,
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if urlsplit(value.get("url") or "").scheme not in {"http", "https"}:
            errors["url"] = ValidationError(_("视频链接必须以 http:// 或 https:// 开头。"))
        elif not approved_video_host(value.get("url")):
            hosts = "、".join(getattr(settings, "CURRICULA_VIDEO_HOSTS", DEFAULT_VIDEO_HOSTS))
            errors["url"] = ValidationError(
                _("只能链接到经认可的视频网站（%(hosts)s）；其他视频请上传 MP4 文件。") % {"hosts": hosts}
            )
        duration, start = value.get("duration_minutes"), value.get("start_minute")
        if start is not None and duration is not None and start >= duration:
            errors["start_minute"] = ValidationError(
                _("开始时间（第 %(start)s 分钟）必须小于视频时长（%(duration)s 分钟）。")
                % {"start": start, "duration": duration}
            )
        if errors:
            raise _struct_error(errors)
        return value


class VideoFileBlock(blocks.StructBlock):
    """An uploaded MP4 played by the browser's own <video> (no player script), with a poster frame and captions."""

    title = blocks.CharBlock(label=_("标题"), max_length=200)
    video = DocumentChooserBlock(label=_("视频文件（MP4）"))
    poster = ImageChooserBlock(label=_("封面图"))
    captions = DocumentChooserBlock(label=_("字幕文件（WebVTT）"), help_text=_("供听障学员使用，.vtt 格式"))

    class Meta:
        icon = "media"
        label = _("视频（上传）")
        description = _("上传的 MP4 教学视频，带封面和字幕")
        template = "curricula/blocks/video_file.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("video") is not None and document_extension(value["video"]) != "mp4":
            errors["video"] = ValidationError(_("请选择 MP4 视频文件。"))
        if value.get("captions") is not None and document_extension(value["captions"]) != "vtt":
            errors["captions"] = ValidationError(_("请选择 WebVTT（.vtt）字幕文件。"))
        if errors:
            raise _struct_error(errors)
        return value


class ChecklistBlock(blocks.StructBlock):
    """A practice checklist (操作要点核对表): the steps a trainee ticks off while practising."""

    title = blocks.CharBlock(label=_("标题"), max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(label=_("要点"), max_length=300), label=_("核对要点"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("实操核对表")
        description = _("实操练习时逐项核对的要点")
        template = "curricula/blocks/checklist.html"
        preview_value = {"title": "协助进食核对表", "items": ["洗手", "取坐位或半坐卧位", "进食后保持坐位 30 分钟"]}


class CalloutBlock(blocks.StructBlock):
    """A boxed tip, note, warning or contraindication (禁忌) that must stand out from the text."""

    kind = blocks.ChoiceBlock(label=_("类型"), choices=CalloutKind.choices, default=CalloutKind.TIP)
    title = blocks.CharBlock(label=_("标题"), required=False, max_length=120)
    text = blocks.TextBlock(label=_("内容"), max_length=2000)

    class Meta:
        icon = "warning"
        label = _("提示框")
        description = _("要点、说明、注意事项或禁忌，醒目显示")
        template = "curricula/blocks/callout.html"
        preview_value = {
            "kind": CalloutKind.WARNING,
            "title": "进食后不要立即平卧",
            "text": "协助进食后保持坐位或半坐卧位 30 分钟，防止食物反流引起误吸。",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        kind = value.get("kind")
        context["kind_label"] = CalloutKind(kind).label if kind in CalloutKind.values else ""
        return context

    def clean(self, value):
        value = super().clean(value)
        if value.get("kind") in {CalloutKind.WARNING, CalloutKind.DANGER} and not (value.get("title") or "").strip():
            raise _struct_error({"title": ValidationError(_("“注意”和“禁忌”提示框必须填写标题，便于学员一眼看到。"))})
        return value


class MaterialsBlock(blocks.StreamBlock):
    image = ImageMaterialBlock()
    document = DocumentMaterialBlock()
    video = VideoLinkBlock()
    video_file = VideoFileBlock()
    checklist = ChecklistBlock()
    callout = CalloutBlock()

    class Meta:
        label = _("教学资料")
