from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL.Image import DecompressionBombError, DecompressionBombWarning
from wagtail.api import APIField
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image, WagtailImageFieldFile


class SafeImageFieldFile(WagtailImageFieldFile):
    """Reading a decompression bomb's dimensions makes Pillow raise while the model instance is still being built;
    report them as unknown instead, so `CustomImage.clean()` can refuse the file with a clear message (and the
    NOT NULL width/height columns stop it from being saved unvalidated)."""

    def get_image_dimensions(self):
        try:
            return super().get_image_dimensions()
        except (DecompressionBombError, DecompressionBombWarning):
            return (None, None)


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

    def clean(self):
        """A new file is checked by content (header only, see cms.uploads) whatever path created the image."""
        if self.file and not self.file._committed:
            from cms.uploads import validate_image_upload

            try:
                validate_image_upload(self.file.file, self.file.name)
            except ValidationError as exc:
                raise ValidationError({"file": exc.messages}) from exc
        super().clean()

    @property
    def default_alt_text(self):
        return self.alt_text or getattr(self, "description", "") or self.title

    def get_upload_to(self, filename):
        """original_images/<sanitised name>: Chinese kept (Wagtail's default would transliterate it away)."""
        from cms.uploads import sanitize_filename

        name = sanitize_filename(filename, default="image")
        stem, dot, extension = name.rpartition(".")
        budget = 95 - len("original_images/") - len(dot + extension)
        return f"original_images/{(stem if dot else name)[:budget]}{dot}{extension}"


# attr_class is not part of the field's migration state, so this needs no migration.
CustomImage._meta.get_field("file").attr_class = SafeImageFieldFile


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

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            from cms.uploads import sanitize_filename

            self.file.name = sanitize_filename(self.file.name, default="document")
        super().save(*args, **kwargs)

    def clean(self):
        """A new file must be an allowed type by its bytes, with a matching extension (see cms.uploads)."""
        if self.file and not self.file._committed:
            from cms.uploads import validate_document_upload

            try:
                validate_document_upload(self.file.file, self.file.name)
            except ValidationError as exc:
                raise ValidationError({"file": exc.messages}) from exc
        if not self.file:
            # No file: the form field has already said why. Wagtail's extension check would add a misleading
            # second line about the extension "" (issue 15).
            return
        super().clean()
