"""`python manage.py h5p_bench_setup`: data for bench/h5p.py, in the database the server under
test uses. Idempotent: a bench course with one lesson holding the project's tiny H5P package
(required, so statements exercise results and completion), N enrolled participants, and a
logged-in session for each. Prints one JSON line."""

import io
import json
import zipfile

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError

from courses.enrolment import enrol
from courses.models import CourseIndexPage, CoursePage, LessonPage
from h5p.activities import activity_iri
from h5p.models import H5PPackage
from h5p.packages import import_package
from home.models import HomePage

TITLE = "Benchmark: mini quiz"


def _tiny_bytes():
    folder = settings.BASE_DIR / "tests" / "h5p" / "fixtures" / "tiny"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.writestr(path.relative_to(folder).as_posix(), path.read_bytes())
    return out.getvalue()


class Command(BaseCommand):
    help = "Prepare the data of the H5P xAPI benchmark and print it as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=4)

    def handle(self, *args, **options):
        package = H5PPackage.objects.filter(title=TITLE).first()
        if package is None:
            package = import_package(io.BytesIO(_tiny_bytes()), title=TITLE)
        index = CourseIndexPage.objects.first()
        if index is None:
            home = HomePage.objects.first()
            if home is None:
                raise CommandError("No home page: run `manage.py load_demo_content` first.")
            index = CourseIndexPage(title="Kursy", slug="kursy")
            home.add_child(instance=index)
            index.save_revision().publish()
        course = CoursePage.objects.filter(slug="benchmark-h5p").first()
        if course is None:
            course = CoursePage(
                title="Benchmark H5P",
                slug="benchmark-h5p",
                intro="<p>Kurs do pomiarów wydajności.</p>",
                certificate_enabled=False,
                live=False,
            )
            index.add_child(instance=course)
        lesson = LessonPage.objects.child_of(course).first()
        if lesson is None:
            lesson = LessonPage(
                title="Lekcja H5P",
                slug="lekcja-h5p",
                completion_mode="activity",
                body=[("h5p", {"package": package, "required": True, "pass_mark": 60})],
            )
            course.add_child(instance=lesson)
            lesson.save_revision().publish()
        users = get_user_model().objects
        sessions = []
        for n in range(options["participants"]):
            email = f"bench-h5p-{n}@example.invalid"
            user = users.filter(username=email).first() or users.create_user(
                username=email, email=email, password=None
            )
            enrol(user, course, source="staff")
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            sessions.append(session.session_key)
        self.stdout.write(
            json.dumps(
                {
                    "lesson_id": lesson.pk,
                    "package_id": package.pk,
                    "iri": activity_iri(lesson.pk, package.pk),
                    "sessions": sessions,
                }
            )
        )
