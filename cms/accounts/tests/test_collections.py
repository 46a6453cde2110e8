"""Each section's media collection: its roles upload into it; other roles cannot upload into it, through the real
admin upload views (single, multiple, and the second step of a multiple upload)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, UploadedFile

from cms.accounts import roles
from cms.models import CustomDocument, CustomImage
from cms.tests import samples

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def collection(name):
    return Collection.objects.get(name=name)


def png(name="海报.png"):
    return SimpleUploadedFile(name, samples.image_bytes("PNG"), content_type="image/png")


def pdf(name="通知.pdf"):
    return SimpleUploadedFile(name, samples.pdf_bytes(), content_type="application/pdf")


def test_setup_roles_creates_one_collection_per_section(roles_ready):
    root = Collection.get_first_root_node()
    names = set(root.get_children().values_list("name", flat=True))
    assert {roles.COURSE_MATERIALS, roles.PUBLICITY_MATERIALS, roles.COMPETITION_MATERIALS} <= names


def test_publicity_uploads_into_its_own_collection(client_for):
    publicity = client_for(roles.PUBLICITY)
    own = collection(roles.PUBLICITY_MATERIALS)
    response = publicity.post(reverse("wagtaildocs:add_multiple"), {"files[]": pdf(), "collection": own.pk})
    assert json.loads(response.content)["success"] is True
    assert CustomDocument.objects.filter(collection=own).count() == 1


def assert_only_in_own_collection(model, forbidden):
    """Wagtail never stores the upload in a collection the user may not add to: with one permitted collection
    the choice is dropped and the file lands in the user's own collection, otherwise the form is refused."""
    assert not model.objects.filter(collection=forbidden).exists()
    own = collection(roles.PUBLICITY_MATERIALS)
    assert set(model.objects.values_list("collection_id", flat=True)) <= {own.pk}


def test_publicity_cannot_upload_images_into_the_course_collection(client_for, role_users):
    publicity = client_for(roles.PUBLICITY)
    course = collection(roles.COURSE_MATERIALS)

    publicity.post(
        reverse("wagtailimages:add"),
        {"title": "越权上传", "alt_text": "示例", "collection": course.pk, "file": png()},
    )
    assert_only_in_own_collection(CustomImage, course)

    # Multiple upload, then its second step (the image needs alt text) naming the forbidden collection again.
    publicity.post(reverse("wagtailimages:add_multiple"), {"files[]": png(), "collection": course.pk})
    assert_only_in_own_collection(CustomImage, course)
    for upload in UploadedFile.objects.filter(uploaded_by_user=role_users[roles.PUBLICITY]):
        prefix = f"uploaded-image-{upload.pk}"
        publicity.post(
            reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
            {f"{prefix}-title": "越权上传", f"{prefix}-alt_text": "示例", f"{prefix}-collection": course.pk},
        )
    assert_only_in_own_collection(CustomImage, course)


def test_publicity_cannot_upload_documents_into_the_competition_collection(client_for):
    publicity = client_for(roles.PUBLICITY)
    competitions = collection(roles.COMPETITION_MATERIALS)
    publicity.post(reverse("wagtaildocs:add_multiple"), {"files[]": pdf(), "collection": competitions.pk})
    assert_only_in_own_collection(CustomDocument, competitions)
    publicity.post(reverse("wagtaildocs:add"), {"title": "越权", "collection": competitions.pk, "file": pdf()})
    assert_only_in_own_collection(CustomDocument, competitions)


def test_a_role_with_two_collections_gets_a_refusal_for_a_third(make_user, roles_ready):
    user = make_user("both", roles.PUBLICITY, roles.ORGANISER)
    client = Client()
    client.force_login(user)
    course = collection(roles.COURSE_MATERIALS)
    response = client.post(reverse("wagtaildocs:add"), {"title": "越权", "collection": course.pk, "file": pdf()})
    assert response.status_code == 200
    assert "collection" in response.context["form"].errors
    assert not CustomDocument.objects.exists()


def test_designer_cannot_edit_an_image_of_the_publicity_collection(client_for, role_users):
    publicity_collection = collection(roles.PUBLICITY_MATERIALS)
    image = CustomImage(title="宣传海报", alt_text="宣传海报", collection=publicity_collection, file=png())
    image.save()
    designer = client_for(roles.DESIGNER)
    edit = reverse("wagtailimages:edit", args=[image.pk])
    response = designer.post(edit, {"title": "被改掉", "alt_text": "x", "collection": image.collection_id})
    assert response.status_code in (302, 403)
    image.refresh_from_db()
    assert image.title == "宣传海报"
    response = designer.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert CustomImage.objects.filter(pk=image.pk).exists()
