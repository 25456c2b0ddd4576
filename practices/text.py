"""The catalogue's search words, read as the site's one search reads them (cms.search.parse):
a practice is listed when its normalised catalogue text (`search_text`, cms.search.stored_text)
holds every word of the query in any of its forms (inflected, without diacritics, one typo
away, a synonym), the rule the site search applies to its index. The catalogue filters its own
column rather than the search index so that its counts stay one GROUP BY at any size."""

from cms import search
from cms.search import MAX_QUERY_CHARS, fold

__all__ = ["MAX_QUERY_CHARS", "fold", "query_terms"]


def query_terms(query, language, request=None):
    """(parsed, shortened): the catalogue's search words as the site's search reads them
    (cms.search.parse, with typo tolerance), and whether the query had to be cut."""
    query = query or ""
    if not search.words_of(query):
        return search.parse("", language), False
    parsed = search.parse(query, language, search.indexed_words(request))
    shortened = len(query) > MAX_QUERY_CHARS or len(parsed.words) < len(search.words_of(query))
    return parsed, shortened
