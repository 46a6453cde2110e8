from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """Our image model from the first migration: alt text is a field of its own, required in the admin."""

    alt_text = models.CharField(
        _("替代文本"),
        max_length=255,
        blank=False,
        default="",
        help_text=_("为看不见图片的读者描述图片内容（无障碍必填）。"),
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text")
    api_fields = [APIField("alt_text")]

    class Meta(AbstractImage.Meta):
        verbose_name = _("图片")
        verbose_name_plural = _("图片")

    @property
    def default_alt_text(self):
        return self.alt_text or getattr(self, "description", "") or self.title


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    """Our document model from the first migration, so uploads can be validated by content."""

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("文档")
        verbose_name_plural = _("文档")
