"""The easy-to-read and sign-language pages in a browser: axe-core, 320 px reflow, print layout,
keyboard use, the captions track of an uploaded recording, and the embedded player's facade,
which contacts no other host before the visitor presses play and stays within the site's CSP.
(The demo's pages of both types are also checked by test_axe_demo.py.)"""

from pathlib import Path

import pytest
from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.models import Site

from cms.models import SiteSettings
from demo.content import accessible_texts
from demo.content.site import easy_read_stream
from home.models import EasyReadPage, SignLanguagePage
from tests.conftest import assert_no_axe_violations
from tests.site.test_axe_demo import reflow_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEDIA = Path(__file__).resolve().parents[2] / "demo" / "content" / "media"


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def demo_document(title, name):
    document = get_document_model()(title=title)
    with (MEDIA / name).open("rb") as source:
        document.file.save(name, File(source), save=False)
    document.save()
    return document


@pytest.fixture
def pages(home_page):
    easy_read = publish(
        home_page,
        EasyReadPage(
            title=accessible_texts.EASY_READ_PL["title"],
            slug="tekst-latwy-do-czytania",
            body=easy_read_stream(accessible_texts.EASY_READ_BODY_PL),
        ),
    )
    uploaded = publish(
        home_page,
        SignLanguagePage(
            title="Polski język migowy",
            slug="polski-jezyk-migowy",
            intro="Nagranie z napisami.",
            video_file=demo_document("Nagranie", "pjm_demo.webm"),
            captions=demo_document("Napisy", "pjm_pl.vtt"),
            transcript=accessible_texts.SIGN_LANGUAGE_PL["transcript"],
        ),
    )
    embedded = publish(
        home_page,
        SignLanguagePage(
            title="PJM z YouTube",
            slug="pjm-youtube",
            video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            transcript="<p>Program MWF.</p>",
        ),
    )
    settings_obj = SiteSettings.for_site(Site.objects.get())
    settings_obj.easy_read_page = easy_read
    settings_obj.sign_language_page = uploaded
    settings_obj.save()
    return {"easy_read": easy_read, "uploaded": uploaded, "embedded": embedded}


def test_pages_pass_axe_reflow_and_print(live_server, page, pages):
    failures = []
    for key in ("easy_read", "uploaded", "embedded"):
        url = live_server.url + pages[key].url
        page.goto(url)
        try:
            assert_no_axe_violations(page)
        except AssertionError as error:
            failures.append(str(error))
        failures.append(reflow_problems(page, url))
    assert not [failure for failure in failures if failure], failures

    # Printed, the easy-to-read text keeps its large type and loses the site's chrome.
    page.goto(live_server.url + pages["easy_read"].url)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "() => ['.site-header', '.a11y-toolbar', '.site-footer', '.breadcrumbs']"
        ".map(s => document.querySelector(s)).filter(Boolean)"
        ".map(e => getComputedStyle(e).display)"
    )
    assert hidden and set(hidden) == {"none"}
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.easy-read__item p')).fontSize)"
    )
    assert size >= 21  # 16 pt
    page.emulate_media(media="screen")
    assert page.locator(".easy-read__sentence").first.is_visible()
    assert not page.csp_violations, page.csp_violations


def test_header_links_are_reached_by_keyboard(live_server, page, pages):
    page.goto(live_server.url + "/")
    link = page.get_by_role("link", name="Tekst łatwy do czytania")
    assert link.is_visible()
    assert page.get_by_role("link", name="Polski język migowy").is_visible()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.accessibleInfo === 'easy-read'"):
            break
    else:
        raise AssertionError("Tab never reached the easy-to-read link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tekst-latwy-do-czytania/")
    assert page.locator("h1").inner_text() == accessible_texts.EASY_READ_PL["title"]
    assert page.locator("[data-accessible-info=easy-read]").get_attribute("aria-current") == "page"


def test_uploaded_recording_plays_with_captions(live_server, page, pages):
    page.goto(live_server.url + pages["uploaded"].url)
    page.wait_for_function(
        "() => { const v = document.querySelector('video');"
        " return v.readyState >= 1 && v.textTracks[0] && v.textTracks[0].cues"
        " && v.textTracks[0].cues.length > 0; }"
    )
    video = page.evaluate(
        "() => { const v = document.querySelector('video'); const t = v.textTracks[0];"
        " return {duration: v.duration, kind: t.kind, mode: t.mode, language: t.language,"
        " cues: [...t.cues].map(c => c.text)}; }"
    )
    assert 15 < video["duration"] < 17
    assert video["kind"] == "captions" and video["mode"] == "showing"
    assert video["language"] == "pl"
    assert video["cues"][2] == "Nagranie z tłumaczem PJM jest w przygotowaniu."
    assert (
        "Nagranie z tłumaczem PJM jest w przygotowaniu."
        in page.locator(".sign-language__transcript").inner_text()
    )


def test_embedded_player_loads_nothing_from_the_host_before_play(live_server, page, pages):
    foreign = []

    def record(route):
        # Nothing leaves the machine: other hosts are noted and refused.
        if not route.request.url.startswith(live_server.url):
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", record)
    page.goto(live_server.url + pages["embedded"].url)
    page.wait_for_load_state("networkidle")
    assert foreign == []
    assert page.locator("iframe").count() == 0
    assert_no_axe_violations(page)

    # Keyboard only: Tab to the facade, Enter: the privacy-enhanced player takes its place.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.video-facade__link')"):
            break
    else:
        raise AssertionError("Tab never reached the play link")
    page.keyboard.press("Enter")
    frame = page.locator("iframe.video-facade__frame")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    assert frame.get_attribute("title") == "Nagranie w polskim języku migowym: PJM z YouTube"
    assert page.evaluate("() => document.activeElement.tagName") == "IFRAME"
    page.wait_for_timeout(300)
    assert foreign and all(url.startswith("https://www.youtube-nocookie.com/") for url in foreign)
    # The player's origin is allowed by the site's Content-Security-Policy.
    assert not page.csp_violations, page.csp_violations
