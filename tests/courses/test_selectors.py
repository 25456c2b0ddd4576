import pytest

from courses import completion, enrolment, selectors

from . import factories

pytestmark = pytest.mark.django_db


def test_completion_funnel(home_page, django_assert_num_queries):
    course = factories.course(home_page, modules=0, lessons_per_module=2)
    other = factories.course(home_page, title="Regranting", modules=0, lessons_per_module=1)
    lessons = factories.lessons_of(course)
    people = [factories.user(f"u{i}@example.pl") for i in range(4)]
    for person in people:
        enrolment.enrol(person, course)
    completion.complete_lesson(people[0], lessons[0], source="viewed")
    for lesson in lessons:
        completion.complete_lesson(people[1], lesson, source="viewed")
    with django_assert_num_queries(2):
        funnel = selectors.completion_funnel()
    assert funnel == [
        {
            "course_id": course.pk,
            "title": course.title,
            "enrolled": 4,
            "started": 2,
            "completed": 1,
        },
        {"course_id": other.pk, "title": other.title, "enrolled": 0, "started": 0, "completed": 0},
    ]
    assert selectors.completion_funnel([other.pk])[0]["course_id"] == other.pk
