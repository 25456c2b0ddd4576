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

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from math import prod

import simplemma
from django.db.models import Count, Q
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.query import And, PlainText

from cms.chrome import content_version
from cms.models import SearchSynonym
from cms.safe_text import clean_text, search_terms

WORD = re.compile(r"\w+")
# Languages simplemma has a dictionary for, among the site's; any other text is only folded.
LEMMATISED_LANGUAGES = {"pl", "en"}
# Long enough that unrelated words rarely share it ("organi", "spolec", "inicja"), short enough
# that a Polish ending never reaches it.
PREFIX_LENGTH = 6
# A query longer than this many keys is cut: the engines slow down on very long OR queries.
MAX_QUERY_KEYS = 40
# Longer text is cut, never refused: the search answers whatever was typed.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
# The database backend weighs only a field named "title" above the rest, and the normalised text
# is one field: repeating the title's keys there makes a page named after the query rank first.
TITLE_WEIGHT = 3
NORMALISED_FIELD = "search_normalised"


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
    """The lemma of one lower-case word, folded ("dotacji" -> "dotacja", "łodzi" -> "lodz",
    "malych" -> "mały" -> "maly")."""
    if language in LEMMATISED_LANGUAGES:
        word = simplemma.lemmatize(restored(word, language), lang=language).lower()
    return fold(word)


# Letters a word typed without Polish letters may stand for.
DIACRITICS = {
    "pl": {"a": "ą", "c": "ć", "e": "ę", "l": "ł", "n": "ń", "o": "ó", "s": "ś", "z": "źż"}
}
MAX_RESTORATIONS = 64


@lru_cache(maxsize=100_000)
def restored(word, language):
    """A word typed without its Polish letters as the dictionary knows it ("malych" ->
    "małych"): the first spelling with letters put back that the dictionary holds, or the word
    itself when it is known as typed, holds no such letter, or has too many to try."""
    table = DIACRITICS.get(language)
    if not table or not word.isascii() or simplemma.is_known(word, lang=language):
        return word
    options = [letter + table.get(letter, "") for letter in word]
    if prod(len(option) for option in options) > MAX_RESTORATIONS:
        return word
    for letters in product(*options):
        candidate = "".join(letters)
        if candidate != word and simplemma.is_known(candidate, lang=language):
            return candidate
    return word


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


def synonym_groups(language):
    """Each synonym group of `language` as (the folded lemmas of each phrase, the keys of all
    its phrases), from the SearchSynonym snippet, kept in memory per content version (saving or
    deleting a synonym renews it)."""
    version = content_version()
    cached = _synonyms.get(language)
    if cached is None or cached[0] != version:
        groups = [
            synonym.phrase_list() for synonym in SearchSynonym.objects.filter(language=language)
        ]
        cached = _synonyms[language] = (version, _groups(tuple(map(tuple, groups)), language))
    return cached[1]


_synonyms = {}


@lru_cache(maxsize=64)
def _groups(groups, language):
    return [
        (
            [
                frozenset(folded_lemma(word, language) for word in words_of(phrase))
                for phrase in group
            ],
            [key for phrase in group for key in keys_of(phrase, language)],
        )
        for group in groups
    ]


def query_keys(query, language):
    """The keys a query is searched with: its words as typed, their normalised keys and the
    keys of the synonyms of any phrase it contains."""
    return list(parse(query, language).keys)


# Words that carry no topic: required by no query (a query of them only still searches them).
STOPWORDS = {
    "pl": set(
        "a aby albo ale bez by czy dla do i ich im jak jaka jaki jakie jest je jego jej kto "
        "ktora ktore ktory ku lub ma na nad nie o od oraz po pod przez przy sie so ta tak te "
        "to tu w we z za ze co gdzie kiedy czym".split()
    ),
    "en": set(
        "a an and are as at be by can do does for from how i in is it of on or the to what "
        "when where which who why with".split()
    ),
}
# Typo tolerance: a word of at least this many letters that no page holds also matches the
# indexed words one edit away from it.
TYPO_MIN_LENGTH = 5
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class ParsedQuery:
    """A query as every search box of the site uses it.

    `concepts` are what a page must hold, all of them (a word, or a phrase of the programme's
    vocabulary): each is a tuple of keys, any one of which is enough (the word as typed, its
    lemma, the lemma's prefix, a word one typo away, the keys of a synonym)."""

    text: str
    language: str
    words: tuple = ()
    concepts: tuple = ()
    corrections: tuple = ()

    def __bool__(self):
        return bool(self.concepts)

    @property
    def keys(self):
        return tuple(dict.fromkeys(key for concept in self.concepts for key in concept))[
            :MAX_QUERY_KEYS
        ]


