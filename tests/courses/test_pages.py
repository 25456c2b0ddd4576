"""The four basic tests per page type, and what each kind of visitor sees."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses import enrolment, progress
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from home.models import HomePage

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.pl", "pw")
    client.force_login(admin)
    return client


def _snippets_ready():
    from h5p.models import H5PPackage
    from quizzes.models import Quiz

    return all(hasattr(model, "snippet_viewset") for model in (Quiz, H5PPackage))


needs_snippets = pytest.mark.skipif(
    not _snippets_ready(),
    reason="the lesson form needs quizzes.Quiz and h5p.H5PPackage registered as snippets",
)


def allowed(parent_model, child_model):
    return child_model in parent_model.allowed_subpage_models() and (
        parent_model in child_model.allowed_parent_page_models()
    )


def test_page_tree_rules():
    assert allowed(HomePage, CourseIndexPage)
    assert allowed(CourseIndexPage, CoursePage)
    assert allowed(CoursePage, ModulePage)
    assert allowed(CoursePage, LessonPage)
    assert allowed(ModulePage, LessonPage)
    assert not allowed(HomePage, CoursePage)
    assert not allowed(HomePage, LessonPage)
    assert not allowed(CourseIndexPage, LessonPage)
    assert not allowed(LessonPage, LessonPage)
    assert not allowed(ModulePage, ModulePage)


def test_pages_render(client, course):
    lesson = factories.lessons_of(course)[0]
    module = lesson.get_parent()
    for page in (course.get_parent(), course, module, lesson):
        response = client.get(page.url)
        assert response.status_code == 200, page
    assert "Lekcja 1" in client.get(course.url).content.decode()
    assert course.title in client.get(course.get_parent().url).content.decode()


@needs_snippets
def test_admin_creates_course_module_and_lesson(admin_client, home_page):
    index = factories.course_index(home_page)
    response = admin_client.post(
        f"/admin/pages/add/courses/coursepage/{index.pk}/",
        nested_form_data(
            {
                "title": "Regranting",
                "slug": "regranting",
                "intro": rich_text("<p>Opis</p>"),
                "audience": "both",
                "completion_rule": "required",
                "learning_outcomes": "",
                "certificate_place": "Kraków",
                "certificate_enabled": "on",
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    course = CoursePage.objects.get(slug="regranting")
    response = admin_client.post(
        f"/admin/pages/add/courses/modulepage/{course.pk}/",
        nested_form_data({"title": "Moduł A", "slug": "modul-a", "intro": rich_text("")}),
    )
    assert response.status_code == 302
    module = ModulePage.objects.get(slug="modul-a")
    response = admin_client.post(
        f"/admin/pages/add/courses/lessonpage/{module.pk}/",
        nested_form_data(
            {
                "title": "Pierwsza lekcja",
                "slug": "pierwsza",
                "required": "on",
                "completion_mode": "viewed",
                "body": streamfield([("paragraph", rich_text("<p>Treść</p>"))]),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert LessonPage.objects.get(slug="pierwsza").get_parent().pk == module.pk


@needs_snippets
def test_admin_edit_form_saves(admin_client, course):
    lesson = factories.lessons_of(course)[0]
    for page in (course, lesson.get_parent(), lesson):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
    response = admin_client.post(
        f"/admin/pages/{lesson.pk}/edit/",
        nested_form_data(
            {
                "title": "Lekcja zmieniona",
                "slug": lesson.slug,
                "completion_mode": "viewed",
                "body": streamfield([("paragraph", rich_text("<p>Nowa treść</p>"))]),
            }
        ),
    )
    assert response.status_code == 302
    assert LessonPage.objects.get(pk=lesson.pk).get_latest_revision().content["title"] == (
        "Lekcja zmieniona"
    )


@needs_snippets
def test_activity_lesson_needs_an_activity_block(admin_client, course):
    lesson = factories.lessons_of(course)[0]
    response = admin_client.post(
        f"/admin/pages/{lesson.pk}/edit/",
        nested_form_data(
            {
                "title": lesson.title,
                "slug": lesson.slug,
                "completion_mode": "activity",
                "body": streamfield([("paragraph", rich_text("<p>Bez quizu</p>"))]),
            }
        ),
    )
    assert response.status_code == 200
    assert "Dodaj quiz lub ćwiczenie H5P" in response.content.decode()


def test_access_rules_for_lesson_bodies(client, course, django_user_model):
    lesson = factories.lessons_of(course)[0]
    body = "Treść lekcji 1."
    # Anonymous: the title, not the body.
    response = client.get(lesson.url)
    assert lesson.title in response.content.decode() and body not in response.content.decode()
    # Logged in but not enrolled: still no body.
    participant = factories.user()
    client.force_login(participant)
    assert body not in client.get(lesson.url).content.decode()
    # Enrolled: the body, and the visit is recorded as "in progress".
    enrolment.enrol(participant, course)
    assert body in client.get(lesson.url).content.decode()
    assert progress.progress_map(participant, course) == {lesson.pk: "in_progress"}
    # Staff and editors always.
    client.force_login(factories.user("redakcja@example.pl", is_staff=True))
    assert body in client.get(lesson.url).content.decode()


def test_anonymous_course_page_lists_lesson_titles_without_links(client, course):
    html = client.get(course.url).content.decode()
    assert "Lekcja 6" in html
    assert factories.lessons_of(course)[0].url not in html


def test_page_root_is_not_a_course_parent():
    assert CoursePage not in Page.allowed_subpage_models() or not CoursePage.can_exist_under(
        Page.get_first_root_node()
    )
