"""Uploaded files and the site origin: only image renditions have a route (public ones as plain
files, private ones for the people their collection admits); originals, documents under
/media/ and H5P packages never; documents go through Wagtail's serve view, which enforces the
collection's privacy. Uploads are judged by content (admin image and document forms)."""

import importlib
import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import clear_url_caches, reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = [
    pytest.mark.django_db,
    # Wagtail leaves a temporary file of a new rendition to the garbage collector.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def png_bytes(colour="red"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


def body_of(response):
    """The body. Reading a streamed body to its end lets the test client close the response with
    the database's request_finished handler held back; calling close() here would fire it inside
    the test's transaction, which drops a PostgreSQL connection (autocommit is off there)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def private_collection(groups=("Editors",)):
    collection = Collection.get_first_root_node().add_child(name="Poufne")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(*Group.objects.filter(name__in=groups))
    return collection


def make_image(collection=None, name="zdjecie.png"):
    image = get_image_model()(
        title="Zdjęcie",
        file=ContentFile(png_bytes(), name=name),
        collection=collection or Collection.get_first_root_node(),
    )
    image.save()
    return image


@pytest.fixture
def editor_client(django_user_model):
    editor = django_user_model.objects.create_user("redaktor", "redaktor@example.pl", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def admin_client_pl(django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.pl", "pw")
    client = Client(headers={"accept-language": "pl"})
    client.force_login(admin)
    return client


@pytest.fixture(params=["test", "dev"])
def site_urls(request, settings):
    """The URL conf as the test settings build it, and as `make run` (DEBUG) builds it."""
    import config.urls

    settings.DEBUG = request.param == "dev"
    importlib.reload(config.urls)
    clear_url_caches()
    yield request.param
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


# --- what the site serves -----------------------------------------------------------------------


def test_documents_are_not_files_under_media(client, site_urls, home_page):
    document = get_document_model()(title="Uchwała")
    document.file.save("uchwala.pdf", ContentFile(b"%PDF-1.4 tresc-1234"))
    assert document.file.name.startswith("documents/")
    response = client.get(f"/media/{document.file.name}")
    assert response.status_code == 404
    assert b"tresc-1234" not in body_of(response)
    # Through Wagtail's view it is there (a public collection).
    assert body_of(client.get(document.url)) == b"%PDF-1.4 tresc-1234"


def test_original_images_and_other_media_are_not_served(client, site_urls, home_page, settings):
    image = make_image()
    assert image.file.name.startswith("original_images/")
    assert client.get(f"/media/{image.file.name}").status_code == 404
    media = Path(settings.MEDIA_ROOT)
    media.joinpath("h5p").mkdir(parents=True, exist_ok=True)
    media.joinpath("h5p", "evil.svg").write_bytes(SVG)
    media.joinpath("notes.txt").write_bytes(b"secret")
    for path in ("/media/h5p/evil.svg", "/media/notes.txt", "/media/images/../notes.txt"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"secret" not in body_of(response) and b"<svg" not in body_of(response)


def test_public_renditions_are_plain_image_files(client, site_urls, home_page):
    rendition = make_image().get_rendition("max-20x20")
    assert rendition.file.name.startswith("images/")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body_of(response).startswith(b"\x89PNG")


def test_private_image_renditions_are_for_the_collection_only(client, editor_client, home_page):
    collection = private_collection()
    image = make_image(collection)
    rendition = image.get_rendition("max-20x20")
    assert rendition.file.name.startswith("private_images/")
    assert rendition.url.startswith("/media/private_images/")
    assert client.get(rendition.url).status_code == 404
    assert client.get("/media/images/" + rendition.file.name.split("/", 1)[1]).status_code == 404
    assert client.get(image.file.url).status_code == 404  # the original
    response = editor_client.get(rendition.url)
    assert response.status_code == 200 and body_of(response).startswith(b"\x89PNG")
    assert "no-store" in response["Cache-Control"]

    # Moved to a public collection (the admin's edit form saves the image): the renditions
    # move to the public folder.
    image.collection = Collection.get_first_root_node()
    image.save()
    assert not image.renditions.exists()
    public = image.get_rendition("max-20x20")
    assert public.file.name.startswith("images/")
    assert client.get(public.url).status_code == 200


def test_private_collection_document_is_refused_to_anonymous_visitors(
    client, editor_client, home_page
):
    document = get_document_model()(title="Wniosek", collection=private_collection())
    document.file.save("wniosek.pdf", ContentFile(b"%PDF-1.4 tajne"))
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert b"tajne" not in body_of(response)
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert body_of(editor_client.get(document.url)) == b"%PDF-1.4 tajne"


# --- uploads in the admin are checked by content ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("rysunek.svg", SVG), ("rysunek.png", SVG), ("strona.png", HTML), ("strona.jpg", HTML)],
)
def test_admin_refuses_svg_and_disguised_images(admin_client_pl, home_page, name, content):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = admin_client_pl.post(
        reverse("wagtailimages:add"), {"title": "Obrazek", "file": upload}
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    response = admin_client_pl.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content, content_type="image/png")},
    )
    assert response.json()["success"] is False
    assert not get_image_model().objects.exists()


def test_admin_accepts_a_real_image(admin_client_pl, home_page):
    upload = SimpleUploadedFile("zdjecie.png", png_bytes(), content_type="image/png")
    response = admin_client_pl.post(
        reverse("wagtailimages:add"), {"title": "Zdjęcie", "file": upload}
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().title == "Zdjęcie"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("uchwala.pdf", HTML),
        ("uchwala.pdf", SVG),
        ("tabela.xlsx", HTML),
        ("tabela.docx", b"PK\x03\x04 not really a zip"),
        ("notatka.txt", HTML),
        ("dane.csv", SVG),
    ],
)
def test_admin_refuses_documents_whose_content_is_not_their_type(
    admin_client_pl, home_page, name, content
):
    response = admin_client_pl.post(
        reverse("wagtaildocs:add"),
        {"title": "Dokument", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    # One clear message, in Polish, naming the file and the type it claims to be.
    [message] = response.context["form"].errors["file"]
    assert message.startswith(
        f"„{name}” nie jest prawdziwym plikiem {name.rsplit('.', 1)[1].upper()} "
    )
    response = admin_client_pl.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": SimpleUploadedFile(name, content)}
    )
    assert response.json()["success"] is False
    assert response.json()["error_message"] == message
    assert not get_document_model().objects.exists()


def test_admin_refuses_document_types_off_the_list(admin_client_pl, home_page):
    response = admin_client_pl.post(
        reverse("wagtaildocs:add"),
        {"title": "Strona", "file": SimpleUploadedFile("strona.html", HTML)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_admin_accepts_genuine_documents(admin_client_pl, home_page):
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    for name, content in [
        ("uchwala.pdf", b"%PDF-1.4\n%uchwala\n"),
        ("wzor.docx", docx.getvalue()),
        ("dane.csv", b"gmina;kwota\nZielonka;1000\n"),
    ]:
        response = admin_client_pl.post(
            reverse("wagtaildocs:add"),
            {"title": name, "file": SimpleUploadedFile(name, content)},
        )
        assert response.status_code == 302, name
    assert get_document_model().objects.count() == 3
