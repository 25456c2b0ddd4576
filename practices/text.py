"""Folding Polish text for search (`cms.search.fold`, shared with the site search): lower case,
no diacritics ("Łódź" -> "lodz"), words only.

The catalogue keeps a folded copy of each practice's searchable text (`search_text`) and folds
the query the same way, so a plain `contains` lookup of " " + term (a word start) ignores case and diacritics on SQLite and
PostgreSQL alike, without database extensions."""

from cms.search import fold

MAX_QUERY_CHARS = 200
MAX_TERMS = 8


def stem(word):
    """A light stem so that inflected forms meet: "lokalna" and "lokalnej" share "lokal".
    Long words lose up to two trailing letters; short words (place names such as "lodz")
    stay whole."""
    if len(word) > 5:
        return word[: max(5, len(word) - 2)]
    return word


def query_terms(query):
    """(terms, shortened): the folded, stemmed, de-duplicated terms of a search query, and
    whether the query had to be cut to the length limit."""
    query = query or ""
    shortened = len(query) > MAX_QUERY_CHARS
    words = fold(query[:MAX_QUERY_CHARS]).split()
    terms = []
    for word in words:
        term = stem(word)
        if term not in terms:
            terms.append(term)
    if len(terms) > MAX_TERMS:
        terms = terms[:MAX_TERMS]
        shortened = True
    return terms, shortened
