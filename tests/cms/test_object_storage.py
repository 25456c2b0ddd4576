"""Uploaded and generated files in S3-compatible object storage (cms/storage.py), against moto's
S3 server on the real protocol (tests/s3.py): images, documents, H5P packages and certificates
go to private buckets, come back only through the application after its check (a presigned
URL that expires, or streamed), and nothing lands on local disk."""

import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from certificates import personal_data, services
from h5p import player_urls
from h5p.models import H5PPackage
from tests.cms.test_uploaded_files import body_of, png_bytes, private_collection
from tests.h5p.conftest import H5P_HOST, tiny_zip

pytestmark = [
    pytest.mark.django_db,
    # Wagtail leaves a temporary file of a new rendition to the garbage collector.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


def fetch(url):
    """GET a URL outside Django (as a browser follows a redirect): (status, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def assert_presigned(response, moto_s3, bucket):
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{moto_s3.endpoint}/{bucket}/")
    assert "X-Amz-Signature=" in location and "X-Amz-Expires=300" in location
    # (moto does not check signatures or expiry; the URL's parameters are what can be checked)
    return location


def assert_private_object(buckets, bucket, key):
    """No public grant on the object, and its plain URL (no signature) is refused."""
    grants = buckets.client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    assert all("URI" not in grant["Grantee"] for grant in grants), grants
    status, _body = fetch(f"{buckets.client.meta.endpoint_url}/{bucket}/{key}")
    assert status == 403


def assert_nothing_on_local_disk(settings):
    for root in (settings.MEDIA_ROOT, settings.H5P_FILES_ROOT):
        path = Path(root)
        assert not path.exists() or not any(p.is_file() for p in path.rglob("*")), root


@pytest.fixture
def admin_client_pl(django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.pl", "pw")
    client = Client(headers={"accept-language": "pl"})
    client.force_login(admin)
    return client


@pytest.fixture
def editor_client(django_user_model):
    editor = django_user_model.objects.create_user("redaktor", "redaktor@example.pl", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    return client


def test_image_uploaded_in_the_admin_lands_in_the_bucket_and_renditions_are_served(
    s3_storage, admin_client_pl, client, home_page, settings
):
    upload = SimpleUploadedFile("zdjecie.png", png_bytes(), content_type="image/png")
    response = admin_client_pl.post(
        reverse("wagtailimages:add"), {"title": "Zdjęcie", "file": upload}
    )
    assert response.status_code == 302
    image = get_image_model().objects.get()
    original_key = f"media/{image.file.name}"
    assert original_key in s3_storage.keys(s3_storage.media)
    assert_private_object(s3_storage, s3_storage.media, original_key)

    rendition = image.get_rendition("max-20x20")
    # The page shows the application's stable address, never a URL that expires.
    assert rendition.url == f"/media/{rendition.file.name}"
    assert f"media/{rendition.file.name}" in s3_storage.keys(s3_storage.media)
    response = client.get(rendition.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    assert body_of(response).startswith(b"\x89PNG")
    # The original: the same address as on disk, and a 404 there (never served).
    assert image.file.url == f"/media/{image.file.name}"
    assert client.get(image.file.url).status_code == 404
    assert_nothing_on_local_disk(settings)


def test_private_image_rendition_by_signed_url_after_the_check(
    s3_storage, client, editor_client, home_page, moto_s3, settings
):
    image = get_image_model()(title="Zdjęcie", collection=private_collection())
    image.file.save("zdjecie.png", SimpleUploadedFile("zdjecie.png", png_bytes()))
    rendition = image.get_rendition("max-20x20")
    assert rendition.url.startswith("/media/private_images/")
    assert client.get(rendition.url).status_code == 404
    response = editor_client.get(rendition.url)
    location = assert_presigned(response, moto_s3, s3_storage.media)
    assert "no-store" in response["Cache-Control"]
    status, body = fetch(location)
    assert status == 200 and body.startswith(b"\x89PNG")
    assert_nothing_on_local_disk(settings)


def test_document_uploaded_in_the_admin_is_served_by_a_signed_url(
    s3_storage, admin_client_pl, client, home_page, moto_s3, settings
):
    content = b"%PDF-1.4\n%uchwala rady gminy\n"
    response = admin_client_pl.post(
        reverse("wagtaildocs:add"),
        {"title": "Uchwała", "file": SimpleUploadedFile("uchwala.pdf", content)},
    )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    key = f"media/{document.file.name}"
    assert key in s3_storage.keys(s3_storage.media)
    assert_private_object(s3_storage, s3_storage.media, key)

    response = client.get(document.url)
    location = assert_presigned(response, moto_s3, s3_storage.media)
    assert location.startswith(f"{moto_s3.endpoint}/{s3_storage.media}/{key}?")
    assert fetch(location) == (200, content)
    assert_nothing_on_local_disk(settings)


def test_private_document_is_refused_then_handed_out_after_the_check(
    s3_storage, client, editor_client, home_page, moto_s3, settings
):
    document = get_document_model()(title="Wniosek", collection=private_collection())
    document.file.save("wniosek.pdf", SimpleUploadedFile("wniosek.pdf", b"%PDF-1.4 tajne"))
    key = f"media/{document.file.name}"
    assert_private_object(s3_storage, s3_storage.media, key)

    refused = client.get(document.url)
    assert refused.status_code == 302 and "login" in refused["Location"]
    assert moto_s3.endpoint not in refused["Location"]

    response = editor_client.get(document.url)
    assert_presigned(response, moto_s3, s3_storage.media)
    assert fetch(response["Location"]) == (200, b"%PDF-1.4 tajne")
    assert_nothing_on_local_disk(settings)


def test_h5p_upload_and_play_through_the_signed_player_url(
    s3_storage, admin_client_pl, client, settings
):
    settings.H5P_ORIGIN = f"http://{H5P_HOST}"
    upload = SimpleUploadedFile("quiz.h5p", tiny_zip(), content_type="application/zip")
    response = admin_client_pl.post(
        reverse("wagtailsnippets_h5p_h5ppackage:add"), {"title": "", "package_file": upload}
    )
    assert response.status_code == 302
    package = H5PPackage.objects.get()
    keys = s3_storage.keys(s3_storage.h5p)
    assert any(key.endswith("/h5p.json") for key in keys)
    assert any(key.endswith("/tiny-quiz.js") for key in keys)
    assert not s3_storage.keys(s3_storage.media)  # the H5P bucket only
    script_key = next(key for key in keys if key.endswith("/tiny-quiz.js"))
    assert_private_object(s3_storage, s3_storage.h5p, script_key)

    token = player_urls.make_token(package.pk, 1)
    response = client.get(
        f"/h5p-files/{token}/MWF.TinyQuiz-1.0/tiny-quiz.js", headers={"host": H5P_HOST}
    )
    assert response.status_code == 200
    # Streamed by the H5P origin with its own headers, not a bucket's.
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"MWF.TinyQuiz" in body_of(response)
    content = client.get(f"/h5p-files/{token}/content/content.json", headers={"host": H5P_HOST})
    assert content.status_code == 200 and body_of(content).startswith(b"{")
    forged = client.get(
        f"/h5p-files/{token[:-2]}xx/MWF.TinyQuiz-1.0/tiny-quiz.js", headers={"host": H5P_HOST}
    )
    assert forged.status_code == 404
    missing = client.get(f"/h5p-files/{token}/content/nie-ma.json", headers={"host": H5P_HOST})
    assert missing.status_code == 404
    assert_nothing_on_local_disk(settings)


def test_certificate_pdf_generated_into_the_bucket_and_downloaded(
    s3_storage, client, home_page, django_user_model, moto_s3, settings
):
    holder = django_user_model.objects.create_user("anna", "anna@example.pl", "x")
    certificate = services.issue_certificate(
        kind="event",
        email="anna@example.pl",
        full_name="Anna Nowak",
        title="Regranting w praktyce",
        hours=Decimal("8"),
        outcomes=["Zna zasady regrantingu"],
        organiser="MSAP UEK",
        dates_text="12.03.2026",
        place="Kraków",
        source_key="event:1:registration:1",
        user=holder,
    )
    url = f"/certyfikat/{certificate.code}/pdf/"
    client.force_login(django_user_model.objects.create_user("obcy", "obcy@example.pl", "x"))
    assert client.get(url).status_code == 403
    assert not s3_storage.keys(s3_storage.media)

    client.force_login(holder)
    response = client.get(url)
    location = assert_presigned(response, moto_s3, s3_storage.media)
    assert "no-store" in response["Cache-Control"]  # the redirect carries a credential
    assert "attachment" in location.replace("%3B", ";")
    status, pdf = fetch(location)
    assert status == 200 and pdf.startswith(b"%PDF")
    [key] = s3_storage.keys(s3_storage.media)
    assert key.startswith(f"media/certificates/{certificate.code}/")
    assert_private_object(s3_storage, s3_storage.media, key)
    # Rendered once: the second download hands out the same object.
    assert_presigned(client.get(url), moto_s3, s3_storage.media)
    assert s3_storage.keys(s3_storage.media) == [key]

    personal_data.erase_for(holder)
    assert not s3_storage.keys(s3_storage.media)  # the stored copy with the name is gone
    assert_nothing_on_local_disk(settings)


def test_readyz_reaches_the_buckets_and_names_a_missing_one(s3_storage, client, settings):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    settings.STORAGES = {
        **settings.STORAGES,
        "h5p": {
            **settings.STORAGES["h5p"],
            "OPTIONS": {**settings.STORAGES["h5p"]["OPTIONS"], "bucket_name": "mwf-nie-ma"},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["storage"]
