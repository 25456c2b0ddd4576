"""The Sends page tells editors where the send action of an issue is, and it is really there:
in the "⋯" menu (Wagtail's "Akcje") of the issue's editor header; not in the page explorer's
listing of the issues, where the instruction used to send people."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db

SENDS = "/admin/newsletter_admin/"


def header_actions_menu(html):
    """The links inside the header's "⋯" dropdown: [(aria-label of the toggle, [(href, text)])]."""
    header = re.search(r"<header.*?</header>", html, re.S).group(0)
    menus = []
    for toggle, content in re.findall(
        r'<div[^>]*data-controller="w-dropdown"[^>]*>.*?<button[^>]*aria-label="([^"]+)"'
        r"(.*?)</div>\s*</div>",
        header,
        re.S,
    ):
        links = [
            (href, " ".join(re.sub(r"<[^>]+>", " ", text).split()))
            for href, text in re.findall(r'<a[^>]*href="([^"]+)"[^>]*>(.*?)</a>', content, re.S)
        ]
        menus.append((unescape(toggle), links))
    return menus


def test_the_instruction_names_the_menu_and_the_button_the_editor_shows(
    admin_client, issue, index_page
):
    sends = unescape(admin_client.get(SENDS).content.decode())
    instruction = re.search(r"<p>(Aby wysłać wydanie.*?)</p>", sends, re.S).group(1)
    menu, button = re.search(r"menu „⋯” \(([^)]+)\) i wybierz „([^”]+)”", instruction).groups()
    assert "do edycji" in instruction and "eksplorator" not in instruction

    editor = admin_client.get(f"/admin/pages/{issue.pk}/edit/")
    assert editor.status_code == 200
    send_url = f"{SENDS}issue/{issue.pk}/"
    menus = header_actions_menu(editor.content.decode())
    assert (menu, [(send_url, button)]) in [
        (label, [link for link in links if link[0] == send_url]) for label, links in menus
    ], menus
    assert admin_client.get(send_url).status_code == 200

    # The explorer's listing of the issues has no such action.
    listing = admin_client.get(f"/admin/pages/{index_page.pk}/").content.decode()
    assert issue.title in listing and send_url not in listing
