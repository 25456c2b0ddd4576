"""Keyboard-only use of the site chrome, and the layout at 320 px and with 200% text."""

import pytest

from home.models import StandardPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_pages(home_page):
    about = StandardPage(
        title="O projekcie",
        slug="o-projekcie",
        show_in_menus=True,
        lead="Program wspiera współpracę finansową samorządów z organizacjami pozarządowymi.",
    )
    home_page.add_child(instance=about)
    about.save_revision().publish()
    return home_page, about


def focused(page):
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {id: e.id, text: (e.textContent || '').trim(), tag: e.tagName}; }"
    )


def tab_until(page, selector, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_reaches_content_and_switches_contrast(live_server, page, two_pages):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Przejdź do treści"
    assert page.locator(".skip-links a").first.is_visible()  # visible when focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert focused(page)["id"] == "main"

    # The accessibility options are reached with Tab and switched with Enter.
    page.goto(live_server.url + "/")
    tab_until(page, "[data-a11y-contrast]")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    assert "a11y-contrast" in page.locator("html").get_attribute("class")
    assert page.locator("[data-a11y-contrast]").get_attribute("aria-pressed") == "true"
    tab_until(page, '[data-a11y-size="larger"]')
    page.keyboard.press("Enter")
    assert "a11y-text-larger" in page.locator("html").get_attribute("class")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"

    # The next page, reached from the menu by keyboard, keeps both choices (server-rendered).
    tab_until(page, '#main-menu a[href="/o-projekcie/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/o-projekcie/")
    classes = page.locator("html").get_attribute("class")
    assert "a11y-contrast" in classes and "a11y-text-larger" in classes
    assert page.locator("[data-a11y-contrast]").get_attribute("aria-pressed") == "true"

    # The menu skip link leads to the main menu.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Przejdź do menu"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main-menu"


def no_horizontal_scroll(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_usable_at_320_px_and_with_200_percent_text(live_server, page, two_pages):
    page.set_viewport_size({"width": 320, "height": 640})
    for url in ("/", "/o-projekcie/", "/szukaj/?q=program"):
        page.goto(live_server.url + url)
        assert no_horizontal_scroll(page), url
    # 200% text: the browser's text size doubled, at a common laptop width.
    page.set_viewport_size({"width": 1280, "height": 800})
    for url in ("/", "/o-projekcie/"):
        page.goto(live_server.url + url)
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        assert no_horizontal_scroll(page), url
        assert page.locator("h1").is_visible()
    # And the largest text option at the narrowest width.
    page.context.add_cookies([{"name": "a11y", "value": "larger", "url": live_server.url}])
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/o-projekcie/")
    assert no_horizontal_scroll(page)
