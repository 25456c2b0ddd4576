"""The keys the site search indexes and searches with (cms/search.py): inflected forms, words
without their Polish letters and the programme's abbreviations meet the page's own words."""

import pytest

from cms.search import fold, normalise, query_keys

# The synonyms come from the SearchSynonym snippet (filled by a migration).
pytestmark = pytest.mark.django_db


def shares_a_key(query, text, language="pl"):
    return bool(set(query_keys(query, language)) & set(normalise(text, language).split()))


def test_fold_drops_case_and_diacritics():
    assert fold("Łódź, ŚWIETLICE wiejskie!") == "lodz swietlice wiejskie"


def test_inflected_forms_meet_their_lemma():
    assert shares_a_key("dotacje", "Dotacja na wyposażenie")
    assert set(query_keys("inicjatywy lokalnej", "pl")) >= {"inicjatywa", "lokalny"}
    assert {"inicjatywa", "lokalny"} <= set(normalise("Inicjatywa lokalna", "pl").split())


def test_a_word_typed_without_polish_letters_meets_the_page():
    assert shares_a_key("spolecznych", "konsultacje społeczne")
    assert shares_a_key("lodz", "grupy sąsiedzkie w Łodzi")


def test_unrelated_words_share_no_key():
    assert not shares_a_key("dotacje", "Fundusz sołecki na świetlice")


def test_abbreviations_stand_for_their_phrase_and_back():
    assert set(query_keys("BO", "pl")) >= {"budzet", "obywatelski"}
    assert "bo" in query_keys("budżetu obywatelskiego", "pl")
    assert set(query_keys("FS w gminie", "pl")) >= {"fundusz", "solecki"}
    assert "regranting" in query_keys("mikrogranty", "pl")
    # One word of a phrase is not the phrase.
    assert "bo" not in query_keys("budżet gminy", "pl")


def test_english_pages_use_english_lemmas():
    assert shares_a_key("grants for initiatives", "A small grant for a local initiative", "en")
    assert "budget" in normalise("participatory budgeting", "en").split()


def test_a_query_of_operators_and_punctuation_has_no_keys():
    assert query_keys('" AND ( NEAR', "pl") == []


def test_polish_letters_are_put_back_where_the_dictionary_knows_the_word():
    assert "maly" in query_keys("malych grantow", "pl")
    assert shares_a_key("malymi grantami", "Małe granty")
