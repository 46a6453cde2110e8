"""Hostile and random input (hypothesis): every entry point answers with a clear error or a success, never a 500
and never an exception escaping.

Covered now: the language switch, /healthz, the search page's query string, the upload validators (random bytes,
random image headers, random zip packages), the admin upload endpoint and the filename sanitiser. The importers
(curricula JSON, results CSV/XLSX, policy text) and the search API get their strategies here when they land.

Profiles: "ci" (default; random with the session seed the header prints, modest example counts, no deadline)
and "dev" (more examples, random). Choose with HYPOTHESIS_PROFILE=dev.
"""

import io
import os
import struct
import zipfile
import zlib
from urllib.parse import quote, urlencode

import pytest
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.tests import samples
from cms.uploads import (
    MAX_EXTENSION_LENGTH,
    MAX_STEM_LENGTH,
    sanitize_filename,
    validate_document_upload,
    validate_image_upload,
)

settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=False,  # random, seeded once per session by the root conftest.py (the seed is in the header)
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Text that hurts: control characters, NUL, surrogate-free unicode, RTL marks, CJK, path and URL syntax.
HOSTILE_CHARS = st.sampled_from(
    ["\x00", "\n", "\r", "\t", "\u202e", "\ufeff", "/", "\\", "..", "%", "%00", "'", '"', "<", ">", "&", "#", "?"]
)
hostile_text = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(HOSTILE_CHARS, st.text(alphabet="康养护理员职业技能培训课程模块", max_size=4)), max_size=12).map(
        "".join
    ),
)


def assert_answered(response, allowed):
    assert response.status_code in allowed, (response.status_code, response.content[:300])


# --- views ------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@given(code=hostile_text, next_url=hostile_text)
def test_language_switch_never_fails(site_tree, code, next_url):
    response = Client().get(f"/lang/{quote(code, safe='')}/?{urlencode({'next': next_url})}")
    assert_answered(response, {302, 400, 404})
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith("/") and not location.startswith("//"), location


@pytest.mark.django_db
@given(query=st.dictionaries(hostile_text, hostile_text, max_size=4))
def test_healthz_ignores_any_query_string(query):
    response = Client().get("/healthz", query)
    assert_answered(response, {200, 400})
    if response.status_code == 200:
        assert response.json() == {"status": "ok", "database": "ok"}
    else:
        assert any("\x00" in text for pair in query.items() for text in pair)


@pytest.mark.elasticsearch
@pytest.mark.django_db
@given(q=hostile_text.filter(lambda text: '"' not in text), page=st.one_of(hostile_text, st.integers().map(str)))
def test_search_page_answers_any_query(site_tree, q, page):
    response = Client().get("/search/", {"q": q, "page": page})
    assert_answered(response, {200, 400})


@pytest.mark.elasticsearch
@pytest.mark.django_db
@settings(max_examples=5)
@given(q=hostile_text.map(lambda text: f'{text}"'))
def test_search_page_answers_queries_with_double_quotes(site_tree, q):
    response = Client().get("/search/", {"q": q})
    assert_answered(response, {200, 400})


# --- upload validators ------------------------------------------------------------------------------------------

names = st.one_of(
    hostile_text,
    st.tuples(hostile_text, st.sampled_from(["pdf", "docx", "xlsx", "pptx", "png", "jpg", "gif", "webp", "exe"])).map(
        ".".join
    ),
)


def uploaded(name, data):
    """The file as Django's upload handling passes it on: a name it cannot take a base name from (".", "..")
    never reaches a validator, so it stands as "x" here."""
    try:
        return SimpleUploadedFile(name or "x", data)
    except SuspiciousFileOperation:
        return SimpleUploadedFile("x", data)


def check_document(name, data):
    try:
        kind = validate_document_upload(uploaded(name, data))
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
        return None
    assert kind in {"pdf", "docx", "xlsx", "pptx", "png", "jpeg", "gif", "webp"}
    return kind


def check_image(name, data):
    try:
        image_format, width, height = validate_image_upload(uploaded(name, data))
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
        return None
    from django.conf import settings as django_settings

    assert 0 < width * height <= django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    return image_format


@given(name=names, data=st.binary(max_size=2048))
def test_document_validator_on_random_bytes(name, data):
    assert check_document(name, data) in {None, "pdf", "png", "jpeg", "gif", "webp"}


