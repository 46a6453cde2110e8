"""Teaching materials in the curricula exchange format, and the ZIP that carries their files beside the JSON.

A module's `materials` are listed in the JSON block by block; a picture, document, video or captions file is named
by a reference `{"file": name, "sha256": hex, "title": …}` (images also carry `alt_text`). The files travel in a
ZIP: `curricula.json` plus `files/<name>`. Reading a ZIP checks every referenced file (present, same checksum,
an allowed type by its bytes) before anything is saved, and names the file when one is wrong.

Files already in the media library (same bytes, found by Wagtail's own `file_hash`) are reused, so a round trip
creates nothing new.
"""

import hashlib
import io
import zipfile
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from cms.uploads import sanitize_filename, validate_document_upload, validate_image_upload

JSON_NAME = "curricula.json"
FILES_DIR = "files/"
MAX_BUNDLE_FILES = 2000
MAX_BUNDLE_BYTES = 500 * 1024 * 1024

# Block type → (chooser fields holding an image, chooser fields holding a document, plain fields).
BLOCK_FIELDS = {
    "image": (("image",), (), ("caption", "source_name", "source_url")),
    "document": ((), ("document",), ("title", "audience", "description")),
    "video": ((), (), ("url", "title", "provider", "duration_minutes", "start_minute")),
    "video_file": (("poster",), ("video", "captions"), ("title",)),
    "checklist": ((), (), ("title", "items")),
    "callout": ((), (), ("kind", "title", "text")),
}
REF_KEYS = {"file", "sha256", "title", "alt_text"}


