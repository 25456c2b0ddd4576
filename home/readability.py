"""The readability rules of the easy-to-read text ("tekst łatwy do czytania", ETR).

Easy-to-read guidelines (Inclusion Europe's "Information for all", the Polish ETR guides of
public bodies) ask for short sentences with one idea each. This module measures that, so the
editor's form can refuse a text before it is published:

- no sentence has more than MAX_WORDS_PER_SENTENCE words (20): the error quotes the sentence;
- the sentences of the whole text average at most MAX_AVERAGE_WORDS words (12);
- a paragraph has at most MAX_SENTENCES_PER_PARAGRAPH sentences (4): one idea per paragraph.

A sentence ends at ".", "!", "?" or "…" followed by a space and a capital letter or a digit,
at the end of a line, or at the end of the text; the dots of common abbreviations ("np.",
"m.in.", "ul.", "e.g.") do not end one. A word is a run of letters or digits ("10 000" is two
words, "JST-NGO" and "m.in." one). The figures are deliberately simple, so an editor can count along.
"""

import re
from dataclasses import dataclass

MAX_WORDS_PER_SENTENCE = 20
MAX_AVERAGE_WORDS = 12
MAX_SENTENCES_PER_PARAGRAPH = 4

# Lower-cased abbreviations (without their final dot) after which a dot does not end a sentence.
ABBREVIATIONS = {
    "np",
    "m.in",
    "tj",
    "tzw",
    "tzn",
    "itp",
    "itd",
    "ul",
    "al",
    "art",
    "ust",
    "pkt",
    "nr",
    "r",
    "ok",
    "godz",
    "tel",
    "prof",
    "dr",
    "mgr",
    "inż",
    "e.g",
    "i.e",
    "etc",
    "mr",
    "mrs",
    "ms",
    "vs",
}
_END = re.compile(r"[.!?…]+[\"”»)]*(?=\s+[\"„«(]*[A-ZĄĆĘŁŃÓŚŹŻ0-9]|\s*$)")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int


def words_in(text: str) -> int:
    return len(_WORD.findall(text))


def _ends_with_abbreviation(fragment: str) -> bool:
    last = fragment.rstrip(".").split()[-1:] or [""]
    return last[0].lower().lstrip('(„"') in ABBREVIATIONS


def sentences(text: str) -> list[Sentence]:
    """The sentences of `text` (lines are split first: a line never continues a sentence)."""
    found = []
    for line in (text or "").splitlines():
        start = 0
        for match in _END.finditer(line):
            fragment = line[start : match.end()]
            if match.group().startswith(".") and _ends_with_abbreviation(
                line[start : match.start()] + "."
            ):
                continue
            found.append(fragment)
            start = match.end()
        found.append(line[start:])
    return [
        Sentence(" ".join(piece.split()), words_in(piece)) for piece in found if words_in(piece)
    ]


def too_long(text: str) -> list[Sentence]:
    """The sentences of `text` over MAX_WORDS_PER_SENTENCE words."""
    return [s for s in sentences(text) if s.words > MAX_WORDS_PER_SENTENCE]


def average_words(texts) -> float:
    """The mean number of words per sentence over all `texts` (0 when there is none)."""
    all_sentences = [s for text in texts for s in sentences(text)]
    if not all_sentences:
        return 0.0
    return sum(s.words for s in all_sentences) / len(all_sentences)
