"""Personal data held by courses (the export_for / erase_for interface described in dashboard/data_rights.py).

Enrolments and lesson progress carry no names: they point at the user, whose names accounts
anonymise. They are kept, because they count toward the programme's indicators. Invitations
hold an e-mail and are removed."""

from courses.models import CourseInvitation, Enrolment, LessonProgress


def export_for(user):
    return {
        "enrolments": [
            {
                "course_id": e.course_id,
                "course": e.course.title,
                "status": e.status,
                "enrolled_at": e.enrolled_at.isoformat(),
                "completed_at": e.completed_at.isoformat() if e.completed_at else None,
            }
            for e in Enrolment.objects.filter(user=user).select_related("course")
        ],
        "lesson_progress": [
            {
                "lesson_id": p.lesson_id,
                "lesson": p.lesson.title,
                "status": p.status,
                "started_at": p.started_at.isoformat(),
                "completed_at": p.completed_at.isoformat() if p.completed_at else None,
            }
            for p in LessonProgress.objects.filter(user=user).select_related("lesson")
        ],
        "invitations": list(
            CourseInvitation.objects.filter(email__iexact=user.email).values(
                "course_id", "created_at"
            )
        ),
    }


def erase_for(user):
    CourseInvitation.objects.filter(email__iexact=user.email).delete()


# How "Moje dane" shows the stored codes (dashboard/presenting.py reads VALUES of every app).
VALUES = {"status": {**dict(Enrolment.Status.choices), **dict(LessonProgress.Status.choices)}}