MAGIC = [b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBP", b"PK\x03\x04", b"MZ"]


@given(name=names, magic=st.sampled_from(MAGIC), tail=st.binary(max_size=512))
def test_document_validator_on_random_bytes_behind_real_signatures(name, magic, tail):
    check_document(name, magic + tail)


@st.composite
def zip_packages(draw):
    buffer = io.BytesIO()
    members = draw(
        st.dictionaries(
            st.one_of(
                st.sampled_from(
                    ["[Content_Types].xml", "word/document.xml", "xl/workbook.xml", "word/vbaProject.bin", "../x"]
                ),
                # Lone surrogates cannot be written to a zip (zipfile encodes names as UTF-8): not an input.
                st.text(
                    alphabet=st.characters(blacklist_characters="\x00/", blacklist_categories=("Cs",)),
                    min_size=1,
                    max_size=20,
                ),
            ),
            st.one_of(
                st.binary(max_size=200),
                st.sampled_from(
                    [
                        b'<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                        b'officedocument.wordprocessingml.document.main+xml"/></Types>',
                        b"<!DOCTYPE x [<!ENTITY a 'b'>]><Types/>",
                        b"<Types><Override/></Types>",
                    ]
                ),
            ),
            max_size=5,
        )
    )
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    data = buffer.getvalue()
    if draw(st.booleans()):  # truncate or corrupt the archive
        cut = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:cut] + draw(st.binary(max_size=20))
    return data


@given(name=names, data=zip_packages())
def test_document_validator_on_random_zip_packages(name, data):
    check_document(name, data)


def png_header(width, height, bit_depth, color_type, tail):
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    chunk = struct.pack(">I", len(header)) + b"IHDR" + header + struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return b"\x89PNG\r\n\x1a\n" + chunk + tail


dimension = st.one_of(st.integers(0, 64), st.integers(0, 2**31 - 1), st.sampled_from([0, 1, 65535, 2**31 - 1]))


@given(
    width=dimension,
    height=dimension,
    bit_depth=st.sampled_from([1, 2, 4, 8, 16, 3, 0, 255]),
    color_type=st.sampled_from([0, 2, 3, 4, 6, 1, 7]),
    tail=st.binary(max_size=64),
    name=st.sampled_from(["a.png", "a.jpg", "图片.PNG", "a.gif", "a"]),
)
def test_image_validator_on_random_png_headers(width, height, bit_depth, color_type, tail, name):
    check_image(name, png_header(width, height, bit_depth, color_type, tail))


@given(
    width=st.integers(0, 65535),
    height=st.integers(0, 65535),
    tail=st.binary(max_size=64),
    kind=st.sampled_from(["gif", "jpeg", "webp"]),
)
def test_image_validator_on_random_gif_jpeg_webp_headers(width, height, tail, kind):
    if kind == "gif":
        data = b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00" + tail
    elif kind == "jpeg":
        sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
        data = b"\xff\xd8" + sof + tail
    else:
        vp8x = b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00" + (width - 1 & 0xFFFFFF).to_bytes(3, "little")
        vp8x += (height - 1 & 0xFFFFFF).to_bytes(3, "little")
        data = b"RIFF" + struct.pack("<I", len(vp8x) + 4 + len(tail)) + b"WEBP" + vp8x + tail
    check_image(f"x.{kind}", data)


@given(name=names, data=st.binary(max_size=1024))
def test_image_validator_on_random_bytes(name, data):
    check_image(name, data)


# --- the admin upload endpoint ----------------------------------------------------------------------------------


@pytest.mark.django_db
@settings(max_examples=8)
@given(
    name=names,
    data=st.one_of(
        st.binary(min_size=1, max_size=512),
        st.sampled_from([samples.windows_executable_bytes(), samples.office_bytes("docm"), samples.pdf_bytes()]),
    ),
)
def test_admin_document_upload_answers_json_for_anything(admin_client, tmp_path_factory, name, data):
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        response = admin_client.post("/admin/documents/multiple/add/", {"files[]": uploaded(name, data)})
    assert_answered(response, {200, 400})
    if response.status_code == 200:
        answer = response.json()
        assert answer["success"] in (True, False)
        if not answer["success"]:
            assert answer["error_message"].strip()


# --- file names -------------------------------------------------------------------------------------------------


@given(raw=st.one_of(st.text(), hostile_text, st.binary(max_size=100).map(lambda b: b.decode("latin-1"))))
def test_sanitize_filename_properties(raw):
    clean = sanitize_filename(raw)
    assert clean
    assert "/" not in clean and "\\" not in clean
    assert clean.count(".") <= 1
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in clean)
    assert len(clean) <= MAX_STEM_LENGTH + 1 + MAX_EXTENSION_LENGTH + len("file_")
    assert not clean.startswith((".", "-", "_"))
    assert sanitize_filename(clean) == clean, "idempotent"


@given(stem=st.text(alphabet="康养护理员职业技能培训课程模块政策解读", min_size=1, max_size=30))
def test_sanitize_filename_keeps_chinese(stem):
    assert sanitize_filename(f"../{stem}.pdf") == f"{stem}.pdf"