def parse(query, language, vocabulary=None):
    """The ParsedQuery of what a visitor typed (any text: it is cleaned and cut here).

    With `vocabulary` (a set of folded words the index holds), a word the index does not hold
    also matches the indexed words one edit away (typo tolerance)."""
    language = base_language(language)
    terms = search_terms(str(query or "")[:MAX_QUERY_CHARS])
    words = words_of(terms)[:MAX_QUERY_WORDS]
    if not words:
        return ParsedQuery(text="", language=language)
    lemmas = [folded_lemma(word, language) for word in words]
    used = set()
    concepts = []
    for phrases, group_keys in synonym_groups(language):
        for phrase in phrases:
            positions = [i for i, lemma in enumerate(lemmas) if lemma in phrase]
            if phrase and phrase <= set(lemmas) and not used & set(positions):
                used.update(positions)
                concepts.append(tuple(dict.fromkeys(group_keys)))
                break
    stopwords = STOPWORDS.get(language, set())
    rest = [i for i in range(len(words)) if i not in used]
    topical = [i for i in rest if fold(words[i]) not in stopwords]
    if topical or concepts:
        rest = topical
    corrections = []
    for i in rest:
        keys = [words[i], fold(words[i]), *word_keys(words[i], language)]
        if vocabulary is not None and len(keys[1]) >= TYPO_MIN_LENGTH:
            if not any(key in vocabulary for key in keys):
                near = sorted(one_edit_away(keys[1], vocabulary))
                corrections.extend(near)
                for word in near:
                    keys.extend(word_keys(word, language))
        concepts.append(tuple(dict.fromkeys(key for key in keys if key)))
    return ParsedQuery(
        text=terms,
        language=language,
        words=tuple(words),
        concepts=tuple(concept for concept in concepts if concept),
        corrections=tuple(corrections),
    )


def one_edit_away(word, vocabulary):
    """The words of `vocabulary` one deletion, insertion, substitution or transposition away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in LETTERS}
    edits |= {a + c + b for a, b in splits for c in LETTERS}
    edits.discard(word)
    return {edit for edit in edits if edit in vocabulary}


def search_query(parsed, operator="and"):
    """The Wagtail search query of a ParsedQuery: every concept (any of its keys), or with
    operator "or" any key at all."""
    if operator == "or" or len(parsed.concepts) == 1:
        return PlainText(" ".join(parsed.keys), operator="or")
    return And([PlainText(" ".join(concept), operator="or") for concept in parsed.concepts])


def text_filter(field, parsed):
    """The ORM filter of a ParsedQuery over a text column that holds `normalise()`'s output
    between spaces: the same rule as the search backend's (every concept, any of its keys)."""
    condition = Q()
    for concept in parsed.concepts:
        any_key = Q()
        for key in concept:
            any_key |= Q(**{f"{field}__contains": f" {key} "})
        condition &= any_key
    return condition


def stored_text(text, language):
    """`normalise(text)` as `text_filter` expects it in a column."""
    return f" {normalise(text, language)} "


def search_pages(queryset, query, language):
    """The pages of `queryset` that match `query`, best first (none for an empty query)."""
    return search(queryset, query, language).results


# Callables (queryset, user) -> queryset that take out of any search the pages a person may not
# open; an app registers one at start-up (courses: lessons of courses one is not enrolled in).
_visibility_rules = []


def register_visibility_rule(rule):
    if rule not in _visibility_rules:
        _visibility_rules.append(rule)


def visible_to(queryset, user):
    for rule in _visibility_rules:
        queryset = rule(queryset, user)
    return queryset


@dataclass
class Outcome:
    """What a search found: `results` best first (a sequence Paginator can page), `matched_all`
    False when no page held every concept and the pages holding any of them are shown."""

    parsed: ParsedQuery
    results: object
    matched_all: bool = True


