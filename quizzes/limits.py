"""How many attempts a person may start at a quiz, and the extra attempts staff grant."""

from .models import Attempt, AttemptState, ExtraAttempt


def attempts_allowed(quiz, user):
    """How many attempts the person may start in all (None: unlimited)."""
    if not quiz.max_attempts:
        return None
    return quiz.max_attempts + ExtraAttempt.objects.filter(quiz=quiz, user=user).count()


def attempts_remaining(quiz, user):
    allowed = attempts_allowed(quiz, user)
    if allowed is None:
        return None
    used = Attempt.objects.filter(quiz=quiz, user=user).count()
    return max(0, allowed - used)


def open_attempt(quiz, user):
    return Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.IN_PROGRESS).first()


def grant_extra_attempt(quiz, user, *, granted_by, reason=""):
    return ExtraAttempt.objects.create(quiz=quiz, user=user, granted_by=granted_by, reason=reason)
