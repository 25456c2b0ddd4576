"""From the home page to the good practices of one instrument in one voivodeship in three
actions: choose the instrument, choose the voivodeship, press "Pokaż praktyki"."""

import re
from urllib.parse import urlencode

import pytest

from .factories import make_practice

pytestmark = pytest.mark.django_db


def test_three_actions_from_the_home_page(client, home_page, catalogue_page, instruments):
    wanted = make_practice(
        catalogue_page,
        [instruments["male-granty"]],
        title="Małe granty w Wadowicach",
        teryt="1218092",  # małopolskie
    )
    make_practice(
        catalogue_page,
        [instruments["regranting"]],
        title="Regranting w Gdyni",
        teryt="2262011",
        jst_type="gmina_miejska",
    )
    make_practice(
        catalogue_page,
        [instruments["male-granty"]],
        title="Małe granty w Gdyni",
        teryt="2262011",
        jst_type="gmina_miejska",
    )

    html = client.get("/").content.decode()
    form = re.search(
        r'<form method="get" action="([^"]+)" class="finder-form">(.*?)</form>', html, re.S
    )
    assert form, "the home page has the practice finder"
    action, body = form.groups()
    assert action == catalogue_page.url
    # The two choices and the button are the three actions.
    assert '<option value="male-granty">małe granty</option>' in body
    assert '<option value="12">małopolskie</option>' in body
    actions = [("instrument", "male-granty"), ("woj", "12")]
    response = client.get(action + "?" + urlencode(actions))  # + pressing the button
    assert len(actions) + 1 == 3

    result = response.content.decode()
    assert response.status_code == 200
    assert wanted.title in result
    assert "Regranting w Gdyni" not in result and "Małe granty w Gdyni" not in result


def test_no_finder_without_a_catalogue(client, home_page):
    assert 'class="finder-form"' not in client.get("/").content.decode()
