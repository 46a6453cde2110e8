"""Upload safety: decompression bombs, renamed executables and mismatched types are refused with clear Chinese
messages, through the real admin upload views and through the model and form layer; names are sanitised."""

import json
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.forms import get_document_form
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from cms.models import CustomDocument, CustomImage
from cms.tests import samples
from cms.uploads import detect_document_kind, sanitize_filename, validate_document_upload, validate_image_upload


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


# --- the sample files are what they claim -----------------------------------------------------------------------


def test_the_bomb_is_small_but_declares_400_million_pixels():
    started = time.monotonic()
    data = samples.decompression_bomb_png()
    assert len(data) < 200_000
    assert data[16:24] == (20_000).to_bytes(4, "big") * 2
    assert time.monotonic() - started < 30


# --- validators -------------------------------------------------------------------------------------------------


def test_decompression_bomb_is_refused_before_decoding():
    started = time.monotonic()
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(upload("poster.png", samples.decompression_bomb_png()))
    assert caught.value.code == "decompression_bomb"
    assert "解压炸弹" in caught.value.messages[0]
    assert time.monotonic() - started < 2, "only the header may be read"


def test_image_over_the_site_pixel_limit_is_refused_with_its_dimensions(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(upload("wide.png", samples.png_of_size(2000, 1000)))
    assert caught.value.code == "decompression_bomb"
    assert "2000×1000" in caught.value.messages[0]
    assert "1,000,000" in caught.value.messages[0]


def test_valid_images_pass_and_report_their_header():
    assert validate_image_upload(upload("照片.png", samples.image_bytes("PNG"))) == ("PNG", 32, 24)
    assert validate_image_upload(upload("照片.JPG", samples.image_bytes("JPEG")))[0] == "JPEG"
    assert validate_image_upload(upload("动图.gif", samples.image_bytes("GIF")))[0] == "GIF"
    assert validate_image_upload(upload("x.webp", samples.image_bytes("WEBP")))[0] == "WEBP"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("photo.jpg", samples.image_bytes("PNG"), "extension_mismatch"),
        ("photo.png", samples.windows_executable_bytes(), "invalid_image"),
        ("photo.exe", samples.image_bytes("PNG"), "invalid_extension"),
        ("photo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "invalid_extension"),
        ("photo.png", b"", "empty"),
    ],
)
def test_bad_images_are_refused(name, data, code):
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(upload(name, data))
    assert caught.value.code == code


def test_image_over_the_size_limit_is_refused(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(upload("big.png", samples.image_bytes("PNG", size=(300, 300))))
    assert caught.value.code == "file_too_large"
    assert "文件太大" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("通知.pdf", samples.pdf_bytes(), "pdf"),
        ("教案.docx", samples.office_bytes("docx"), "docx"),
        ("名单.xlsx", samples.xlsx_bytes(), "xlsx"),
        ("课件.pptx", samples.office_bytes("pptx"), "pptx"),
        ("海报.png", samples.image_bytes("PNG"), "png"),
        ("海报.jpeg", samples.image_bytes("JPEG"), "jpeg"),
        ("海报.jpg", samples.image_bytes("JPEG"), "jpeg"),
        ("海报.gif", samples.image_bytes("GIF"), "gif"),
        ("海报.webp", samples.image_bytes("WEBP"), "webp"),
    ],
)
def test_allowed_documents_pass_by_content(name, data, kind):
    assert validate_document_upload(upload(name, data)) == kind


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("setup.pdf", samples.windows_executable_bytes(), "executable"),
        ("report.pdf", samples.linux_executable_bytes(), "executable"),
        ("run.pdf", b"#!/bin/sh\nrm -rf /\n", "executable"),
        ("notice.pdf", samples.office_bytes("docx"), "extension_mismatch"),
        ("table.docx", samples.xlsx_bytes(), "extension_mismatch"),
        ("poster.pdf", samples.image_bytes("PNG"), "extension_mismatch"),
        ("macro.docx", samples.office_bytes("docm"), "macro"),
        ("vba.docx", samples.office_bytes("docx", {"word/vbaProject.bin": b"\x00" * 10}), "macro"),
        ("archive.docx", samples.plain_zip_bytes(), "unknown_content"),
        ("truncated.docx", samples.office_bytes("docx")[:40], "unknown_content"),
        ("page.html", b"<html><script>alert(1)</script></html>", "invalid_extension"),
        ("setup.exe", samples.windows_executable_bytes(), "invalid_extension"),
        ("noextension", samples.pdf_bytes(), "invalid_extension"),
        ("empty.pdf", b"", "empty"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 40 else "bytes",
)
def test_bad_documents_are_refused(name, data, code):
    with pytest.raises(ValidationError) as caught:
        validate_document_upload(upload(name, data))
    assert caught.value.code == code
    assert caught.value.messages[0].strip()


