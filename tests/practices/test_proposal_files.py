"""Files sent with a proposal: the photo is unreachable (original and renditions) until an
editor publishes the practice; crafted files are refused by the participants' form."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from practices.models import PracticePage

from .test_proposal import form_data, url

pytestmark = [
    pytest.mark.django_db,
    # Wagtail leaves a temporary file of a new rendition to the garbage collector.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "blue").save(buffer, "PNG")
    return buffer.getvalue()


def status(client, path):
    response = client.get(path)
    if response.streaming:  # read to the end: the test client then closes the file
        b"".join(response.streaming_content)
    return response.status_code


@pytest.fixture
def proposer(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("u", "u@example.pl", "pw"))
    return client


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("r", "r@example.pl", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(user)
    return client


def test_photo_is_unreachable_until_the_practice_is_published(
    client, proposer, reviewer, catalogue_page, instruments
):
    photo = SimpleUploadedFile("zdjecie.png", png(), content_type="image/png")
    response = proposer.post(
        url(catalogue_page),
        {**form_data(instruments), "photo": photo, "photo_alt": "Zebranie sołeckie"},
    )
    assert response.status_code == 302
    image = get_image_model().objects.get()
    original = image.file.url
    # The editor's preview makes a rendition: it lies off the public path.
    rendition = image.get_rendition("max-800x600")
    assert status(client, original) == 404
    assert status(client, rendition.url) == 404
    assert status(client, "/media/images/" + rendition.file.name.rsplit("/", 1)[1]) == 404
    assert status(proposer, rendition.url) == 404  # not a reviewer
    assert status(reviewer, rendition.url) == 200

    page = PracticePage.objects.get()
    page.get_latest_revision().publish()
    page.refresh_from_db()
    html = client.get(page.url).content.decode()
    image.refresh_from_db()
    public = image.get_rendition("max-800x600")
    assert public.file.name.startswith("images/")
    [shown] = [r for r in image.renditions.all() if r.url in html]
    assert status(client, shown.url) == 200
    assert status(client, public.url) == 200
    assert status(client, original) == 404  # originals are never served


@pytest.mark.parametrize(
    ("field", "upload"),
    [
        ("photo", SimpleUploadedFile("rysunek.svg", SVG, content_type="image/svg+xml")),
        ("photo", SimpleUploadedFile("rysunek.png", SVG, content_type="image/png")),
        ("attachment_1", SimpleUploadedFile("uchwala.pdf", b"<html><script>x</script></html>")),
        ("attachment_1", SimpleUploadedFile("uchwala.pdf", SVG)),
        # Starts like a ZIP but is none: the participants' form uses the admin's content check.
        ("attachment_1", SimpleUploadedFile("wniosek.docx", b"PK\x03\x04<html>not a zip")),
    ],
    ids=["svg-photo", "svg-as-png", "html-as-pdf", "svg-as-pdf", "fake-docx"],
)
def test_crafted_files_are_refused(proposer, catalogue_page, instruments, field, upload):
    response = proposer.post(
        url(catalogue_page), {**form_data(instruments), field: upload, "photo_alt": "Opis"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not PracticePage.objects.exists()
    assert not get_image_model().objects.exists()


def test_proposal_files_stay_private_in_object_storage(
    s3_storage, moto_s3, client, proposer, reviewer, catalogue_page, instruments, settings
):
    """With S3 (cms/storage.py) the attachment and the photo land in the private bucket only;
    the attachment is handed out to a reviewer by a short-lived signed URL, to nobody else."""
    pdf = b"%PDF-1.4\n%uchwala o inicjatywie lokalnej\n"
    response = proposer.post(
        url(catalogue_page),
        {
            **form_data(instruments),
            "attachment_1": SimpleUploadedFile("uchwala.pdf", pdf),
            "photo": SimpleUploadedFile("zdjecie.png", png(), content_type="image/png"),
            "photo_alt": "Zebranie sołeckie",
        },
    )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    image = get_image_model().objects.get()
    keys = s3_storage.keys(s3_storage.media)
    assert f"media/{document.file.name}" in keys and f"media/{image.file.name}" in keys
    for someone in (client, proposer):  # anonymous, and the proposer (not a reviewer)
        refused = someone.get(document.url)
        assert refused.status_code == 302 and "login" in refused["Location"]
        assert moto_s3.endpoint not in refused["Location"]
    signed = reviewer.get(document.url)["Location"]
    assert (
        signed.startswith(f"{moto_s3.endpoint}/{s3_storage.media}/") and "X-Amz-Signature" in signed
    )
    assert status(client, image.file.url) == 404
    assert (
        status(reviewer, image.get_rendition("max-800x600").url) == 302
    )  # signed, after the check
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))
