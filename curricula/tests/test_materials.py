"""Teaching materials: blocks that check themselves, and the exchange ZIP that carries their files."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.tests.samples import image_bytes, mp4_bytes, pdf_bytes, vtt_bytes
from cms.uploads import validate_document_upload
from curricula.blocks import VideoFileBlock, VideoLinkBlock
from curricula.exporter import export_zip
from curricula.importer import ImportFailed, import_curricula, parse_upload
from curricula.models import CourseModule

from .factories import make_document, make_image


@pytest.fixture
def module_with_materials(small_tree):
    module = small_tree["feeding"]
    picture = make_image(image_bytes(), "协助进食.png")
    video = make_document(mp4_bytes(), "feeding.mp4", title="协助进食示范")
    captions = make_document(vtt_bytes(), "feeding.vtt", title="字幕")
    handout = make_document(pdf_bytes(), "handout.pdf", title="讲义")
    module.materials = [
        ("image", {"image": picture, "caption": "坐位进食", "source_name": "", "source_url": ""}),
        ("video_file", {"title": "协助进食示范", "video": video, "poster": picture, "captions": captions}),
        ("document", {"document": handout, "title": "讲义", "audience": "trainee", "description": ""}),
        ("checklist", {"title": "进食核对表", "items": ["洗手", "取坐位"]}),
    ]
    module.save_revision().publish()
    return module


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def bundle_entries(raw):
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_mp4_and_captions_are_recognised_by_their_bytes():
    assert validate_document_upload(io.BytesIO(mp4_bytes()), "a.mp4") == "mp4"
    assert validate_document_upload(io.BytesIO(vtt_bytes()), "a.vtt") == "vtt"
    with pytest.raises(ValidationError, match="不符"):
        validate_document_upload(io.BytesIO(vtt_bytes()), "a.mp4")
    with pytest.raises(ValidationError, match="无法识别"):
        validate_document_upload(io.BytesIO(b"<html>WEBVTT</html>"), "a.vtt")


def test_video_links_only_to_approved_hosts():
    block = VideoLinkBlock()
    good = block.to_python({"url": "https://v.qq.com/x/abc", "title": "示范"})
    assert block.clean(good)["url"] == "https://v.qq.com/x/abc"
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"url": "https://evil.example.com/v", "title": "示范"}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"url": "https://v.qq.com.evil.example/v", "title": "示范"}))


def test_uploaded_video_needs_mp4_and_vtt(db):
    picture = make_image(image_bytes())
    pdf = make_document(pdf_bytes(), "x.pdf")
    block = VideoFileBlock()
    value = block.to_python({"title": "示范", "video": pdf.pk, "poster": picture.pk, "captions": pdf.pk})
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    assert set(caught.value.block_errors) == {"video", "captions"}


def test_module_page_plays_the_video_without_scripts(client, module_with_materials):
    html = client.get(module_with_materials.url).content.decode()
    assert "<video controls" in html and 'type="video/mp4"' in html and 'kind="captions"' in html
    assert 'alt="护理员扶老人坐起"' in html
    assert "进食核对表" in html and "<li>洗手</li>" in html
    assert "<iframe" not in html


def test_materials_round_trip_through_the_zip_with_the_same_checksums(module_with_materials, tmp_path):
    raw = export_zip()
    entries = bundle_entries(raw)
    data = json.loads(entries["curricula.json"])
    exported = next(m for m in data["modules"] if m["code"] == "YL-5-01")["materials"]
    image_ref = exported[0]["image"]
    assert image_ref["sha256"] == sha256(image_bytes())
    assert exported[1]["video"]["sha256"] == sha256(mp4_bytes())
    assert exported[1]["captions"]["sha256"] == sha256(vtt_bytes())
    assert exported[2]["document"]["sha256"] == sha256(pdf_bytes())
    for ref in (image_ref, exported[1]["video"], exported[1]["captions"], exported[2]["document"]):
        assert sha256(entries["files/" + ref["file"]]) == ref["sha256"]
    assert len([name for name in entries if name.startswith("files/")]) == 4  # the poster is the same picture

    # Unchanged round trip: nothing new in the media library, every module unchanged.
    images, documents = get_image_model().objects.count(), get_document_model().objects.count()
    data, files = parse_upload(raw)
    report = import_curricula(data, files=files)
    assert not report.changed
    assert (get_image_model().objects.count(), get_document_model().objects.count()) == (images, documents)

    # Into an empty media library (another site): files are created and the checksums survive.
    module = CourseModule.objects.get(code="YL-5-01")
    module.materials = []
    module.save_revision().publish()
    get_image_model().objects.all().delete()
    get_document_model().objects.all().delete()
    path = tmp_path / "curricula.zip"
    path.write_bytes(raw)
    call_command("import_curricula", str(path), verbosity=0)
    module = CourseModule.objects.get(code="YL-5-01")
    types = [child.block_type for child in module.materials]
    assert types == ["image", "video_file", "document", "checklist"]
    video = module.materials[1].value
    with video["video"].file.open("rb") as handle:
        assert sha256(handle.read()) == sha256(mp4_bytes())
    with video["captions"].file.open("rb") as handle:
        assert sha256(handle.read()) == sha256(vtt_bytes())
    assert module.materials[0].value["image"].alt_text == "护理员扶老人坐起"
    checksums = {sha256(data) for name, data in entries.items() if name.startswith("files/")}
    again = bundle_entries(export_zip())
    assert {sha256(data) for name, data in again.items() if name.startswith("files/")} == checksums


@pytest.mark.parametrize("damage", ["missing", "checksum"])
def test_a_bad_zip_is_refused_whole_naming_the_file(module_with_materials, damage):
    entries = bundle_entries(export_zip())
    data = json.loads(entries["curricula.json"])
    handout = next(m for m in data["modules"] if m["code"] == "YL-5-01")["materials"][2]["document"]["file"]
    if damage == "missing":
        del entries["files/" + handout]
    else:
        entries["files/" + handout] = pdf_bytes() + b"% tampered\n"
    # Other changes in the same file must not be saved either.
    for module in data["modules"]:
        module["title"] += "（改）"
    entries["curricula.json"] = json.dumps(data, ensure_ascii=False).encode()
    data, files = parse_upload(rezip(entries))
    with pytest.raises(ImportFailed) as caught:
        import_curricula(data, files=files)
    messages = "\n".join(caught.value.errors)
    assert handout in messages
    assert ("缺少文件" if damage == "missing" else "校验和不符") in messages
    assert not CourseModule.objects.filter(title__endswith="（改）").exists()


def test_a_json_without_its_files_names_the_missing_file(module_with_materials):
    data = json.loads(bundle_entries(export_zip())["curricula.json"])
    with pytest.raises(ImportFailed) as caught:
        import_curricula(data)
    assert any("modules[" in error and "缺少文件" in error for error in caught.value.errors)


def test_a_file_of_the_wrong_type_inside_the_zip_is_refused(module_with_materials):
    entries = bundle_entries(export_zip())
    data = json.loads(entries["curricula.json"])
    video = next(m for m in data["modules"] if m["code"] == "YL-5-01")["materials"][1]["video"]
    fake = b"MZ\x90\x00" + b"\x00" * 60
    entries["files/" + video["file"]] = fake
    video["sha256"] = sha256(fake)
    entries["curricula.json"] = json.dumps(data, ensure_ascii=False).encode()
    data, files = parse_upload(rezip(entries))
    with pytest.raises(ImportFailed) as caught:
        import_curricula(data, files=files)
    assert any(video["file"] in error and "可执行" in error for error in caught.value.errors)
