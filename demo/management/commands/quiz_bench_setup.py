"""`manage.py quiz_bench_setup`: prepare what `bench/quizzes.py` measures and print it as JSON.

Creates (once) a 20-question quiz, an unpublished lesson holding it in the first course, and bench
participants enrolled in that course; removes their earlier attempts;
opens a session for them. Nothing of it is visible on the public site."""

import json

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError

from courses import enrolment
from courses.models import CoursePage, LessonPage
from courses.models.progress import Enrolment
from demo.content import quizzes as demo
from quizzes.models import Attempt, Quiz

TITLE = "Pomiar wydajności: 20 pytań"
EMAIL = "bench-quiz-{}@mwf.example.pl"


def bench_questions():
    questions = []
    for i in range(6):
        questions.append(
            demo.single(
                f"Pytanie jednokrotnego wyboru {i + 1}",
                [("Dobra", True, "Tak."), ("Zła", False, "Nie."), ("Inna", False, "")],
            )
        )
    for i in range(4):
        questions.append(
            demo.multiple(
                f"Pytanie wielokrotnego wyboru {i + 1}",
                [("A", True, ""), ("B", True, ""), ("C", False, ""), ("D", False, "")],
            )
        )
    for i in range(4):
        questions.append(demo.true_false(f"Zdanie {i + 1}", "true"))
    for i in range(3):
        questions.append(demo.short_text(f"Wpisz słowo {i + 1}", ["wójt", "burmistrz"]))
    for i in range(2):
        questions.append(demo.matching(f"Dopasuj {i + 1}", [("1", "jeden"), ("2", "dwa")]))
    questions.append(demo.ordering("Uporządkuj", ["pierwszy", "drugi", "trzeci"]))
    return questions


def answers_for(quiz):
    """Form fields answering every question except matching (its answer ids differ in each
    attempt); matching questions are still graded (as unanswered)."""
    fields = {}
    for child in quiz.questions.raw_data:
        name = f"q-{child['id']}"
        value = child["value"]
        fields[name + "-shown"] = "1"
        if child["type"] in ("single_choice", "multiple_choice"):
            fields[name] = [o["id"] for o in value["options"] if o["value"]["correct"]]
        elif child["type"] == "true_false":
            fields[name] = "true"
        elif child["type"] == "short_text":
            fields[name] = "Wójt"
        elif child["type"] == "ordering":
            for position, item in enumerate(value["items"], start=1):
                fields[f"{name}-{item['id']}"] = str(position)
    return fields


class Command(BaseCommand):
    help = "Prepare the quiz benchmark (a 20-question quiz and a participant) and print JSON."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=2)

    def handle(self, *args, **options):
        course = CoursePage.objects.order_by("path").first()
        if course is None:
            raise CommandError("No course: load the demo content first (make run).")
        quiz = Quiz.objects.filter(title=TITLE).first()
        if quiz is None:
            quiz = Quiz(title=TITLE, pass_mark=50, max_attempts=0, shuffle_options=False)
            quiz.questions = json.dumps(bench_questions())
            quiz.save()
        lesson = LessonPage.objects.descendant_of(course).filter(slug="pomiar-quizu").first()
        if lesson is None:
            lesson = LessonPage(
                title="Pomiar quizu",
                slug="pomiar-quizu",
                live=False,
                body=json.dumps([{"type": "quiz", "value": {"quiz": quiz.pk, "required": False}}]),
            )
            course.add_child(instance=lesson)
        user_model = get_user_model()
        sessions = []
        for number in range(1, options["participants"] + 1):
            email = EMAIL.format(number)
            user = user_model.objects.filter(email=email).first()
            if user is None:
                user = user_model.objects.create_user(username=email, email=email, password=None)
            enrolment.enrol(user, course, source=Enrolment.Source.STAFF)
            Attempt.objects.filter(quiz=quiz, user=user).delete()
            session = SessionStore()
            session["_auth_user_id"] = str(user.pk)
            session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
            session["_auth_user_hash"] = user.get_session_auth_hash()
            session.create()
            sessions.append(session.session_key)
        self.stdout.write(
            json.dumps(
                {
                    "lesson_id": lesson.pk,
                    "quiz_id": quiz.pk,
                    "sessions": sessions,
                    "answers": answers_for(quiz),
                }
            )
        )
