"""Building course trees for tests, always with explicit parents."""

from decimal import Decimal

from django.contrib.auth import get_user_model

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage  # noqa: F401


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def course_index(home):
    existing = CourseIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return publish(home, CourseIndexPage(title="Kursy online", slug="kursy"))


def course(home, *, title="Małe granty", slug=None, modules=2, lessons_per_module=3, **fields):
    """A published course with `modules` modules of `lessons_per_module` required lessons each
    (modules=0 puts the lessons straight under the course)."""
    fields.setdefault("duration_hours", Decimal("6"))
    fields.setdefault("learning_outcomes", "Zna tryb małych zleceń\nUmie ocenić ofertę")
    fields.setdefault("intro", "<p>Opis kursu.</p>")
    page = publish(
        course_index(home),
        CoursePage(title=title, slug=slug or title.lower().replace(" ", "-"), **fields),
    )
    number = 0
    for m in range(modules or 1):
        parent = page
        if modules:
            parent = publish(page, ModulePage(title=f"Moduł {m + 1}", slug=f"modul-{m + 1}"))
        for _ in range(lessons_per_module):
            number += 1
            publish(
                parent,
                LessonPage(
                    title=f"Lekcja {number}",
                    slug=f"lekcja-{number}",
                    body=[("paragraph", f"<p>Treść lekcji {number}.</p>")],
                ),
            )
    return page


def lessons_of(course_page):
    return list(LessonPage.objects.descendant_of(course_page).live().order_by("path"))


def user(email="uczestnik@example.pl", *, first_name="Anna", last_name="Nowak", **extra):
    return get_user_model().objects.create_user(
        username=email,
        email=email,
        password="Haslo-testowe-123",
        first_name=first_name,
        last_name=last_name,
        **extra,
    )