def test_executable_message_names_the_file_in_chinese():
    with pytest.raises(ValidationError) as caught:
        validate_document_upload(upload("年度报告.pdf", samples.windows_executable_bytes()))
    assert caught.value.messages[0].startswith("“年度报告.pdf”的内容是可执行程序")


def test_office_package_with_a_dtd_is_not_parsed():
    evil = samples.office_bytes("docx")
    doctype = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>'
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(evil))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"?>", b"?>" + doctype, 1)
            archive.writestr(info, data)
    assert detect_document_kind(io.BytesIO(buffer.getvalue())) is None


# --- file names -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\张三\\年度计划.docx", "年度计划.docx"),
        ("报告.exe.pdf", "报告_exe.pdf"),
        ("invoice.pdf.exe", "invoice_pdf.exe"),
        ("养老护理员 培训 (2026).PDF", "养老护理员_培训_(2026).pdf"),
        ("a\x00b\x1fc\u202edocx.pdf", "abcdocx.pdf"),
        (".htaccess", "file.htaccess"),
        ("CON.pdf", "file_CON.pdf"),
        ("", "file"),
        ("<script>alert(1)</script>.png", "script.png"),
        ("<b>年度 总结</b>.pdf", "b.pdf"),
        ("年度<总结>|报告?.pdf", "年度_总结_报告.pdf"),
        ("课" * 200 + ".pdf", "课" * 60 + ".pdf"),
    ],
)
def test_sanitize_filename(raw, clean):
    assert sanitize_filename(raw) == clean
    assert sanitize_filename(clean) == clean


# --- model and form layer ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_image_model_refuses_a_bomb_in_full_clean():
    image = CustomImage(title="炸弹", alt_text="示例", file=upload("bomb.png", samples.decompression_bomb_png()))
    with pytest.raises(ValidationError) as caught:
        image.full_clean()
    assert "解压炸弹" in caught.value.message_dict["file"][0]
    assert not CustomImage.objects.exists()


