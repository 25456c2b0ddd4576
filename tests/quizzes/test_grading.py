"""Every grading rule, on snapshots built from raw stream data (no database)."""

import random
from fractions import Fraction

import pytest
from django.http import QueryDict

from quizzes import grading
from quizzes.question_blocks import QuizQuestionsBlock

from .builders import matching, multiple, ordering, pool, short_text, single, true_false


def drawn(*questions, **kwargs):
    stream = QuizQuestionsBlock().to_python(list(questions))
    return grading.draw_questions(stream, rng=random.Random(1), **kwargs)


def q_of(block, **kwargs):
    return drawn(block, **kwargs)[0]


def test_single_choice():
    q = q_of(single("s", options=(("a", "A", False), ("b", "B", True), ("c", "C", False))))
    assert grading.grade(q, {"options": ["s-b"]}) == 1
    assert grading.grade(q, {"options": ["s-a"]}) == 0
    assert grading.grade(q, {}) == 0


OPTIONS = (("a", "A", True), ("b", "B", True), ("c", "C", False), ("d", "D", False))


@pytest.mark.parametrize(
    ("rule", "chosen", "expected"),
    [
        ("all_or_nothing", ["m-a", "m-b"], Fraction(1)),
        ("all_or_nothing", ["m-a"], Fraction(0)),
        ("all_or_nothing", ["m-a", "m-b", "m-c"], Fraction(0)),
        ("right_minus_wrong", ["m-a", "m-b"], Fraction(1)),
        ("right_minus_wrong", ["m-a"], Fraction(1, 2)),
        ("right_minus_wrong", ["m-a", "m-c"], Fraction(0)),
        ("right_minus_wrong", ["m-c", "m-d"], Fraction(0)),  # never below zero
        ("right_minus_wrong", ["m-a", "m-b", "m-c"], Fraction(1, 2)),
        ("per_option", ["m-a", "m-b"], Fraction(1)),
        ("per_option", ["m-a"], Fraction(3, 4)),
        ("per_option", ["m-a", "m-c"], Fraction(1, 2)),
        ("per_option", [], Fraction(1, 2)),
        ("per_option", ["m-c", "m-d"], Fraction(0)),
    ],
)
def test_multiple_choice_partial_credit(rule, chosen, expected):
    q = q_of(multiple("m", OPTIONS, rule=rule))
    assert grading.grade(q, {"options": chosen}) == expected


def test_true_false():
    q = q_of(true_false("t", "false"))
    assert grading.grade(q, {"value": "false"}) == 1
    assert grading.grade(q, {"value": "true"}) == 0
    assert grading.grade(q, {"value": ""}) == 0


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("wójt", 1),
        ("WOJT", 1),
        ("  Wójt. ", 1),
        ("Burmistrz", 1),
        ("skarbnik", 0),
        ("", 0),
        ("Rada  Gminy", 1),
        ("rada gminy", 1),
        ("Łódź", 1),
        ("lodz", 1),
    ],
)
def test_short_text_is_case_and_diacritic_insensitive(given, expected):
    q = q_of(short_text("s", ["Wójt", "burmistrz", "rada gminy", "Łódź"]))
    assert grading.grade(q, {"text": given}) == expected


def test_matching_proportional_and_all_or_nothing():
    pairs = [("art. 19a", "małe granty"), ("art. 16a", "regranting"), ("art. 5a", "program")]
    q = q_of(matching("x", pairs))
    key = q["match"]
    assert len({a["id"] for a in q["answers"]}) == 3
    full = dict(key)
    assert grading.grade(q, {"pairs": full}) == 1
    one_wrong = {**full, "x-p0": key["x-p1"], "x-p1": key["x-p0"]}
    assert grading.grade(q, {"pairs": one_wrong}) == Fraction(1, 3)
    q_strict = q_of(matching("x", pairs, rule="all_or_nothing"))
    assert grading.grade(q_strict, {"pairs": dict(q_strict["match"])}) == 1
    partial = {"x-p0": q_strict["match"]["x-p0"]}
    assert grading.grade(q_strict, {"pairs": partial}) == 0


def test_ordering():
    q = q_of(ordering("o", ["uchwała", "ogłoszenie", "oferty", "umowa"]))
    assert q["items"] != [{"id": f"o-i{i}", "text": t} for i, t in enumerate(q["order"])]
    right = {f"o-i{i}": i + 1 for i in range(4)}
    assert grading.grade(q, {"positions": right}) == 1
    swapped = {**right, "o-i0": 2, "o-i1": 1}
    assert grading.grade(q, {"positions": swapped}) == Fraction(1, 2)
    strict = q_of(ordering("o", ["a", "b", "c"], rule="all_or_nothing"))
    assert grading.grade(strict, {"positions": {"o-i0": 1, "o-i1": 3, "o-i2": 2}}) == 0


def test_pass_mark_edge_is_exact():
    # 3 of 5 = 60% exactly: passes at 60, fails at 61; float arithmetic would get this wrong.
    assert grading.passes(Fraction(3), Fraction(5), 60)
    assert not grading.passes(Fraction(3), Fraction(5), 61)
    assert grading.passes(Fraction(7, 10) * 10, 10, 70)
    assert not grading.passes(Fraction(299, 100), 5, 60)


def test_pool_draws_n_and_shuffle_keeps_all_questions():
    questions = drawn(
        single("fixed"),
        pool("p", 2, [true_false("p1"), true_false("p2"), true_false("p3"), true_false("p4")]),
        shuffle_questions=True,
    )
    keys = [q["key"] for q in questions]
    assert len(keys) == 3
    assert "fixed" in keys
    assert len({k for k in keys if k.startswith("p")}) == 2
    assert all(q["pool"] == "p" for q in questions if q["key"] != "fixed")


def test_public_question_has_no_answer_key():
    for block in (
        single("a"),
        multiple("b", OPTIONS),
        true_false("c"),
        short_text("d", ["sekretny-klucz"]),
        matching("e", [("1", "x"), ("2", "y")]),
        ordering("f", ["x", "y", "z"]),
    ):
        public = grading.public_question(q_of(block))
        assert not {"correct", "accepted", "match", "order", "feedback"} & set(public)
        assert "correct" not in repr(public.get("options", []))
        assert "sekretny-klucz" not in repr(public)


def test_parse_response_rejects_foreign_values():
    q = q_of(single("s"))
    data = QueryDict(mutable=True)
    data.setlist("q-s", ["inne-pytanie-a"])
    with pytest.raises(grading.AnswerError):
        grading.parse_response(q, data)
    two = QueryDict(mutable=True)
    two.setlist("q-s", ["s-a", "s-b"])
    with pytest.raises(grading.AnswerError):
        grading.parse_response(q, two)
    assert grading.parse_response(q, QueryDict("")) is None
    assert grading.parse_response(q, QueryDict("q-s-shown=1")) == {"options": []}
    assert grading.unknown_question_fields([q], QueryDict("q-s=s-a&q-obce=1")) == ["q-obce"]
