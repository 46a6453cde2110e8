from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the footer and share cards show; edited by site administrators, not in code."""

    organisation_name = models.CharField(_("主办单位"), max_length=200, default="四川省人力资源和社会保障厅")
    hotline = models.CharField(_("咨询热线"), max_length=50, default="12333")
    address = models.CharField(_("地址"), max_length=255, blank=True)
    footer_text = models.TextField(_("页脚说明"), blank=True)
    default_share_image = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("默认分享图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("hotline"),
        FieldPanel("address"),
        FieldPanel("footer_text"),
        FieldPanel("default_share_image"),
    ]

    class Meta:
        verbose_name = _("站点设置")
        verbose_name_plural = _("站点设置")

    def __str__(self):
        return self.organisation_name
