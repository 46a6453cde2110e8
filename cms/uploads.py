"""Upload safety for images and documents: checked by content, never by name alone.

* Images: size limit, then Pillow reads only the header (no pixel is decoded) and the pixel count is compared with
  WAGTAILIMAGES_MAX_IMAGE_PIXELS, so a "decompression bomb" (a small file declaring enormous dimensions) is refused
  before anything tries to decode it. Pillow's own DecompressionBombWarning/Error are errors here.
* Documents: an allow-list of types recognised by their bytes (PDF, DOCX, XLSX, PPTX, PNG, JPEG, GIF, WebP); Office
  files must be zip packages whose [Content_Types].xml declares the right main part (macro-enabled ones are
  refused); the extension must match the content, so a renamed executable is refused.
* File names: no folders, no control characters, one extension only (other dots become "_"), Chinese kept.

The checks run in the admin form fields (before Wagtail's own, so the messages are Chinese and specific) and again
in the models' `clean()`, for any other path that validates a model.
"""

import os
import re
import unicodedata
import warnings
import zipfile
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_xml_fromstring
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.fields import FileField
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.utils import get_allowed_image_extensions

from cms.tabular import ZipBomb, check_zip_package

# --- file names -------------------------------------------------------------------------------------------------

MAX_STEM_LENGTH = 60
MAX_EXTENSION_LENGTH = 10
KEEP_PUNCTUATION = "-_()（）"
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(10)} | {f"LPT{i}" for i in range(10)}


def sanitize_filename(name, default: str = "file") -> str:
    """A safe file name: last path part only, no control characters, letters (Chinese included), digits and
    -_() kept, everything else (dots of double extensions, spaces, quotes) turned into "_", one lower-case
    extension. Idempotent: sanitising a sanitised name changes nothing."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = re.split(r"[\\/]", text)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    stem, dot, extension = text.rpartition(".")
    if not dot:
        stem, extension = text, ""
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:MAX_EXTENSION_LENGTH]
    stem = "".join(ch if ch.isalnum() or ch in KEEP_PUNCTUATION else "_" for ch in stem)
    stem = re.sub(r"_{2,}", "_", stem).strip("_-")[:MAX_STEM_LENGTH].strip("_-")
    if not stem:
        stem = default
    elif stem.upper() in WINDOWS_RESERVED:
        stem = f"{default}_{stem}"
    return f"{stem}.{extension}" if extension else stem


def extension_of(name) -> str:
    _stem, dot, extension = str(name or "").rpartition(".")
    return extension.lower() if dot else ""


# --- content types ----------------------------------------------------------------------------------------------

PDF, DOCX, XLSX, PPTX, PNG, JPEG, GIF, WEBP = "pdf", "docx", "xlsx", "pptx", "png", "jpeg", "gif", "webp"
MP4, VTT = "mp4", "vtt"
KIND_LABELS = {
    PDF: "PDF",
    DOCX: "Word（DOCX）",
    XLSX: "Excel（XLSX）",
    PPTX: "PowerPoint（PPTX）",
    PNG: "PNG",
    JPEG: "JPEG",
    GIF: "GIF",
    WEBP: "WebP",
    MP4: "MP4 视频",
    VTT: "WebVTT 字幕",
}
KIND_EXTENSIONS = {
    PDF: ("pdf",),
    DOCX: ("docx",),
    XLSX: ("xlsx",),
    PPTX: ("pptx",),
    PNG: ("png",),
    JPEG: ("jpg", "jpeg"),
    GIF: ("gif",),
    WEBP: ("webp",),
    MP4: ("mp4",),
    VTT: ("vtt",),
}
# ISO base media "ftyp" brands of MP4 files a browser's <video> plays (H.264/AAC as phones record and export them).
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash"}
MAX_VTT_BYTES = 2 * 1024 * 1024
OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
MAX_CONTENT_TYPES_BYTES = 512 * 1024
MAX_ZIP_ENTRIES = 20_000
EXECUTABLE_SIGNATURES = (
    b"MZ",  # Windows PE / DOS
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # scripts
)

# Pillow format names of the image types we accept, by file extension.
IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP", "avif": "AVIF"}


class NotOfficeFile(Exception):
    """A zip that is not a plain (macro-free) DOCX/XLSX/PPTX package."""


class MacroOfficeFile(NotOfficeFile):
    pass


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    """PartName → ContentType overrides of an OOXML package, read with a size cap by defusedxml (no DTD, no
    entities, whatever the encoding: a UTF-16 file hides "<!ENTITY" from a byte search)."""
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError as exc:
        raise NotOfficeFile from exc
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        raise NotOfficeFile
    with archive.open(info) as stream:
        raw = stream.read(MAX_CONTENT_TYPES_BYTES + 1)
    if len(raw) > MAX_CONTENT_TYPES_BYTES:
        raise NotOfficeFile
    try:
        root = safe_xml_fromstring(raw, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise NotOfficeFile from exc
    overrides = {}
    for element in root:
        if element.tag.rsplit("}", 1)[-1] == "Override":
            overrides[element.get("PartName", "").lstrip("/")] = element.get("ContentType", "")
    return overrides


def _office_kind(fileobj) -> str:
    try:
        check_zip_package(fileobj)
    except ZipBomb as exc:
        raise NotOfficeFile from exc
    with zipfile.ZipFile(fileobj) as archive:
        names = archive.namelist()
        if len(names) > MAX_ZIP_ENTRIES:
            raise NotOfficeFile
        overrides = _content_types(archive)
        if any("macroenabled" in content_type.lower() for content_type in overrides.values()) or any(
            name.lower().endswith("vbaproject.bin") for name in names
        ):
            raise MacroOfficeFile
        present = set(names)
        kinds = {OOXML_MAIN_TYPES[ctype] for part, ctype in overrides.items() if ctype in OOXML_MAIN_TYPES}
        main_parts = {part for part, ctype in overrides.items() if ctype in OOXML_MAIN_TYPES}
        if len(kinds) != 1 or not main_parts <= present:
            raise NotOfficeFile
        return kinds.pop()


def detect_document_kind(fileobj) -> str | None:
    """The allowed type a file's bytes show it to be, or None. Raises MacroOfficeFile for macro-enabled Office."""
    fileobj.seek(0)
    head = fileobj.read(16)
    fileobj.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head.startswith((b"GIF87a", b"GIF89a")):
        kind = GIF
    elif head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        kind = WEBP
    elif head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        kind = MP4
    elif head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT") and _is_vtt(fileobj):
        kind = VTT
    elif head.startswith(b"PK\x03\x04"):
        try:
            kind = _office_kind(fileobj)
        except MacroOfficeFile:
            raise
        except (
            NotOfficeFile,
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            ParseError,
            NotImplementedError,  # unsupported compression method
            RuntimeError,  # encrypted members
            EOFError,
            OSError,
            ValueError,
            UnicodeError,
        ):
            kind = None
        finally:
            fileobj.seek(0)
    return kind