def search(queryset, query, language, user=None, request=None):
    """The one search of the site (the search page, the catalogue's ids, the API, the admin).

    Pages that hold every concept of the query come first, ranked by the backend (how many keys,
    how rare) and then, among the first RERANKED, those whose title holds the query as typed
    before the rest; when no page holds them all, the pages holding any of them."""
    if isinstance(query, ParsedQuery):
        parsed = query
    else:
        parsed = parse(query, language, indexed_words(request) if words_of(query) else None)
    if user is not None:
        queryset = visible_to(queryset, user)
    if not parsed:
        return Outcome(parsed, queryset.none())
    matched_all = True
    if len(parsed.concepts) > 1:
        # The backend ranks an And query badly (SQLite multiplies negative BM25 scores), so
        # the And query only chooses the pages and the Or query of all keys ranks them.
        holding_all = queryset.filter(pk__in=matching_ids(queryset, parsed))
        if holding_all.exists():
            queryset = holding_all
        else:
            matched_all = False
    results = queryset.search(search_query(parsed, "or"), operator="or")
    return Outcome(parsed, RankedResults(results, parsed), matched_all)


def matching_ids(queryset, parsed, operator="and"):
    """A subquery of the ids of the pages of `queryset` that hold every concept of `parsed`
    (with operator "or": any key), for a filter: `pk__in=`."""
    found = queryset.search(search_query(parsed, operator), operator="or", order_by_relevance=False)
    return found.get_queryset().order_by().values("pk")


def filter_matching(queryset, query, language, user=None, request=None):
    """The pages of `queryset` the search finds for `query`, as a plain queryset in the
    queryset's own order (for a listing sorted by something else than relevance)."""
    outcome = search(queryset, query, language, user=user, request=request)
    if not outcome.parsed:
        return queryset.none()
    if outcome.matched_all and len(outcome.parsed.concepts) > 1:
        return queryset.filter(pk__in=matching_ids(queryset, outcome.parsed))
    return queryset.filter(pk__in=matching_ids(queryset, outcome.parsed, "or"))


def parse_in_languages(query, languages, request=None):
    """One ParsedQuery whose concepts accept the keys of every language in `languages` (the
    admin searches pages of all languages at once)."""
    vocabulary = indexed_words(request) if words_of(query) else None
    parsed = [parse(query, language, vocabulary) for language in languages]
    first = parsed[0]
    if any(len(other.concepts) != len(first.concepts) for other in parsed[1:]):
        return first
    concepts = tuple(
        tuple(dict.fromkeys(key for concept in group for key in concept))
        for group in zip(*(p.concepts for p in parsed), strict=True)
    )
    return ParsedQuery(first.text, first.language, first.words, concepts, first.corrections)


# How many of the backend's best results are re-ordered by the surface rule.
RERANKED = 50


TITLE_NAME = re.compile(r":|\s[–—-]\s")


def surface_rank(page, parsed):
    """How closely a page's title answers the query: (0,) when it holds the query as typed
    (folded), (1,) when it holds all its words as typed, (2, n) when each word is met by the
    title's normalised keys (its lemma, its prefix), n being the other words of the title's name
    (before a colon or a dash: the page named after the query first), (3, n) when the title
    meets the words only through a synonym, (4,) otherwise."""
    phrase = f" {fold(' '.join(parsed.words))} "
    title = f" {fold(page.title)} "
    if phrase in title:
        return (0, 0)
    if all(f" {fold(word)} " in title for word in parsed.words):
        return (1, 0)
    title_words = words_of(page.title)
    keys = {word: set(word_keys(word, parsed.language)) | {word} for word in title_words}
    title_keys = set().union(*keys.values()) if keys else set()
    stopwords = STOPWORDS.get(parsed.language, set())
    own_words = [
        {fold(word), *word_keys(word, parsed.language)}
        for word in parsed.words
        if fold(word) not in stopwords
    ]
    if own_words and all(title_keys & own for own in own_words):
        # The name before a colon or dash ("Budżet obywatelski: mieszkańcy decydują…").
        name = words_of(TITLE_NAME.split(page.title, maxsplit=1)[0])
        wanted = set().union(*own_words)
        other = sum(1 for word in name if not keys.get(word, {word}) & wanted)
        return (2, other)
    if all(title_keys & set(concept) for concept in parsed.concepts):
        # Through a synonym ("BO" -> "Budżet obywatelski").
        name = words_of(TITLE_NAME.split(page.title, maxsplit=1)[0])
        wanted = set(parsed.keys)
        other = sum(1 for word in name if not keys.get(word, {word}) & wanted)
        return (3, other)
    return (4, 0)


