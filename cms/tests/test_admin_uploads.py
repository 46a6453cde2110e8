"""The shared upload form of the import screens: size and file name checked, with the limit in the message."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.admin_uploads import UploadForm


class SheetForm(UploadForm):
    max_bytes = 1024 * 1024
    extensions = (".csv", ".xlsx", ".txt")
    file = forms.FileField()


def upload(name, size):
    return {"file": SimpleUploadedFile(name, b"x" * size)}


def test_a_file_within_the_limits_is_accepted():
    assert SheetForm(files=upload("成绩.CSV", 10)).is_valid()


def test_a_file_over_the_limit_is_refused_with_the_limit_in_the_message():
    form = SheetForm(files=upload("成绩.csv", 1024 * 1024 + 1))
    assert not form.is_valid()
    assert form.errors["file"] == ["文件过大（最大 1 MB）。"]


def test_a_file_of_another_type_is_refused_naming_the_accepted_types():
    form = SheetForm(files=upload("成绩.exe", 10))
    assert not form.is_valid()
    assert form.errors["file"] == ["只接受 .csv / .xlsx 文件。"]
