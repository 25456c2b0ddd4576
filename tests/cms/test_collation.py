"""Polish alphabetical order of names (voivodeships everywhere)."""

from cms.collation import polish_key
from cms.teryt import VOIVODESHIP_CHOICES


def test_voivodeships_in_polish_alphabetical_order():
    names = [name for _code, name in VOIVODESHIP_CHOICES]
    assert names == [
        "dolnośląskie",
        "kujawsko-pomorskie",
        "lubelskie",
        "lubuskie",
        "łódzkie",
        "małopolskie",
        "mazowieckie",
        "opolskie",
        "podkarpackie",
        "podlaskie",
        "pomorskie",
        "śląskie",
        "świętokrzyskie",
        "warmińsko-mazurskie",
        "wielkopolskie",
        "zachodniopomorskie",
    ]


def test_polish_letters_follow_their_base_letters_case_insensitively():
    words = ["Żywiec", "zając", "źdźbło", "Łódź", "lis", "ćma", "cel", "Ąb", "az"]
    assert sorted(words, key=polish_key) == [
        "az",
        "Ąb",
        "cel",
        "ćma",
        "lis",
        "Łódź",
        "zając",
        "źdźbło",
        "Żywiec",
    ]
