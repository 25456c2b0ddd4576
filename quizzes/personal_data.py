"""What this app holds about a person, for "Moje dane" (export) and erasure (RODO).

Erasure keeps the attempts (they count in the knowledge-gain figures) as anonymous rows: the
link to the user is replaced by one random key shared by the person's attempts, and typed
answers are blanked."""

import uuid

from .models import Attempt, AttemptAnswer, ExtraAttempt


def export_for(user):
    attempts = (
        Attempt.objects.filter(user=user)
        .select_related("quiz")
        .prefetch_related("answers")
        .order_by("started_at")
    )
    texts_cache = {}
    rows = []
    for attempt in attempts:
        texts = texts_cache.setdefault(attempt.pk, {q["key"]: q["text"] for q in attempt.questions})
        rows.append(
            {
                "quiz": attempt.quiz.title,
                "attempt": attempt.number,
                "course_id": attempt.course_id,
                "lesson_id": attempt.lesson_id,
                "state": attempt.state,
                "started_at": attempt.started_at.isoformat(),
                "finished_at": attempt.finished_at.isoformat() if attempt.finished_at else None,
                "score": str(attempt.score) if attempt.score is not None else None,
                "max_score": str(attempt.max_score) if attempt.max_score is not None else None,
                "percent": str(attempt.percent) if attempt.percent is not None else None,
                "passed": attempt.passed,
                "organisation_type": attempt.organisation_type,
                "answers": [
                    {
                        "question": texts.get(answer.question_key, ""),
                        "response": answer.response,
                        "score": str(answer.score) if answer.score is not None else None,
                        "saved_at": answer.saved_at.isoformat(),
                    }
                    for answer in attempt.answers.all()
                ],
            }
        )
    grants = [
        {"quiz": g.quiz.title, "granted_at": g.granted_at.isoformat(), "reason": g.reason}
        for g in ExtraAttempt.objects.filter(user=user).select_related("quiz")
    ]
    return {"quiz_attempts": rows, "extra_attempts": grants}


def erase_for(user):
    anonymise_attempts(user)


def anonymise_attempts(user):
    """RODO erasure: the person's attempts stay (they count in the figures) under one random
    key; typed answers are blanked."""
    key = uuid.uuid4()
    attempts = Attempt.objects.filter(user=user)
    for answer in AttemptAnswer.objects.filter(attempt__in=attempts):
        if "text" in answer.response:
            answer.response = {**answer.response, "text": ""}
            answer.save(update_fields=["response"])
    attempts.update(user=None, anonymous_key=key)
    ExtraAttempt.objects.filter(user=user).delete()