class RankedResults:
    """Backend results with their first RERANKED re-ordered by `surface_rank` (stable)."""

    def __init__(self, results, parsed):
        self.results = results
        self.parsed = parsed
        self._head = None
        self._count = None

    def count(self):
        if self._count is None:
            self._count = self.results.count()
        return self._count

    def __len__(self):
        return self.count()

    def head(self):
        if self._head is None:
            found = list(self.results[:RERANKED])
            self._head = sorted(found, key=lambda page: surface_rank(page, self.parsed))
        return self._head

    def __getitem__(self, item):
        if isinstance(item, int):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        if stop is not None and stop <= RERANKED:
            return self.head()[start:stop]
        if start >= RERANKED:
            return list(self.results[start:stop])
        return self.head()[start:] + list(self.results[RERANKED:stop])

    def __iter__(self):
        return iter(self[0 : self.count()])

    def facet(self, field_name):
        return self.results.facet(field_name)


def indexed_words(request=None):
    """The folded words (and their lemmas and prefixes) of every live page's title and
    description: what typo tolerance corrects towards and suggestions are made of. Kept in
    memory per content version (any page save renews it; read once per request)."""
    version = content_version(request)
    if _vocabulary.get("version") != version:
        _vocabulary.clear()
        _vocabulary["words"] = build_vocabulary()
        _vocabulary["version"] = version
    return _vocabulary["words"]


_vocabulary = {}


def build_vocabulary():
    words = {}
    rows = (
        Page.objects.live()
        .filter(depth__gt=1)
        .values_list("title", "search_description", "locale__language_code")
    )
    for title, description, language in rows:
        language = base_language(language)
        for word in words_of(f"{title} {description}"):
            for key in (word, *word_keys(word, language)):
                if key.isalpha():
                    words.setdefault(key, word)
    return words


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


def type_counts(queryset, parsed, user=None, request=None):
    """{content type id: number of pages found} for the query's facet of result types."""
    found = filter_matching(queryset, parsed, parsed.language, user=user, request=request)
    rows = found.order_by().values("content_type").annotate(n=Count("pk"))
    return {row["content_type"]: row["n"] for row in rows}


def suggestion(parsed, vocabulary):
    """ "Did you mean": the query with each word the index does not hold replaced by the
    closest indexed word (as it is written on the site), or "" when there is none."""
    words = []
    changed = False
    for word in parsed.words:
        folded = fold(word)
        if folded in vocabulary or not folded.isalpha() or len(folded) < 3:
            words.append(word)
            continue
        close = difflib.get_close_matches(folded, list(vocabulary), n=1, cutoff=0.75)
        if close:
            words.append(vocabulary[close[0]])
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else ""


SENTENCE = re.compile(r"(?<=[.!?])\s+")
PASSAGE_CHARS = 240


def page_text(page):
    """The text of a page's own search fields (without the title and the normalised copy)."""
    texts = []
    for field in page.get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name in (
            NORMALISED_FIELD,
            "title",
        ):
            continue
        try:
            value = field.get_value(page)
        except AttributeError:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        texts.extend(strip_tags(str(item)) for item in values if item)
    return " ".join(" ".join(texts).split())


def highlight(text, parsed, limit=PASSAGE_CHARS):
    """The passage of `text` that holds most query words (in any of their forms), escaped,
    with those words in <mark>; "" when no sentence holds one."""
    if not parsed or not text:
        return ""
    keys = set(parsed.keys)
    language = parsed.language

    def matches(word):
        return bool({word.lower(), fold(word), *word_keys(word.lower(), language)} & keys)

    best, best_score = "", 0
    for sentence in SENTENCE.split(clean_text(text)):
        score = len({fold(word) for word in WORD.findall(sentence) if matches(word)})
        if score > best_score:
            best, best_score = sentence, score
    if not best:
        return ""
    if len(best) > limit:
        first = next(m.start() for m in WORD.finditer(best) if matches(m.group()))
        start = max(0, first - limit // 3)
        best = ("…" if start else "") + best[start : start + limit] + "…"
    parts, last = [], 0
    for m in WORD.finditer(best):
        if matches(m.group()):
            parts.append(escape(best[last : m.start()]))
            parts.append(format_html("<mark>{}</mark>", m.group()))
            last = m.end()
    parts.append(escape(best[last:]))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 (each part escaped)