class BundleError(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------------------------------- export


class FileCollector:
    """Gathers the files the exported materials name: one entry per distinct content, names made unique."""

    def __init__(self):
        self.files = {}  # name -> bytes
        self._by_hash = {}

    def add(self, field_file, default) -> tuple[str, str]:
        with field_file.open("rb") as handle:
            data = handle.read()
        digest = sha256_of(data)
        if digest in self._by_hash:
            return self._by_hash[digest], digest
        name = sanitize_filename(PurePosixPath(field_file.name).name, default=default)
        stem, dot, extension = name.rpartition(".")
        counter = 2
        while name in self.files:
            name = f"{stem}-{counter}{dot}{extension}" if dot else f"{stem}-{counter}"
            counter += 1
        self.files[name] = data
        self._by_hash[digest] = name
        return name, digest


def materials_for_export(stream, collector: FileCollector) -> list:
    """A module's materials StreamField as JSON-ready dicts, collecting the files they use."""
    items = []
    for child in stream:
        images, documents, plain = BLOCK_FIELDS.get(child.block_type, ((), (), ()))
        value = child.value
        item = {"type": child.block_type}
        for key in images:
            image = value.get(key)
            if image is not None:
                name, digest = collector.add(image.file, "image")
                item[key] = {"file": name, "sha256": digest, "title": image.title, "alt_text": image.alt_text}
        for key in documents:
            document = value.get(key)
            if document is not None:
                name, digest = collector.add(document.file, "document")
                item[key] = {"file": name, "sha256": digest, "title": document.title}
        for key in plain:
            field_value = value.get(key)
            item[key] = list(field_value) if key == "items" and field_value is not None else field_value
        items.append(item)
    return items


def write_bundle(text: str, files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(JSON_NAME, text.encode("utf-8"))
        for name, data in sorted(files.items()):
            archive.writestr(FILES_DIR + name, data)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------------- import


def is_zip(raw: bytes) -> bool:
    return raw[:4] == b"PK\x03\x04"


def read_bundle(raw: bytes) -> tuple[bytes, dict]:
    """(the JSON bytes, {file name: bytes}) of an exchange ZIP; BundleError naming what is wrong."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise BundleError([_("ZIP 文件已损坏，无法打开")]) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_BUNDLE_FILES or sum(info.file_size for info in infos) > MAX_BUNDLE_BYTES:
            raise BundleError([_("ZIP 文件过大（最多 %(count)s 个文件）") % {"count": MAX_BUNDLE_FILES}])
        names = {info.filename for info in infos}
        if JSON_NAME not in names:
            raise BundleError([_("ZIP 中缺少 %(name)s") % {"name": JSON_NAME}])
        files = {}
        try:
            text = archive.read(JSON_NAME)
            for info in infos:
                if info.is_dir() or not info.filename.startswith(FILES_DIR):
                    continue
                name = info.filename[len(FILES_DIR) :]
                if "/" in name or name != sanitize_filename(name):
                    raise BundleError([_("ZIP 中的文件名不合规：%(name)s") % {"name": info.filename}])
                files[name] = archive.read(info)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as exc:
            raise BundleError([_("ZIP 文件已损坏，无法读取：%(reason)s") % {"reason": exc}]) from exc
    return text, files


class MaterialsChecker:
    """Checks the `materials` lists of a file against the files that came with it (shared by every module)."""

    def __init__(self, checker, files):
        self.checker = checker
        self.files = files  # None: a bare JSON file, no files at all
        self.checked = {}  # file name -> "image"/"document" once validated

    def check(self, value, path) -> list | None:
        if not isinstance(value, list):
            self.checker.error(path, _("应为列表"))
            return None
        items = []
        ok = True
        for index, item in enumerate(value):
            where = f"{path}[{index}]"
            if not isinstance(item, dict) or item.get("type") not in BLOCK_FIELDS:
                self.checker.error(where, _("应为带 type 的对象（%(types)s）") % {"types": "、".join(BLOCK_FIELDS)})
                ok = False
                continue
            images, documents, plain = BLOCK_FIELDS[item["type"]]
            for key in item:
                if key != "type" and key not in (*images, *documents, *plain):
                    self.checker.error(where, _('未知字段 "%(key)s"') % {"key": key})
                    ok = False
            for key in images:
                ok = self.check_ref(item.get(key), f"{where}.{key}", "image") and ok
            for key in documents:
                if key in item or key != "captions":
                    ok = self.check_ref(item.get(key), f"{where}.{key}", "document") and ok
            items.append(item)
        return items if ok else None

    def check_ref(self, ref, path, kind) -> bool:
        if not isinstance(ref, dict) or not isinstance(ref.get("file"), str) or not isinstance(ref.get("sha256"), str):
            self.checker.error(path, _('应为文件引用 {"file": 文件名, "sha256": 校验和}'))
            return False
        unknown = set(ref) - REF_KEYS
        if unknown:
            self.checker.error(path, _('未知字段 "%(key)s"') % {"key": sorted(unknown)[0]})
            return False
        name = ref["file"]
        if self.files is None or name not in self.files:
            self.checker.error(f"{path}.file", _("导入包中缺少文件“%(name)s”") % {"name": name})
            return False
        data = self.files[name]
        if sha256_of(data) != ref["sha256"].lower():
            self.checker.error(f"{path}.file", _("文件“%(name)s”的校验和不符（文件已损坏或被替换）") % {"name": name})
            return False
        if self.checked.get(name) == kind:
            return True
        try:
            if kind == "image":
                validate_image_upload(io.BytesIO(data), name)
            else:
                validate_document_upload(io.BytesIO(data), name)
        except ValidationError as exc:
            self.checker.error(f"{path}.file", f"“{name}”：{' '.join(exc.messages)}")
            return False
        self.checked[name] = kind
        return True


class MaterialsBuilder:
    """Turns checked materials into StreamField data, reusing or creating the images and documents they name."""

    def __init__(self, files, user=None):
        self.files = files or {}
        self.user = user
        self.objects = {}

    def media(self, ref, kind):
        key = (kind, ref["file"])
        if key in self.objects:
            return self.objects[key]
        data = self.files[ref["file"]]
        model = get_image_model() if kind == "image" else get_document_model()
        existing = model.objects.filter(file_hash=hash_filelike(io.BytesIO(data))).order_by("pk").first()
        if existing is None:
            existing = model(title=ref.get("title") or ref["file"], file=ContentFile(data, name=ref["file"]))
            if kind == "image":
                existing.alt_text = ref.get("alt_text") or existing.title
                existing._set_image_file_metadata()
            else:
                existing._set_document_file_metadata()
            existing.uploaded_by_user = self.user
            existing.save()
        self.objects[key] = existing
        return existing

    def stream_data(self, items) -> list:
        data = []
        for item in items:
            images, documents, plain = BLOCK_FIELDS[item["type"]]
            value = {key: item.get(key) for key in plain}
            if item["type"] == "checklist":
                value["items"] = list(value.get("items") or [])
            for key in images:
                value[key] = self.media(item[key], "image")
            for key in documents:
                value[key] = self.media(item[key], "document") if item.get(key) else None
            data.append((item["type"], {k: v for k, v in value.items() if v is not None or k in images}))
        return data


def comparable(items) -> list:
    """Materials reduced to what an import would change: plain values, and files by checksum only."""
    result = []
    for item in items or []:
        images, documents, plain = BLOCK_FIELDS[item["type"]]
        entry = {"type": item["type"]}
        for key in plain:
            entry[key] = item.get(key) if key != "items" else list(item.get(key) or [])
        for key in (*images, *documents):
            ref = item.get(key)
            entry[key] = ref["sha256"].lower() if ref else None
        result.append(entry)
    return result
