"""The site's search: one way to turn text into search keys, for pages and queries alike.

Wagtail's database backend (SQLite FTS5, PostgreSQL tsvector) matches words as written, and a
Polish word has a dozen forms: "dotacja" never met "dotacje", "inicjatywa lokalna" never met
"inicjatywy lokalnej". So each searchable page also indexes a normalised copy of its text
(`NormalisedSearchMixin.search_normalised`) and the query is normalised the same way:

- each word is lemmatised (simplemma's dictionary for the page's language: "dotacji" ->
  "dotacja", "lokalnej" -> "lokalny"), then folded (lower case, no diacritics, "ł" -> "l");
- the folded surface word is kept too ("lodz" finds "Łódź");
- a prefix of the folded lemma is added, so that a word typed without its diacritics, which the
  dictionary does not know ("spolecznych"), still meets the lemma ("społeczny" -> "spolec");
- a few programme abbreviations stand for their phrase and back ("BO" <-> budżet obywatelski).

The query's own words are searched too, and the backend ranks a page by how many of the keys it
holds and how rare they are, so a page with the words as typed comes before one that only shares
a prefix.
"""

import re
import unicodedata
from functools import lru_cache

import simplemma
from django.utils.html import strip_tags
from wagtail.search import index

from cms.safe_text import clean_text, search_terms

WORD = re.compile(r"\w+")
# Languages simplemma has a dictionary for, among the site's; any other text is only folded.
LEMMATISED_LANGUAGES = {"pl", "en"}
# Long enough that unrelated words rarely share it ("organi", "spolec", "inicja"), short enough
# that a Polish ending never reaches it.
PREFIX_LENGTH = 6
# A query longer than this many keys is cut: the engines slow down on very long OR queries.
MAX_QUERY_KEYS = 40
# The database backend weighs only a field named "title" above the rest, and the normalised text
# is one field: repeating the title's keys there makes a page named after the query rank first.
TITLE_WEIGHT = 3
NORMALISED_FIELD = "search_normalised"

# Each group lists phrases that mean the same in the programme's vocabulary.
SYNONYMS = {
    "pl": [
        ["BO", "budżet obywatelski"],
        ["FS", "fundusz sołecki"],
        ["mikrogranty", "regranting", "małe granty"],
        ["NGO", "organizacja pozarządowa"],
        ["JST", "samorząd terytorialny"],
    ],
    "en": [
        ["participatory budget", "citizens budget"],
        ["village fund", "solecki fund"],
        ["microgrants", "regranting", "small grants"],
        ["NGO", "non-governmental organisation"],
    ],
}


def fold(text):
    """Lower-case words without diacritics, separated by single spaces."""
    if not text:
        return ""
    # NFKD splits "ó" into "o" + a combining accent, but "ł" has no decomposition.
    text = unicodedata.normalize("NFKD", str(text).lower().replace("ł", "l"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(WORD.findall(text))


def base_language(language_code):
    return (language_code or "").split("-")[0].lower()


@lru_cache(maxsize=100_000)
def folded_lemma(word, language):
    """The lemma of one lower-case word, folded ("dotacji" -> "dotacja", "łodzi" -> "lodz")."""
    if language in LEMMATISED_LANGUAGES:
        word = simplemma.lemmatize(word, lang=language).lower()
    return fold(word)


@lru_cache(maxsize=100_000)
def word_keys(word, language):
    """The search keys of one lower-case word: its folded form, its folded lemma and the
    lemma's prefix."""
    lemma = folded_lemma(word, language)
    keys = [fold(word), lemma]
    if len(lemma) > PREFIX_LENGTH and " " not in lemma:
        keys.append(lemma[:PREFIX_LENGTH])
    return tuple(dict.fromkeys(key for key in keys if key))


def words_of(text):
    return WORD.findall(clean_text(str(text or "")).lower())


def keys_of(text, language):
    """The keys of every word of `text`, in order, without repeats."""
    language = base_language(language)
    keys = []
    for word in words_of(text):
        keys.extend(word_keys(word, language))
    return list(dict.fromkeys(keys))


def normalise(text, language):
    """`text` as the normalised index holds it: the keys of each word, space-separated."""
    return " ".join(keys_of(text, language))


@lru_cache(maxsize=8)
def synonym_groups(language):
    """Each synonym group as (the folded lemmas of each phrase, the keys of all its phrases)."""
    return [
        (
            [
                frozenset(folded_lemma(word, language) for word in words_of(phrase))
                for phrase in group
            ],
            [key for phrase in group for key in keys_of(phrase, language)],
        )
        for group in SYNONYMS.get(language, [])
    ]


def query_keys(query, language):
    """The keys a query is searched with: its words as typed, their normalised keys and the
    keys of the synonyms of any phrase it contains."""
    language = base_language(language)
    terms = search_terms(query)
    keys = list(dict.fromkeys(terms.lower().split()))
    keys.extend(keys_of(terms, language))
    lemmas = {folded_lemma(word, language) for word in words_of(terms)}
    for phrases, group_keys in synonym_groups(language):
        if any(phrase <= lemmas for phrase in phrases):
            keys.extend(group_keys)
    return list(dict.fromkeys(keys))[:MAX_QUERY_KEYS]


def search_pages(queryset, query, language):
    """The pages of `queryset` that match `query`, best first (none for an empty query)."""
    keys = query_keys(query, language)
    if not keys:
        return queryset.none()
    return queryset.search(" ".join(keys), operator="or")


class NormalisedSearchMixin:
    """For a page model: `search_normalised()` is the normalised text of the page's other
    search fields, indexed as one more field (add `NORMALISED_SEARCH_FIELD` to search_fields)."""

    def search_normalised(self):
        texts = []
        for field in self.get_search_fields():
            if not isinstance(field, index.SearchField) or field.field_name in (
                NORMALISED_FIELD,
                "title",
            ):
                continue
            value = field.get_value(self)
            values = value if isinstance(value, list | tuple) else [value]
            texts.extend(strip_tags(str(item)) for item in values if item)
        language = self.locale.language_code
        title = normalise(self.title, language)
        return " ".join([title] * TITLE_WEIGHT + [normalise(" ".join(texts), language)])


NORMALISED_SEARCH_FIELD = index.SearchField(NORMALISED_FIELD)
