"""Pure functions: drawing an attempt's questions, reading answers from a form, grading.

A question snapshot (one item of `Attempt.questions`) is a plain dict. It holds the answer key,
so it never goes to a template as it is: templates get `public_question()` and, when the answer
visibility policy allows, `review_question()`.

Scores are exact fractions (`fractions.Fraction`): 3 of 5 points is exactly 60 %, so a score
exactly at the pass mark passes.
"""

import re
import secrets
import unicodedata
from fractions import Fraction

from django.utils.translation import gettext as _

_random = secrets.SystemRandom()

# Letters that Unicode does not decompose into a base letter and a diacritic.
_EXTRA_FOLDS = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "đ": "d"})
_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = " .,;:!?\"'„”“«»()"


def normalise(text):
    """Case-, diacritic- and spacing-insensitive form of a typed answer: ' Wójt ' == 'wojt'."""
    text = (text or "").translate(_EXTRA_FOLDS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACES.sub(" ", text.casefold()).strip(_EDGE_PUNCTUATION)
    return text


# --- drawing ---------------------------------------------------------------------------------


def _shuffled(items, rng, avoid_identity=False):
    items = list(items)
    if len(items) < 2:
        return items
    for _attempt in range(10):
        result = items[:]
        rng.shuffle(result)
        if not avoid_identity or result != items:
            return result
    return result


def snapshot_question(block_type, block_id, value, *, shuffle_options, rng, pool=None):
    """The dict an attempt keeps for one question (display order fixed once, key included)."""
    q = {
        "key": str(block_id),
        "type": block_type,
        "text": value["text"],
        "points": int(value["points"]),
        "feedback": value.get("feedback") or "",
        "pool": pool,
    }
    if block_type in ("single_choice", "multiple_choice"):
        options = [
            {
                "id": str(child.id),
                "text": child.value["text"],
                "correct": bool(child.value["correct"]),
                "feedback": child.value.get("feedback") or "",
            }
            for child in value["options"].bound_blocks
        ]
        q["options"] = _shuffled(options, rng) if shuffle_options else options
        if block_type == "multiple_choice":
            q["rule"] = value["partial_credit"]
    elif block_type == "true_false":
        q["correct"] = value["correct"]
    elif block_type == "short_text":
        q["accepted"] = [str(answer) for answer in value["accepted_answers"]]
    elif block_type == "matching":
        prompts, answers, key = [], [], {}
        for child in value["pairs"].bound_blocks:
            token = secrets.token_hex(4)
            prompts.append({"id": str(child.id), "text": child.value["prompt"]})
            answers.append({"id": token, "text": child.value["answer"]})
            key[str(child.id)] = token
        q["prompts"] = _shuffled(prompts, rng) if shuffle_options else prompts
        # Answers in the authored order would sit beside their prompts: always shuffle them.
        q["answers"] = _shuffled(answers, rng, avoid_identity=True)
        q["match"] = key
        q["rule"] = value["partial_credit"]
    elif block_type == "ordering":
        items = [
            {"id": str(child.id), "text": str(child.value)} for child in value["items"].bound_blocks
        ]
        q["order"] = [item["id"] for item in items]
        q["items"] = _shuffled(items, rng, avoid_identity=True)
        q["rule"] = value["partial_credit"]
    return q


def draw_questions(stream, *, shuffle_questions=False, shuffle_options=False, rng=None):
    """The questions of one attempt: each pool replaced by `draw` of its questions at random."""
    rng = rng or _random
    drawn = []
    for child in stream:
        if child.block_type == "pool":
            members = list(child.value["questions"])
            for member in rng.sample(members, min(child.value["draw"], len(members))):
                drawn.append(
                    snapshot_question(
                        member.block_type,
                        member.id,
                        member.value,
                        shuffle_options=shuffle_options,
                        rng=rng,
                        pool=str(child.id),
                    )
                )
        else:
            drawn.append(
                snapshot_question(
                    child.block_type,
                    child.id,
                    child.value,
                    shuffle_options=shuffle_options,
                    rng=rng,
                )
            )
    if shuffle_questions:
        rng.shuffle(drawn)
    return drawn


# --- what templates may see ------------------------------------------------------------------


def public_question(q, response=None):
    """A question as the participant sees it while answering: no answer key, no feedback."""
    response = response or {}
    public = {"key": q["key"], "type": q["type"], "text": q["text"], "points": q["points"]}
    if q["type"] in ("single_choice", "multiple_choice"):
        chosen = set(response.get("options") or [])
        public["options"] = [
            {"id": o["id"], "text": o["text"], "checked": o["id"] in chosen} for o in q["options"]
        ]
    elif q["type"] == "true_false":
        public["value"] = response.get("value", "")
    elif q["type"] == "short_text":
        public["value"] = response.get("text", "")
    elif q["type"] == "matching":
        chosen = response.get("pairs") or {}
        public["answers"] = q["answers"]
        public["prompts"] = [
            {"id": p["id"], "text": p["text"], "value": chosen.get(p["id"], "")}
            for p in q["prompts"]
        ]
    elif q["type"] == "ordering":
        chosen = response.get("positions") or {}
        public["positions"] = list(range(1, len(q["items"]) + 1))
        public["items"] = [
            {"id": i["id"], "text": i["text"], "value": chosen.get(i["id"], 0)} for i in q["items"]
        ]
    return public


def review_question(q, response, fraction):
    """A question with the participant's answer, the right answer and the feedback (only for
    result pages whose visibility policy allows it)."""
    response = response or {}
    review = {
        "key": q["key"],
        "type": q["type"],
        "text": q["text"],
        "points": q["points"],
        "score": Fraction(fraction or 0) * q["points"],
        "fully_correct": fraction == 1,
        "feedback": q["feedback"],
        "lines": [],
    }
    lines = review["lines"]
    if q["type"] in ("single_choice", "multiple_choice"):
        chosen = set(response.get("options") or [])
        for o in q["options"]:
            lines.append(
                {
                    "text": o["text"],
                    "chosen": o["id"] in chosen,
                    "correct": o["correct"],
                    "feedback": o["feedback"] if o["id"] in chosen else "",
                }
            )
    elif q["type"] == "true_false":
        review["given"] = response.get("value", "")
        review["correct_value"] = q["correct"]
    elif q["type"] == "short_text":
        review["given"] = response.get("text", "")
        review["accepted"] = q["accepted"]
    elif q["type"] == "matching":
        chosen = response.get("pairs") or {}
        texts = {a["id"]: a["text"] for a in q["answers"]}
        for p in q["prompts"]:
            lines.append(
                {
                    "text": p["text"],
                    "given": texts.get(chosen.get(p["id"]), ""),
                    "right": texts[q["match"][p["id"]]],
                    "correct": chosen.get(p["id"]) == q["match"][p["id"]],
                }
            )
    elif q["type"] == "ordering":
        chosen = response.get("positions") or {}
        texts = {i["id"]: i["text"] for i in q["items"]}
        for position, item_id in enumerate(q["order"], start=1):
            lines.append(
                {
                    "text": texts[item_id],
                    "given": chosen.get(item_id) or "",
                    "right": position,
                    "correct": chosen.get(item_id) == position,
                }
            )
    return review


# --- reading a submitted form ------------------------------------------------------------------


class AnswerError(ValueError):
    """A submitted answer that cannot belong to the question (tampered or stale form)."""

    def __init__(self, key, message):
        super().__init__(message)
        self.key = key
        self.message = message


FIELD_PREFIX = "q-"


def field_name(q):
    return f"{FIELD_PREFIX}{q['key']}"


def parse_response(q, data):
    """The response dict for question `q` from a QueryDict, or None when the form did not
    include the question. Raises AnswerError for values that do not belong to it."""
    name = field_name(q)
    if name + "-shown" not in data and name not in data:
        return None
    if q["type"] in ("single_choice", "multiple_choice"):
        values = [v for v in data.getlist(name) if v]
        valid = {o["id"] for o in q["options"]}
        if any(v not in valid for v in values):
            raise AnswerError(q["key"], _("The chosen option does not belong to this question."))
        if q["type"] == "single_choice" and len(values) > 1:
            raise AnswerError(q["key"], _("Choose only one option."))
        return {"options": list(dict.fromkeys(values))}
    if q["type"] == "true_false":
        value = data.get(name, "")
        if value not in ("", "true", "false"):
            raise AnswerError(q["key"], _("Choose true or false."))
        return {"value": value}
    if q["type"] == "short_text":
        text = data.get(name, "")
        if len(text) > 500:
            raise AnswerError(q["key"], _("The answer is too long (500 characters at most)."))
        return {"text": text}
    if q["type"] == "matching":
        valid = {a["id"] for a in q["answers"]}
        pairs = {}
        for p in q["prompts"]:
            value = data.get(f"{name}-{p['id']}", "")
            if value and value not in valid:
                raise AnswerError(
                    q["key"], _("The chosen answer does not belong to this question.")
                )
            if value:
                pairs[p["id"]] = value
        return {"pairs": pairs}
    if q["type"] == "ordering":
        positions = {}
        for item in q["items"]:
            raw = data.get(f"{name}-{item['id']}", "")
            if not raw:
                continue
            try:
                position = int(raw)
            except ValueError:
                position = 0
            if not 1 <= position <= len(q["items"]):
                raise AnswerError(q["key"], _("Choose a position from the list."))
            positions[item["id"]] = position
        return {"positions": positions}
    return None


def question_field_names(q):
    name = field_name(q)
    names = {name, name + "-shown"}
    if q["type"] == "matching":
        names |= {f"{name}-{p['id']}" for p in q["prompts"]}
    elif q["type"] == "ordering":
        names |= {f"{name}-{item['id']}" for item in q["items"]}
    return names


def unknown_question_fields(questions, data):
    """Names of submitted answer fields that belong to no question drawn for the attempt."""
    known = set()
    for q in questions:
        known |= question_field_names(q)
    return sorted(name for name in data if name.startswith(FIELD_PREFIX) and name not in known)


# --- grading -----------------------------------------------------------------------------------


def grade(q, response):
    """The share of the question's points earned (a Fraction from 0 to 1)."""
    response = response or {}
    kind = q["type"]
    if kind == "single_choice":
        chosen = response.get("options") or []
        right = next(o["id"] for o in q["options"] if o["correct"])
        return Fraction(1 if chosen == [right] else 0)
    if kind == "multiple_choice":
        chosen = set(response.get("options") or [])
        right = {o["id"] for o in q["options"] if o["correct"]}
        every = {o["id"] for o in q["options"]}
        if q["rule"] == "all_or_nothing":
            return Fraction(1 if chosen == right else 0)
        if q["rule"] == "per_option":
            good = len(chosen & right) + len((every - right) - chosen)
            return Fraction(good, len(every))
        # right_minus_wrong
        value = Fraction(len(chosen & right) - len(chosen - right), len(right))
        return max(Fraction(0), value)
    if kind == "true_false":
        return Fraction(1 if response.get("value") == q["correct"] else 0)
    if kind == "short_text":
        given = normalise(response.get("text", ""))
        accepted = {normalise(a) for a in q["accepted"]}
        return Fraction(1 if given and given in accepted else 0)
    if kind == "matching":
        chosen = response.get("pairs") or {}
        good = sum(1 for pid, token in q["match"].items() if chosen.get(pid) == token)
        return _pair_score(good, len(q["match"]), q["rule"])
    if kind == "ordering":
        chosen = response.get("positions") or {}
        good = sum(
            1
            for position, item_id in enumerate(q["order"], start=1)
            if chosen.get(item_id) == position
        )
        return _pair_score(good, len(q["order"]), q["rule"])
    return Fraction(0)


def _pair_score(good, total, rule):
    if rule == "all_or_nothing":
        return Fraction(1 if good == total else 0)
    return Fraction(good, total)


def passes(score, max_score, pass_mark):
    """Exact comparison: score / max >= pass_mark %. An empty quiz passes at mark 0 only."""
    score, max_score = Fraction(score), Fraction(max_score)
    if max_score == 0:
        return pass_mark == 0
    return score * 100 >= max_score * pass_mark
