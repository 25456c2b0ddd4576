"""Read-only figures: knowledge gain per course (pre-test vs post-test) and question statistics.

Definitions (stated on the report page too):
- a participant counts in a course's gain when they finished both its pre-test and post-test
  (in that course);
- the pre-test score is the participant's first finished attempt (knowledge before the course,
  untouched by retries); the post-test score is the attempt that stands as the grade by the
  post-test's grading method;
- gain = post − pre in percentage points; "improved" = post > pre;
- per question: the share of participants who got it fully right, among those to whom it was
  drawn; pre- and post-test questions are paired by their text.
- difficulty of a question = the average share of its points earned; discrimination = the
  correlation between that share and the rest of the attempt's score (finished attempts).
"""

from collections import defaultdict
from decimal import Decimal
from math import sqrt

from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.models import Profile

from .grading import normalise
from .models import Attempt, AttemptAnswer, AttemptState, CourseQuizRole

ORGANISATION_TYPES = ("jst", "ngo")


def _mean(values):
    values = list(values)
    return sum(values) / len(values) if values else None


def _round(value, places=2):
    if value is None:
        return None
    return round(float(value), places)


def _roles_by_course(course_ids=None):
    roles = CourseQuizRole.objects.select_related("course")
    if course_ids is not None:
        roles = roles.filter(course_id__in=course_ids)
    by_course = defaultdict(dict)
    for role in roles:
        by_course[role.course_id][role.role] = role
    return {cid: r for cid, r in by_course.items() if "pre" in r and "post" in r}


def _attempt_rows(pairs):
    """Finished attempts of the (course, quiz) pairs, as plain rows (one query)."""
    if not pairs:
        return []
    condition = Q()
    for course_id, quiz_id in pairs:
        condition |= Q(course_id=course_id, quiz_id=quiz_id)
    return list(
        Attempt.objects.filter(condition, state=AttemptState.FINISHED)
        .order_by("number")
        .values(
            "id",
            "quiz_id",
            "course_id",
            "user_id",
            "anonymous_key",
            "number",
            "percent",
            "organisation_type",
            "quiz__grading_method",
        )
    )


def _graded_row(rows, method):
    if method == "first":
        return rows[0]
    if method == "last":
        return rows[-1]
    return max(rows, key=lambda r: (r["percent"], -r["number"]))


def _pairs_for(course_id, roles, rows, org_types, organisation_type=None):
    """[(participant, org type, pre row, post row)] of one course."""
    pre_quiz, post_quiz = roles["pre"].quiz_id, roles["post"].quiz_id
    by_person = defaultdict(lambda: {"pre": [], "post": []})
    for row in rows:
        if row["course_id"] != course_id:
            continue
        person = row["user_id"] if row["user_id"] is not None else f"anon:{row['anonymous_key']}"
        if row["quiz_id"] == pre_quiz:
            by_person[person]["pre"].append(row)
        elif row["quiz_id"] == post_quiz:
            by_person[person]["post"].append(row)
    pairs = []
    for person, found in by_person.items():
        if not (found["pre"] and found["post"]):
            continue
        pre = found["pre"][0]
        post = _graded_row(found["post"], found["post"][0]["quiz__grading_method"])
        org = org_types.get(person) or post["organisation_type"] or pre["organisation_type"]
        if organisation_type and org != organisation_type:
            continue
        pairs.append((person, org, pre, post))
    return pairs


def _org_types(rows):
    user_ids = {r["user_id"] for r in rows if r["user_id"] is not None}
    if not user_ids:
        return {}
    return dict(
        Profile.objects.filter(user_id__in=user_ids).values_list("user_id", "organisation_type")
    )


def _summary(pairs):
    n = len(pairs)
    pre = [p[2]["percent"] for p in pairs]
    post = [p[3]["percent"] for p in pairs]
    avg_pre, avg_post = _mean(pre), _mean(post)
    return {
        "participants": n,
        "avg_pre": _round(avg_pre),
        "avg_post": _round(avg_post),
        "avg_gain": _round(avg_post - avg_pre) if n else None,
        "improved_share": _round(sum(1 for a, b in zip(pre, post, strict=True) if b > a) / n, 4)
        if n
        else None,
    }


def knowledge_gain_by_course(course_ids=None, organisation_type=None):
    """For the dashboard: one dict per course that has both a pre-test and a post-test:
    course_id, title, participants, avg_pre, avg_post (percent), avg_gain (percentage
    points), improved_share (0..1). A constant number of queries whatever the data size."""
    roles = _roles_by_course(course_ids)
    pairs = [(cid, r[k].quiz_id) for cid, r in roles.items() for k in ("pre", "post")]
    rows = _attempt_rows(pairs)
    org_types = _org_types(rows)
    result = []
    for course_id, course_roles in sorted(roles.items()):
        found = _pairs_for(course_id, course_roles, rows, org_types, organisation_type)
        result.append(
            {
                "course_id": course_id,
                "title": course_roles["pre"].course.title,
                **_summary(found),
            }
        )
    return result


def question_meta(quiz):
    """{question key: (text, points)} of a quiz, pool members included, in authoring order."""
    meta = {}
    for item in quiz.questions.raw_data:
        members = item["value"].get("questions", []) if item["type"] == "pool" else [item]
        for member in members:
            value = member["value"]
            meta[member["id"]] = (value.get("text", ""), int(value.get("points") or 1))
    return meta


def question_texts(quiz):
    """{question key: text} of a quiz, pool members included, in authoring order."""
    return {key: text for key, (text, _points) in question_meta(quiz).items()}


