"""The information the accessibility act asks of a public entity's website: the easy-to-read
text (its readability check, its page, the .txt version), the sign-language page (uploaded or
embedded recording, captions, transcript) and the header links to both on every page."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import SiteSettings
from cms.uploads import check_document
from demo.content import accessible_texts
from demo.content.site import easy_read_stream
from home import readability
from home.easy_read import EasyReadBlocks, EasyReadPage, EasyReadParagraphBlock
from home.models import HomePage
from home.sign_language import SignLanguagePage, embed_urls, parse_video_url
from tests.cms.test_uploaded_files import body_of, png_bytes
from tests.home.helpers import add_statement

LONG_SENTENCE = (
    "Gmina, która chce ogłosić otwarty konkurs ofert na realizację zadania publicznego, musi "
    "najpierw przyjąć roczny program współpracy z lokalnymi organizacjami pozarządowymi swojego powiatu."
)

# --- the readability check ------------------------------------------------------------------


def test_sentences_are_split_at_full_stops_but_not_after_abbreviations():
    text = "Program ma m.in. kursy, np. o grantach. Kto pomaga? FRDL!\nDruga linia bez kropki"
    found = readability.sentences(text)
    assert [s.text for s in found] == [
        "Program ma m.in. kursy, np. o grantach.",
        "Kto pomaga?",
        "FRDL!",
        "Druga linia bez kropki",
    ]
    assert [s.words for s in found] == [7, 2, 1, 4]
    assert readability.words_in("JST-NGO i 10 000 zł") == 5


def test_the_demo_easy_to_read_texts_pass_the_check():
    for body in (accessible_texts.EASY_READ_BODY_PL, accessible_texts.EASY_READ_BODY_EN):
        stream = EasyReadBlocks().to_python(
            [{"type": name, "value": value} for name, value in easy_read_stream(body)]
        )
        EasyReadBlocks().clean(stream)  # raises on any failed rule
        texts = [value for name, value in body if name == "paragraph"]
        assert readability.average_words(texts) <= readability.MAX_AVERAGE_WORDS
        assert not [s for text in texts for s in readability.too_long(text)]


def block_errors(error):
    return {name: " ".join(e.messages) for name, e in error.block_errors.items()}


def test_a_long_sentence_is_refused_with_a_message_quoting_it():
    block = EasyReadParagraphBlock()
    value = block.to_python({"text": f"Krótkie zdanie. {LONG_SENTENCE}", "pictogram_alt": ""})
    with translation.override("pl"), pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    message = block_errors(caught.value)["text"]
    assert f"„{LONG_SENTENCE}”" in message or f"“{LONG_SENTENCE}”" in message
    assert "23 słowa" in message and "najwyżej 20" in message
    assert "Krótkie zdanie" not in message.replace(LONG_SENTENCE, "")


def test_too_many_sentences_in_a_paragraph_and_a_pictogram_without_description_are_refused():
    block = EasyReadParagraphBlock()
    value = block.to_python({"text": "Raz. Dwa. Trzy. Cztery. Pięć.", "pictogram_alt": ""})
    with translation.override("en"), pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    assert "5 sentences, at most 4" in block_errors(caught.value)["text"]


def test_a_text_whose_sentences_are_long_on_average_is_refused():
    sentence = "To zdanie ma dokładnie piętnaście słów, więc samo przechodzi, ale średnia całego tekstu nie przechodzi."
    assert readability.words_in(sentence) == 15
    stream = EasyReadBlocks().to_python(
        [{"type": "paragraph", "value": {"text": sentence, "pictogram_alt": ""}}] * 2
    )
    with translation.override("en"), pytest.raises(StreamBlockValidationError) as caught:
        EasyReadBlocks().clean(stream)
    assert "15.0 words on average, at most 12" in " ".join(
        caught.value.non_block_errors.as_data()[0].messages
    )


# --- pages, admin and the .txt version ------------------------------------------------------


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_easy_read(parent, **fields):
    page = EasyReadPage(
        title=fields.pop("title", "Program MWF – tekst łatwy do czytania"),
        slug=fields.pop("slug", "tekst-latwy-do-czytania"),
        body=easy_read_stream(accessible_texts.EASY_READ_BODY_PL),
        **fields,
    )
    return publish(parent, page)


def document(title, name, content):
    doc = get_document_model()(title=title)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nProgram MWF.\n"


@pytest.fixture
def admin_client(client, django_user_model, home_page):
    user = django_user_model.objects.create_superuser("admin", "admin@example.pl", "x")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_editor_is_told_which_sentence_is_too_long(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=("home", "easyreadpage", home_page.pk))
    data = nested_form_data(
        {
            "title": "Tekst łatwy",
            "slug": "tekst-latwy",
            "body": streamfield(
                [("paragraph", {"text": f"Dobre zdanie. {LONG_SENTENCE}", "pictogram_alt": ""})]
            ),
            "action-publish": "action-publish",
        }
    )
    with translation.override("pl"):
        response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 200
    assert not EasyReadPage.objects.exists()  # nothing published
    error = response.context["form"].errors["body"].as_data()[0]
    message = " ".join(error.block_errors[0].block_errors["text"].messages)
    assert LONG_SENTENCE in message and "Podziel je na krótsze zdania" in message
    # The same text in short sentences is accepted and published.
    data["body-0-value-text"] = (
        "Dobre zdanie.\nGmina przyjmuje program współpracy.\nPotem ogłasza konkurs."
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert EasyReadPage.objects.get().live


@pytest.mark.django_db
# Wagtail leaves a temporary file of a new rendition to the garbage collector.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_easy_read_page_renders_one_sentence_a_line_and_a_pictogram(client, home_page, settings):
    image = get_image_model().objects.create(
        title="Pieniądze", file=ContentFile(png_bytes(), name="monety.png")
    )
    page = add_easy_read(home_page)
    page.body = [
        ("heading", "Co robimy?"),
        (
            "paragraph",
            {"text": "Dajemy granty. Uczymy.", "pictogram": image, "pictogram_alt": "Monety"},
        ),
    ]
    page.save_revision().publish()
    body = client.get(page.url).content.decode()
    assert '<span class="easy-read__sentence">Dajemy granty.</span>' in body
    assert 'alt="Monety"' in body
    assert "home/css/accessible_info.css" in body
    assert reverse("scope_of_activity_txt") in body


@pytest.mark.django_db
def test_the_text_version_is_utf8_plain_text_from_the_easy_read_page(client, home_page, locales):
    assert client.get("/zakres-dzialalnosci.txt").status_code == 404  # no page yet
    home_en = home_page.copy_for_translation(locales["en"])
    home_en.save_revision().publish()
    page = add_easy_read(home_page)
    en = page.copy_for_translation(locales["en"])
    en.title, en.slug = "The MWF programme – easy to read", "easy-to-read"
    en.body = easy_read_stream(accessible_texts.EASY_READ_BODY_EN)
    en.save_revision().publish()
    settings_obj = SiteSettings.for_site(Site.objects.get())
    settings_obj.organisation = "Małopolska Szkoła Administracji Publicznej UEK"
    settings_obj.easy_read_page = page
    settings_obj.save()

    response = client.get("/zakres-dzialalnosci.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert 'filename="zakres-dzialalnosci.txt"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")  # strict: fails on anything but UTF-8
    lines = text.splitlines()
    assert lines[0] == "Program MWF – tekst łatwy do czytania"
    assert "Czym jest program MWF?" in lines
    assert "Program MWF to szkolenia i pomoc dla samorządów." in lines
    assert "Małopolska Szkoła Administracji Publicznej UEK" in lines
    assert f"Źródło: http://localhost{page.url}" in lines
    assert "<" not in text

    english = client.get("/en/scope-of-activity.txt")
    assert english.status_code == 200
    assert english.content.decode("utf-8").startswith("The MWF programme – easy to read\n")


# --- the sign-language page -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1", ("youtube", "dQw4w9WgXcQ")),
        ("https://youtu.be/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://vimeo.com/76979871", ("vimeo", "76979871")),
        ("https://player.vimeo.com/video/76979871", ("vimeo", "76979871")),
        ("https://example.com/watch?v=dQw4w9WgXcQ", None),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_only_youtube_and_vimeo_addresses_are_accepted(url, expected):
    assert parse_video_url(url) == expected


def test_embeds_use_the_privacy_enhanced_players():
    youtube = embed_urls("https://youtu.be/dQw4w9WgXcQ", "pl")["player"]
    assert youtube.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?")
    assert "dnt=1" in embed_urls("https://vimeo.com/76979871", "en")["player"]


def sign_page(**fields):
    defaults = {"title": "Polski język migowy", "slug": "pjm", "transcript": "<p>Tekst.</p>"}
    return SignLanguagePage(**{**defaults, **fields})


@pytest.mark.django_db
def test_sign_language_page_rules(home_page):
    video = document("Nagranie", "pjm.webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 64)
    pdf = document("Ulotka", "ulotka.pdf", b"%PDF-1.4\n")
    captions = document("Napisy", "pjm.vtt", VTT)

    def errors(**fields):
        with translation.override("en"), pytest.raises(ValidationError) as caught:
            sign_page(**fields).clean()
        with translation.override("en"):
            return {name: " ".join(m) for name, m in caught.value.message_dict.items()}

    assert "upload a file or give its address" in errors()["video_file"]
    assert (
        "not both"
        in errors(video_file=video, captions=captions, video_url="https://youtu.be/dQw4w9WgXcQ")[
            "video_url"
        ]
    )
    assert "MP4 or WebM" in errors(video_file=pdf, captions=captions)["video_file"]
    assert "needs its captions" in errors(video_file=video)["captions"]
    assert "WebVTT" in errors(video_file=video, captions=pdf)["captions"]
    assert "Only YouTube and Vimeo" in errors(video_url="https://example.com/film.mp4")["video_url"]
    sign_page(video_file=video, captions=captions).clean()
    sign_page(video_url="https://vimeo.com/76979871").clean()  # captions live on the host


@pytest.mark.django_db
def test_uploaded_recording_plays_with_its_captions_track(client, home_page):
    video = document("Nagranie", "pjm.webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 64)
    captions = document("Napisy", "pjm.vtt", VTT)
    page = publish(home_page, sign_page(video_file=video, captions=captions))
    body = client.get(page.url).content.decode()
    assert f'<source src="{video.url}" type="video/webm">' in body
    assert (
        f'<track kind="captions" src="{captions.url}" srclang="pl" label="Polski" default>' in body
    )
    assert "Transkrypcja" in body and "video_facade.js" not in body
    served = client.get(captions.url)
    assert served.status_code == 200 and served["Content-Type"].startswith("text/vtt")
    assert body_of(served) == VTT


@pytest.mark.django_db
def test_embedded_recording_is_a_link_until_pressed(client, home_page):
    page = publish(home_page, sign_page(video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"))
    body = client.get(page.url).content.decode()
    assert "<iframe" not in body
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in body
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?' in body
    assert "home/js/video_facade.js" in body


@pytest.mark.django_db
def test_documents_accept_recordings_and_captions_by_content():
    def upload(name, content):
        file = ContentFile(content, name=name)
        return file

    check_document(upload("a.webm", b"\x1a\x45\xdf\xa3rest"))
    check_document(upload("a.mp4", b"\x00\x00\x00\x18ftypmp42rest"))
    check_document(upload("a.vtt", VTT))
    for name, content in [
        ("a.webm", b"<html>"),
        ("a.mp4", b"<html><body>not a video"),
        ("a.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nSRT, not WebVTT\n"),
    ]:
        with pytest.raises(ValidationError):
            check_document(upload(name, content))


# --- header links on every page ----------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_type_links_both_in_its_header_in_both_languages(
    client, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())
    checked = set()
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        key = (page.locale.language_code, type(page).__name__)
        if key in checked:
            continue
        checked.add(key)
        body = client.get(page.url).content.decode()
        header = body.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        if key[0] == "pl":
            assert 'href="/tekst-latwy-do-czytania/"' in header, key
            assert ">Tekst łatwy do czytania</span>" in header, key
            assert 'href="/polski-jezyk-migowy/"' in header, key
            assert ">Polski język migowy</span>" in header, key
        else:
            assert 'href="/en/easy-to-read/"' in header, key
            assert ">Easy to read</span>" in header, key
            assert 'href="/en/polish-sign-language/"' in header, key
            assert ">Polish Sign Language</span>" in header, key
        assert header.count('aria-hidden="true" focusable="false"') >= 2, key
    assert {("pl", "EasyReadPage"), ("en", "SignLanguagePage"), ("en", "HomePage")} <= checked
    assert len(checked) >= 20
    # The accessibility statement links the three forms, in each language.
    statement = client.get("/deklaracja-dostepnosci/").content.decode()
    for href in ("/tekst-latwy-do-czytania/", "/zakres-dzialalnosci.txt", "/polski-jezyk-migowy/"):
        assert f'href="{href}"' in statement.split('id="a11y-komunikacja"', 1)[1]
    statement_en = client.get("/en/accessibility-statement/").content.decode()
    assert 'href="/en/scope-of-activity.txt"' in statement_en
    # The demo text version is served, and the demo sign-language page plays its captions.
    assert client.get("/zakres-dzialalnosci.txt").status_code == 200
    pjm = client.get("/en/polish-sign-language/").content.decode()
    assert 'srclang="en" label="English"' in pjm and "demonstration recording" in pjm


@pytest.mark.django_db
def test_no_links_when_the_settings_name_no_pages(client, home_page):
    add_statement(home_page)
    body = client.get("/").content.decode()
    assert "accessible-info" not in body
    assert HomePage.objects.count() == 1


@pytest.mark.django_db
def test_the_editor_is_told_which_video_addresses_are_allowed(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=("home", "signlanguagepage", home_page.pk))
    data = nested_form_data(
        {
            "title": "Polski język migowy",
            "slug": "polski-jezyk-migowy",
            "video_url": "https://example.com/nagranie.mp4",
            "transcript": rich_text("Program MWF."),
            "action-publish": "action-publish",
        }
    )
    with translation.override("pl"):
        response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not SignLanguagePage.objects.exists()
    with translation.override("pl"):
        errors = response.context["form"].errors["video_url"]
    assert "Osadzić można tylko filmy z YouTube i Vimeo" in " ".join(errors)
    data["video_url"] = "https://vimeo.com/76979871"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert SignLanguagePage.objects.get().live
