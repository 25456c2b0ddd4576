"""Raw StreamField data for quizzes in tests: every question and option gets a readable id, so
tests can send answers by id."""

import json

from quizzes.models import Quiz


def _item(value, item_id):
    return {"type": "item", "value": value, "id": item_id}


def single(key, text="Pytanie?", options=(("a", "Tak", True), ("b", "Nie", False)), points=1):
    return {
        "type": "single_choice",
        "id": key,
        "value": {
            "text": text,
            "points": points,
            "feedback": f"Wyjaśnienie {key}",
            "options": [
                _item({"text": t, "correct": c, "feedback": f"Komentarz {oid}"}, f"{key}-{oid}")
                for oid, t, c in options
            ],
        },
    }


def multiple(key, options, rule="right_minus_wrong", text="Zaznacz?", points=1):
    block = single(key, text, options, points)
    block["type"] = "multiple_choice"
    block["value"]["partial_credit"] = rule
    return block


def true_false(key, correct="true", text="Prawda czy fałsz?", points=1):
    return {
        "type": "true_false",
        "id": key,
        "value": {"text": text, "points": points, "feedback": "", "correct": correct},
    }


def short_text(key, accepted, text="Wpisz?", points=1):
    return {
        "type": "short_text",
        "id": key,
        "value": {
            "text": text,
            "points": points,
            "feedback": "",
            "accepted_answers": [_item(a, f"{key}-a{i}") for i, a in enumerate(accepted)],
        },
    }


def matching(key, pairs, rule="proportional", text="Dopasuj", points=1):
    return {
        "type": "matching",
        "id": key,
        "value": {
            "text": text,
            "points": points,
            "feedback": "",
            "partial_credit": rule,
            "pairs": [
                _item({"prompt": p, "answer": a}, f"{key}-p{i}") for i, (p, a) in enumerate(pairs)
            ],
        },
    }


def ordering(key, items, rule="proportional", text="Uporządkuj", points=1):
    return {
        "type": "ordering",
        "id": key,
        "value": {
            "text": text,
            "points": points,
            "feedback": "",
            "partial_credit": rule,
            "items": [_item(t, f"{key}-i{i}") for i, t in enumerate(items)],
        },
    }


def pool(key, draw, questions, title="Pula"):
    return {
        "type": "pool",
        "id": key,
        "value": {"title": title, "draw": draw, "questions": questions},
    }


def make_quiz(questions, **settings):
    settings.setdefault("title", "Quiz testowy")
    settings.setdefault("shuffle_options", False)
    return Quiz.objects.create(questions=json.dumps(questions), **settings)