@pytest.mark.django_db
def test_image_model_refuses_an_image_over_the_site_limit(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    image = CustomImage(title="宽图", alt_text="示例", file=upload("wide.png", samples.png_of_size(2000, 1000)))
    with pytest.raises(ValidationError) as caught:
        image.full_clean()
    assert "2000×1000" in caught.value.message_dict["file"][0]


@pytest.mark.django_db
def test_document_model_refuses_a_renamed_executable_in_full_clean():
    document = CustomDocument(title="年度报告", file=upload("年度报告.pdf", samples.windows_executable_bytes()))
    with pytest.raises(ValidationError) as caught:
        document.full_clean()
    assert "可执行程序" in caught.value.message_dict["file"][0]


@pytest.mark.django_db
def test_admin_image_form_refuses_a_bomb(admin_user):
    form_class = get_image_form(CustomImage)
    form = form_class(
        {"title": "炸弹", "alt_text": "示例", "collection": Collection.get_first_root_node().pk},
        {"file": upload("bomb.png", samples.decompression_bomb_png(), "image/png")},
        user=admin_user,
    )
    assert not form.is_valid()
    assert "解压炸弹" in form.errors["file"][0]


@pytest.mark.django_db
def test_admin_document_form_refuses_a_renamed_executable(admin_user):
    form_class = get_document_form(CustomDocument)
    form = form_class(
        {"title": "安装程序", "collection": Collection.get_first_root_node().pk},
        {"file": upload("setup.pdf", samples.windows_executable_bytes(), "application/pdf")},
        user=admin_user,
    )
    assert not form.is_valid()
    assert "可执行程序" in form.errors["file"][0]


@pytest.mark.django_db
def test_saved_document_keeps_a_sanitised_chinese_name(admin_user):
    form_class = get_document_form(CustomDocument)
    form = form_class(
        {"title": "培训通知", "collection": Collection.get_first_root_node().pk},
        {"file": upload("../培训 通知.final.pdf", samples.pdf_bytes(), "application/pdf")},
        user=admin_user,
    )
    assert form.is_valid(), form.errors
    document = form.save()
    assert document.file.name == "documents/培训_通知_final.pdf"


@pytest.mark.django_db
def test_saved_image_keeps_a_sanitised_chinese_name(admin_user):
    image = CustomImage(title="海报", alt_text="海报", file=upload("宣传 海报.v2.png", samples.image_bytes("PNG")))
    image.full_clean()
    image.save()
    assert image.file.name == "original_images/宣传_海报_v2.png"
    assert (image.width, image.height) == (32, 24)


# --- the real admin upload endpoints ----------------------------------------------------------------------------


def multiple_upload(client, kind, name, data, content_type):
    url = reverse(f"wagtail{kind}:add_multiple")
    response = client.post(url, {"files[]": upload(name, data, content_type)})
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.django_db
def test_multiple_image_upload_refuses_a_decompression_bomb(admin_client):
    answer = multiple_upload(admin_client, "images", "bomb.png", samples.decompression_bomb_png(), "image/png")
    assert answer["success"] is False
    assert "解压炸弹" in answer["error_message"]
    assert not CustomImage.objects.exists()


@pytest.mark.django_db
def test_multiple_image_upload_accepts_a_real_photo(admin_client):
    answer = multiple_upload(admin_client, "images", "照片.png", samples.image_bytes("PNG"), "image/png")
    assert answer["success"] is True, answer


@pytest.mark.django_db
def test_single_image_upload_view_refuses_a_bomb(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "炸弹",
            "alt_text": "示例",
            "collection": Collection.get_first_root_node().pk,
            "file": upload("bomb.png", samples.decompression_bomb_png(), "image/png"),
        },
    )
    assert response.status_code == 200
    assert "解压炸弹" in response.content.decode()
    assert not CustomImage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload", [samples.windows_executable_bytes(), samples.linux_executable_bytes()], ids=["MZ", "ELF"]
)
def test_multiple_document_upload_refuses_a_renamed_executable(admin_client, payload):
    answer = multiple_upload(admin_client, "docs", "年度报告.pdf", payload, "application/pdf")
    assert answer["success"] is False
    assert "可执行程序" in answer["error_message"]
    assert not CustomDocument.objects.exists()


@pytest.mark.django_db
def test_multiple_document_upload_accepts_a_real_pdf_under_a_clean_name(admin_client):
    answer = multiple_upload(admin_client, "docs", "../../康养 政策.pdf", samples.pdf_bytes(), "application/pdf")
    assert answer["success"] is True, answer
    document = CustomDocument.objects.get()
    assert document.file.name == "documents/康养_政策.pdf"


@pytest.mark.django_db
def test_a_refused_document_upload_shows_one_message_only(admin_client):
    """Issue 15 (info): a second, misleading line about the extension “” followed the real reason."""
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "安装程序",
            "collection": Collection.get_first_root_node().pk,
            "file": upload("setup.pdf", samples.windows_executable_bytes(), "application/pdf"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "可执行程序" in html
    assert "文件扩展“”" not in html and not CustomDocument.objects.exists()