def _is_vtt(fileobj) -> bool:
    """A captions file: small, UTF-8 text, the WEBVTT signature followed by a blank, a tab or a line end."""
    fileobj.seek(0)
    raw = fileobj.read(MAX_VTT_BYTES + 1)
    fileobj.seek(0)
    if len(raw) > MAX_VTT_BYTES or b"\x00" in raw:
        return False
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return text[6:7] in {"", " ", "\t", "\n", "\r"}


def _looks_executable(fileobj) -> bool:
    fileobj.seek(0)
    head = fileobj.read(4)
    fileobj.seek(0)
    return head.startswith(EXECUTABLE_SIGNATURES)


# --- validators -------------------------------------------------------------------------------------------------


def allowed_document_extensions() -> list[str]:
    known = [extension for extensions in KIND_EXTENSIONS.values() for extension in extensions]
    configured = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or known
    return [extension for extension in configured if extension in known]


def allowed_image_extensions() -> list[str]:
    return [extension for extension in get_allowed_image_extensions() if extension in IMAGE_FORMATS]


def _check_size(fileobj, limit, what):
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, os.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(0)
    if size == 0:
        raise ValidationError(_("文件是空的，请重新选择文件。"), code="empty")
    if limit is not None and size > limit:
        raise ValidationError(
            _("文件太大（%(size)s）：%(what)s最大 %(limit)s。"),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit), "what": what},
        )


def _check_extension(name, allowed, what):
    extension = extension_of(name)
    if extension not in allowed:
        raise ValidationError(
            _("不支持的%(what)s类型“.%(extension)s”：只接受 %(allowed)s。"),
            code="invalid_extension",
            params={
                "what": what,
                "extension": extension or _("（无扩展名）"),
                "allowed": "、".join(f".{e}" for e in allowed),
            },
        )
    return extension


