"""H5P test helpers: the project's own tiny package (kept as source files in fixtures/tiny and
zipped here), crafted archives, and a course with a lesson holding an H5P block."""

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "h5p"
H5P_HOST = "h5p.testserver"
SITE_HOST = "testserver"


def tiny_files() -> dict:
    """path inside the package -> bytes, from the fixture folder."""
    return {
        str(p.relative_to(TINY)).replace("\\", "/"): p.read_bytes()
        for p in sorted(TINY.rglob("*"))
        if p.is_file()
    }


def build_zip(entries, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """`entries`: a dict path -> bytes, or a list of (ZipInfo or path, bytes) (for duplicates
    and crafted flags)."""
    buffer = io.BytesIO()
    items = entries.items() if isinstance(entries, dict) else entries
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in items:
            archive.writestr(name, data)
    return buffer.getvalue()


def tiny_zip(**changes) -> bytes:
    files = tiny_files()
    for name, data in changes.items():
        files[name] = data
    return build_zip(files)


@pytest.fixture(autouse=True)
def _h5p_origin(settings):
    settings.H5P_ORIGIN = f"http://{H5P_HOST}"
    settings.H5P_SITE_ORIGIN = f"http://{SITE_HOST}"


@pytest.fixture(autouse=True)
def _fresh_lookups():
    """Ids repeat between tests (rolled back): no activity or enrolment cached by another."""
    from h5p.activities import forget_cached_lookups

    forget_cached_lookups()
    yield
    forget_cached_lookups()


@pytest.fixture
def tiny_path(tmp_path):
    path = tmp_path / "tiny.h5p"
    path.write_bytes(tiny_zip())
    return path


@pytest.fixture
def tiny_package(db, tiny_path):
    from h5p.packages import import_package

    return import_package(tiny_path)


def make_user(email, **extra):
    return get_user_model().objects.create_user(
        username=email, email=email, password="secret-pass-123", **extra
    )


@pytest.fixture
def course_factory(home_page):
    from courses.models import CourseIndexPage, CoursePage, LessonPage

    index = CourseIndexPage(title="Kursy", slug="kursy")
    home_page.add_child(instance=index)
    counter = {"n": 0}

    def build(package, *, required=True, pass_mark=60, extra_blocks=()):
        counter["n"] += 1
        n = counter["n"]
        # No certificate: these tests are about H5P, and issuing one renders a PDF.
        course = CoursePage(
            title=f"Kurs {n}",
            slug=f"kurs-{n}",
            intro="<p>Opis kursu.</p>",
            certificate_enabled=False,
        )
        index.add_child(instance=course)
        body = [
            ("paragraph", "<p>Wstęp do lekcji.</p>"),
            ("h5p", {"package": package, "required": required, "pass_mark": pass_mark}),
            *extra_blocks,
        ]
        lesson = LessonPage(
            title=f"Lekcja {n}", slug=f"lekcja-{n}", completion_mode="activity", body=body
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
        return course, lesson

    return build


@pytest.fixture
def course_and_lesson(course_factory, tiny_package):
    return course_factory(tiny_package)


@pytest.fixture
def participant(course_and_lesson):
    from courses.enrolment import enrol

    user = make_user("uczestniczka@example.pl")
    enrol(user, course_and_lesson[0])
    return user


def statement(lesson, package, verb="answered", raw=1, max_=1, sub=None, **extra):
    from h5p.activities import activity_iri

    iri = activity_iri(lesson.pk, package.pk)
    data = {
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}", "display": {"en-US": verb}},
        "object": {
            "id": iri if sub is None else f"{iri}?subContentId={sub}",
            "objectType": "Activity",
        },
        "context": {
            "contextActivities": {"category": [{"id": "http://h5p.org/libraries/H5P.X-1.0"}]}
        },
    }
    if raw is not None:
        data["result"] = {
            "score": {"min": 0, "max": max_, "raw": raw, "scaled": raw / max_},
            "completion": True,
            "success": raw == max_,
        }
    if sub is not None:
        data["context"]["contextActivities"]["parent"] = [{"id": iri, "objectType": "Activity"}]
    data.update(extra)
    return data