def course_report(course, organisation_type=None):
    """The pre/post report of one course: summary, participants, and per-question shares.
    None when the course lacks a pre-test or a post-test."""
    roles = _roles_by_course([course.pk]).get(course.pk)
    if roles is None:
        return None
    rows = _attempt_rows([(course.pk, roles["pre"].quiz_id), (course.pk, roles["post"].quiz_id)])
    org_types = _org_types(rows)
    pairs = _pairs_for(course.pk, roles, rows, org_types, organisation_type)
    users = get_user_model().objects.in_bulk(
        [person for person, *_rest in pairs if isinstance(person, int)]
    )
    participants = []
    for person, org, pre, post in sorted(pairs, key=lambda p: str(p[0])):
        user = users.get(person) if isinstance(person, int) else None
        participants.append(
            {
                "name": (user.get_full_name() or user.email) if user else "",
                "email": user.email if user else "",
                "anonymous": user is None,
                "organisation_type": org,
                "pre": pre["percent"],
                "post": post["percent"],
                "gain": post["percent"] - pre["percent"],
            }
        )
    fractions = defaultdict(dict)
    answer_rows = AttemptAnswer.objects.filter(
        attempt_id__in=[p[2]["id"] for p in pairs] + [p[3]["id"] for p in pairs]
    ).values_list("attempt_id", "question_key", "fraction")
    for attempt_id, key, fraction in answer_rows:
        fractions[attempt_id][key] = fraction
    questions = _question_shares(
        question_texts(roles["pre"].quiz),
        question_texts(roles["post"].quiz),
        [fractions[p[2]["id"]] for p in pairs],
        [fractions[p[3]["id"]] for p in pairs],
    )
    return {
        "course": course,
        "pre_quiz": roles["pre"].quiz,
        "post_quiz": roles["post"].quiz,
        "summary": _summary(pairs),
        "participants": participants,
        "questions": questions,
    }


def _shares(texts, per_attempt):
    shares = {}
    for key, text in texts.items():
        drawn = [f for f in per_attempt if key in f]
        right = sum(1 for f in drawn if f[key] is not None and f[key] >= Decimal(1))
        shares[normalise(text)] = (text, len(drawn), right)
    return shares


def _question_shares(pre_texts, post_texts, pre_answers, post_answers):
    pre = _shares(pre_texts, pre_answers)
    post = _shares(post_texts, post_answers)
    rows = []
    for norm in list(dict.fromkeys([*pre, *post])):
        text, pre_n, pre_right = pre.get(norm, (None, 0, 0))
        post_text, post_n, post_right = post.get(norm, (None, 0, 0))
        pre_share = pre_right / pre_n if pre_n else None
        post_share = post_right / post_n if post_n else None
        rows.append(
            {
                "text": text or post_text,
                "pre_n": pre_n,
                "post_n": post_n,
                "pre_share": _round(pre_share, 4),
                "post_share": _round(post_share, 4),
                "change": _round(post_share - pre_share, 4)
                if pre_share is not None and post_share is not None
                else None,
            }
        )
    return rows


def question_stats(quiz):
    """Per question of a quiz (finished attempts): attempts it was drawn in, difficulty (the
    average share of its points earned) and discrimination (the correlation of that share with
    the rest of the attempt's score; None with fewer than 3 attempts or no variation)."""
    attempts = dict(
        Attempt.objects.filter(quiz=quiz, state=AttemptState.FINISHED).values_list(
            "id", "max_score"
        )
    )
    per_attempt = defaultdict(dict)
    totals = defaultdict(float)
    for attempt_id, key, fraction, score in AttemptAnswer.objects.filter(
        attempt_id__in=list(attempts)
    ).values_list("attempt_id", "question_key", "fraction", "score"):
        f = float(fraction or 0)
        per_attempt[key][attempt_id] = (f, float(score or 0))
        totals[attempt_id] += float(score or 0)
    meta = question_meta(quiz)
    stats = []
    for key in list(meta) + [k for k in per_attempt if k not in meta]:
        values = per_attempt.get(key, {})
        points = meta.get(key, ("", 1))[1]
        xs, ys = [], []
        for attempt_id, (fraction, score) in values.items():
            rest_max = float(attempts[attempt_id] or 0) - points
            xs.append(fraction)
            ys.append((totals[attempt_id] - score) / rest_max if rest_max > 0 else 0)
        stats.append(
            {
                "key": key,
                "text": meta.get(key, ("",))[0],
                "attempts": len(xs),
                "difficulty": _round(_mean(xs), 4),
                "discrimination": _round(_correlation(xs, ys), 3),
            }
        )
    return stats


def _correlation(xs, ys):
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return sxy / sqrt(sxx * syy)


def pre_tests_taken(course_ids, user_ids=None):
    """{(user_id, course_id): first finish} of the pre-tests finished in these courses (by these
    people, when given), whatever the score: one query. For apps that build on the pre-test
    (paths)."""
    course_ids = set(course_ids)
    rows = Attempt.objects.filter(
        quiz__course_roles__course_id__in=course_ids,
        quiz__course_roles__role=CourseQuizRole.Role.PRE,
        state=AttemptState.FINISHED,
        user_id__isnull=False,
    )
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    found = {}
    for user_id, finished_at, course_id in rows.values_list(
        "user_id", "finished_at", "quiz__course_roles__course_id"
    ):
        key = (user_id, course_id)
        found[key] = min(found.get(key, finished_at), finished_at)
    return found


def courses_with_pre_test(course_ids):
    """Of these course page ids, those that have a pre-test (one query)."""
    return set(
        CourseQuizRole.objects.filter(
            course_id__in=list(course_ids), role=CourseQuizRole.Role.PRE
        ).values_list("course_id", flat=True)
    )
