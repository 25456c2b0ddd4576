"""`python manage.py generate_course_load`: volume for the courses benchmark.

Creates (once) a benchmark course of 12 lessons in two modules, 10,000 participants enrolled in
it and 100,000 lesson-progress rows (ten lessons each; lessons 11 and 12 stay open so "mark
complete" has work to do without finishing the course). Every run then reopens lesson 11 for
everyone and prints, as JSON, the URLs and the session keys of logged-in participants that
bench/courses.py drives the site with. Nothing is sent, nothing is printed that matters outside
this throw-away data."""

import json
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
)

SLUG = "kurs-testowy-wydajnosci"
EMAIL = "bench-{:05d}@bench.invalid"
LESSONS = 12
DONE_PER_PERSON = 10


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class Command(BaseCommand):
    help = "Generate 10,000 course participants and 100,000 progress rows for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=10_000)
        parser.add_argument("--sessions", type=int, default=2_000)

    def handle(self, *args, participants, sessions, **options):
        index = CourseIndexPage.objects.first()
        if index is None:
            raise CommandError("No course index page: run load_demo_content first.")
        with transaction.atomic():
            course = self.course(index)
            lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
            users = self.participants(course, lessons, participants)
            # Reopen lesson 11 so "mark complete" always has fresh work.
            LessonProgress.objects.filter(lesson=lessons[DONE_PER_PERSON]).delete()
            Enrolment.objects.filter(course=course).update(completed_at=None)
        keys = [self.session(user) for user in users[:sessions]]
        self.stdout.write(
            json.dumps(
                {
                    "course_url": course.url,
                    "lesson_url": lessons[2].url,
                    "complete_path": f"/lekcja/{lessons[DONE_PER_PERSON].pk}/ukoncz/",
                    "sessions": keys,
                }
            )
        )

    def course(self, index):
        course = CoursePage.objects.child_of(index).filter(slug=SLUG).first()
        if course is not None:
            return course
        course = _publish(
            index,
            CoursePage(
                title="Kurs testowy wydajności",
                slug=SLUG,
                intro="<p>Kurs wygenerowany do pomiarów wydajności.</p>",
                certificate_enabled=False,
                show_in_menus=False,
            ),
        )
        number = 0
        for m in range(2):
            module = _publish(course, ModulePage(title=f"Moduł {m + 1}", slug=f"modul-{m + 1}"))
            for _ in range(LESSONS // 2):
                number += 1
                _publish(
                    module,
                    LessonPage(
                        title=f"Lekcja {number}",
                        slug=f"lekcja-{number}",
                        body=[
                            ("paragraph", f"<p>Treść lekcji {number}. " + "Tekst. " * 150 + "</p>")
                        ],
                    ),
                )
        return course

    def participants(self, course, lessons, count):
        user_model = get_user_model()
        existing = set(
            user_model.objects.filter(username__startswith="bench-").values_list(
                "username", flat=True
            )
        )
        password = make_password(None)
        new = [
            user_model(
                username=EMAIL.format(i),
                email=EMAIL.format(i),
                password=password,
                first_name="Uczestnik",
                last_name=f"Testowy {i}",
            )
            for i in range(count)
            if EMAIL.format(i) not in existing
        ]
        user_model.objects.bulk_create(new, batch_size=2000)
        users = list(
            user_model.objects.filter(username__startswith="bench-").order_by("username")[:count]
        )
        enrolled = set(Enrolment.objects.filter(course=course).values_list("user_id", flat=True))
        now = timezone.now()
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    user=u,
                    course=course,
                    enrolled_at=now - timedelta(days=30),
                    source=Enrolment.Source.STAFF,
                    last_lesson=lessons[DONE_PER_PERSON - 1],
                )
                for u in users
                if u.pk not in enrolled
            ],
            batch_size=5000,
        )
        with_progress = set(
            LessonProgress.objects.filter(course=course, lesson=lessons[0]).values_list(
                "user_id", flat=True
            )
        )
        rows = [
            LessonProgress(
                user=u,
                lesson=lesson,
                course=course,
                status=LessonProgress.Status.COMPLETED,
                source="viewed",
                started_at=now - timedelta(days=20),
                completed_at=now - timedelta(days=19),
            )
            for u in users
            if u.pk not in with_progress
            for lesson in lessons[:DONE_PER_PERSON]
        ]
        LessonProgress.objects.bulk_create(rows, batch_size=5000)
        return users

    def session(self, user):
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key