def validate_document_upload(fileobj, name=None) -> str:
    """Refuse anything but an allowed document type whose bytes match its extension. Returns the detected kind."""
    name = name or getattr(fileobj, "name", "")
    _check_size(fileobj, getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None), _("文档"))
    extension = _check_extension(name, allowed_document_extensions(), _("文档"))
    allowed_labels = "、".join(KIND_LABELS.values())
    try:
        kind = detect_document_kind(fileobj)
    except MacroOfficeFile:
        raise ValidationError(
            _("含宏（VBA）的 Office 文件不允许上传：请另存为不含宏的 .docx、.xlsx 或 .pptx 后再上传。"),
            code="macro",
        ) from None
    if kind is None:
        if _looks_executable(fileobj):
            raise ValidationError(
                _("“%(name)s”的内容是可执行程序或脚本，不是 %(allowed)s 文件，已拒绝上传。"),
                code="executable",
                params={"name": os.path.basename(str(name)), "allowed": allowed_labels},
            )
        raise ValidationError(
            _("无法识别“%(name)s”的文件内容：只接受 %(allowed)s 文件（按文件内容检查，不只看扩展名）。"),
            code="unknown_content",
            params={"name": os.path.basename(str(name)), "allowed": allowed_labels},
        )
    if extension not in KIND_EXTENSIONS[kind]:
        raise ValidationError(
            _("文件扩展名“.%(extension)s”与文件内容（%(kind)s）不符：请使用扩展名 %(expected)s。"),
            code="extension_mismatch",
            params={
                "extension": extension,
                "kind": KIND_LABELS[kind],
                "expected": "、".join(f".{e}" for e in KIND_EXTENSIONS[kind]),
            },
        )
    return kind


def _bomb_error(max_pixels, width=None, height=None):
    if width is None:
        return ValidationError(
            _("图片像素数远超安全上限（%(max)s 像素），疑似“解压炸弹”图片，已拒绝上传。"),
            code="decompression_bomb",
            params={"max": f"{max_pixels:,}"},
        )
    return ValidationError(
        _("图片尺寸过大：%(width)s×%(height)s 像素（共 %(pixels)s 像素），上限为 %(max)s 像素。请缩小图片后再上传。"),
        code="decompression_bomb",
        params={"width": width, "height": height, "pixels": f"{width * height:,}", "max": f"{max_pixels:,}"},
    )


def validate_image_upload(fileobj, name=None) -> tuple[str, int, int]:
    """Refuse oversized files, unknown formats, mismatched extensions and too many pixels, reading only the
    image header. Returns (Pillow format, width, height)."""
    name = name or getattr(fileobj, "name", "")
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None) or Image.MAX_IMAGE_PIXELS
    _check_size(fileobj, getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None), _("图片"))
    extension = _check_extension(name, allowed_image_extensions(), _("图片"))
    formats = sorted({IMAGE_FORMATS[e] for e in allowed_image_extensions()})
    fileobj.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(fileobj, formats=formats) as image:  # reads the header only
                image_format = image.format
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb_error(max_pixels) from None
    except Exception:  # any parser error on hostile bytes means "not an image we accept"
        raise ValidationError(
            _("“%(name)s”不是可识别的图片：只接受 %(allowed)s 格式。"),
            code="invalid_image",
            params={
                "name": os.path.basename(str(name)),
                "allowed": "、".join(sorted({IMAGE_FORMATS[e] for e in allowed_image_extensions()})),
            },
        ) from None
    finally:
        fileobj.seek(0)
    if width <= 0 or height <= 0 or width * height > max_pixels:
        raise _bomb_error(max_pixels, width, height)
    if IMAGE_FORMATS[extension] != image_format:
        raise ValidationError(
            _("文件扩展名“.%(extension)s”与图片格式（%(format)s）不符。"),
            code="extension_mismatch",
            params={"extension": extension, "format": image_format},
        )
    return image_format, width, height


# --- admin form fields and form bases ---------------------------------------------------------------------------


class SafeImageField(WagtailImageField):
    """Wagtail's image field with our header-only checks first (Chinese, specific messages) and a clean name."""

    def to_python(self, data):
        upload = FileField.to_python(self, data)
        if upload is None:
            return None
        upload.name = sanitize_filename(upload.name, default="image")
        validate_image_upload(upload)
        return super().to_python(upload)


class SafeDocumentField(WagtailDocumentField):
    """Wagtail's document field plus the content allow-list and a clean name."""

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        upload.name = sanitize_filename(upload.name, default="document")
        validate_document_upload(upload)
        return upload


def _swap_file_field(form, field_class):
    old = form.fields.get("file")
    if old is None or isinstance(old, field_class):
        return
    new = field_class(label=old.label, required=old.required, widget=old.widget)
    form.fields["file"] = new


class SafeImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: every admin image form (single and multiple upload) validates by content."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _swap_file_field(self, SafeImageField)


class SafeDocumentForm(BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE: every admin document form validates by content."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _swap_file_field(self, SafeDocumentField)
