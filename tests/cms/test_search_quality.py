"""How often the site search puts the page a visitor means among its first five results, over
everyday queries against the demo content: inflected forms, words typed without their Polish
letters, two-word phrases, the programme's abbreviations and synonyms. One test, so the demo
loads once. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import io
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.login import DEMO_EDITOR_EMAIL

pytestmark = pytest.mark.django_db

TOP = 5
# Measured 2026-12-06 over these 64 queries: 100% on SQLite and on PostgreSQL.
REQUIRED_SHARE = 0.95

# (query, the page it must find), in Polish.
POLISH_QUERIES = [
    ("inicjatywy lokalnej", "/instrumenty/inicjatywa-lokalna/"),
    ("dotacje inwestycyjne", "/instrumenty/dotacja-inwestycyjna/"),
    ("dotacji na inwestycje", "/instrumenty/dotacja-inwestycyjna/"),
    ("budzetu obywatelskiego", "/instrumenty/budzet-obywatelski/"),
    ("funduszu soleckiego", "/instrumenty/fundusz-solecki/"),
    ("warsztaty z funduszu sołeckiego", "/wydarzenia/fundusz-solecki-warsztat/"),
    ("malych grantow", "/instrumenty/male-granty/"),
    ("małych zleceń", "/kursy/male-granty-i-inicjatywa-lokalna/tryb-malych-zlecen/"),
    (
        "limity malych zlecen",
        "/kursy/male-granty-i-inicjatywa-lokalna/tryb-malych-zlecen/limity-malych-zlecen/",
    ),
    ("podstawy regrantingu", "/kursy/regranting/podstawy-regrantingu/"),
    ("mikrodotacji", "/instrumenty/regranting/"),
    (
        "konkursu na operatora",
        "/kursy/regranting/podstawy-regrantingu/konkurs-na-operatora/",
    ),
    (
        "umowy regrantingowej",
        "/kursy/regranting/realizacja-i-rozliczenie/umowa-regrantingowa/",
    ),
    (
        "sprawozdania operatora",
        "/kursy/regranting/realizacja-i-rozliczenie/sprawozdanie-operatora/",
    ),
    (
        "typowych bledow",
        "/kursy/regranting/realizacja-i-rozliczenie/typowe-bledy-w-regrantingu/",
    ),
    ("rocznego programu wspolpracy", "/instrumenty/program-wspolpracy/"),
    ("otwartego konkursu ofert", "/instrumenty/otwarty-konkurs-ofert/"),
    ("umowy wieloletniej", "/instrumenty/umowa-wieloletnia/"),
    ("pozyczki i poreczenia", "/instrumenty/pozyczki-poreczenia-gwarancje/"),
    ("placu zabaw", "/dobre-praktyki/inicjatywa-lokalna-plac-zabaw/"),
    ("ogrodu czytelniczego", "/dobre-praktyki/inicjatywa-lokalna-biblioteka/"),
    ("sciezki rowerowej", "/dobre-praktyki/inicjatywa-lokalna-rowery/"),
    ("klubow seniora", "/dobre-praktyki/male-granty-seniorzy-zachod/"),
    ("klubów sportowych", "/dobre-praktyki/male-granty-sportowe-brzeziny/"),
    ("swietlic wiejskich", "/dobre-praktyki/fundusz-solecki-swietlice/"),
    ("hospicjum domowego", "/dobre-praktyki/dotacja-inwestycyjna-hospicjum/"),
    ("terapii zajeciowej", "/dobre-praktyki/dotacja-inwestycyjna-bus/"),
    ("noclegowni", "/dobre-praktyki/umowa-wieloletnia-schronisko/"),
    ("poradnictwa obywatelskiego", "/dobre-praktyki/umowa-wieloletnia-poradnictwo/"),
    ("mlodziezowego budzetu", "/dobre-praktyki/budzet-obywatelski-mlodziezowy/"),
    ("grup sasiedzkich", "/dobre-praktyki/regranting-lodzkie-mikrogranty/"),
    ("funduszu senioralnego", "/dobre-praktyki/regranting-seniorzy-pomorskie/"),
    ("diagnozy wspolpracy finansowej", "/publikacje/diagnoza-wspolpracy-finansowej/"),
    ("kompendium instrumentow", "/publikacje/kompendium-instrumentow/"),
    ("studiow przypadkow", "/publikacje/studia-przypadkow-male-granty-regranting/"),
    ("deklaracji dostepnosci", "/deklaracja-dostepnosci/"),
    ("polityki prywatnosci", "/polityka-prywatnosci/"),
    ("webinarium o malych grantach", "/wydarzenia/male-granty-online/"),
    ("szkolenia dwudniowego", "/wydarzenia/otwarty-konkurs-ofert-dwudniowy/"),
    ("BO", "/instrumenty/budzet-obywatelski/"),
    ("FS", "/instrumenty/fundusz-solecki/"),
    ("mikrogranty", "/instrumenty/regranting/"),
    (
        "kto moze zglosic inicjatywe",
        "/kursy/male-granty-i-inicjatywa-lokalna/inicjatywa-lokalna/kto-moze-zglosic-inicjatywe/",
    ),
    ("zebrania wiejskiego", "/instrumenty/fundusz-solecki/"),
    ("zielonej puli", "/dobre-praktyki/budzet-obywatelski-zielony/"),
    ("powiatowego budzetu obywatelskiego", "/dobre-praktyki/budzet-obywatelski-powiat/"),
    ("mapy potrzeb", "/dobre-praktyki/program-wspolpracy-sejmik/"),
    ("profilaktyki zdrowia", "/dobre-praktyki/konkurs-ofert-zdrowie/"),
    ("prefinansowania projektow unijnych", "/dobre-praktyki/pozyczki-prefinansowanie/"),
    ("poreczen kredytow", "/dobre-praktyki/poreczenia-powiat/"),
    # Synonyms and the instruments' other names.
    ("inicjatywa", "/instrumenty/inicjatywa-lokalna/"),
    ("budzet partycypacyjny", "/instrumenty/budzet-obywatelski/"),
    ("mikrodotacje", "/instrumenty/regranting/"),
    ("konkurs ofert", "/instrumenty/otwarty-konkurs-ofert/"),
    # Other cases of the instruments' names, without diacritics.
    ("funduszem soleckim", "/instrumenty/fundusz-solecki/"),
    ("budzetem obywatelskim", "/instrumenty/budzet-obywatelski/"),
    ("umow wieloletnich", "/instrumenty/umowa-wieloletnia/"),
    ("regrantingiem", "/instrumenty/regranting/"),
    ("malymi grantami", "/instrumenty/male-granty/"),
    ("gwarancji", "/instrumenty/pozyczki-poreczenia-gwarancje/"),
    ("programem wspolpracy", "/instrumenty/program-wspolpracy/"),
    ("inicjatyw lokalnych", "/instrumenty/inicjatywa-lokalna/"),
    ("deklaracja dostepnosci", "/deklaracja-dostepnosci/"),
    ("placow zabaw", "/dobre-praktyki/inicjatywa-lokalna-plac-zabaw/"),
]


def top_urls(client, query):
    # As the demo editor: lessons are found only by people who may open them.
    response = client.get("/szukaj/", {"q": query})
    assert response.status_code == 200, query
    return [page.url for page in response.context["results"][:TOP]]


def test_the_expected_page_is_among_the_first_five_results(client):
    call_command("load_demo_content", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(email=DEMO_EDITOR_EMAIL))
    assert len(POLISH_QUERIES) >= 60
    misses = []
    for query, expected in POLISH_QUERIES:
        found = top_urls(client, query)
        if expected not in found:
            misses.append(f"{query!r}: {expected} not in {found}")
    share = 1 - len(misses) / len(POLISH_QUERIES)
    sys.stdout.write(
        f"search quality: {share:.1%} of {len(POLISH_QUERIES)} queries; misses: {misses}\n"
    )
    assert share >= REQUIRED_SHARE, f"{share:.0%}; misses:\n" + "\n".join(misses)
