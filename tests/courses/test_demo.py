import io

import pytest

from courses import access, enrolment
from courses.models import CoursePage, LessonPage, ModulePage
from demo.content import courses as demo

from . import factories

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent(home_page, client):
    index = factories.course_index(home_page)
    for _ in range(2):
        demo.load(home_page, {"kursy": index}, io.StringIO())
    courses = list(CoursePage.objects.child_of(index))
    assert len(courses) == 2
    for course in courses:
        assert ModulePage.objects.child_of(course).count() >= 2
        assert LessonPage.objects.descendant_of(course).count() >= 6
        assert client.get(course.url).status_code == 200
    participant = access.active_enrolment
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email=demo.DEMO_PARTICIPANT_EMAIL)
    assert participant(user, courses[0]) is not None
    assert client.login(username=user.username, password=demo.DEMO_PARTICIPANT_PASSWORD)
    html = client.get("/moje-kursy/").content.decode()
    assert courses[0].title in html


def test_demo_course_in_english_is_a_translation_and_idempotent(home_page, locales, client):
    from certificates.models import CertificateSettings
    from demo.content.courses_en import SMALL_GRANTS_EN

    index = factories.course_index(home_page)
    home_en = home_page.copy_for_translation(locales["en"])
    home_en.title = "Home"
    home_en.save_revision().publish()
    index_en = index.copy_for_translation(locales["en"])
    index_en.title, index_en.slug = "Online courses", "courses"
    index_en.save_revision().publish()
    for _ in range(2):
        demo.load(home_page, {"kursy": index}, io.StringIO())
    polish = CoursePage.objects.child_of(index).get(slug=demo.SMALL_GRANTS["slug"])
    english = polish.get_translation(locales["en"])
    assert CoursePage.objects.child_of(index_en).count() == 1
    assert english.title == "Small grants and local initiative in practice"
    assert english.translation_key == polish.translation_key
    lessons_pl = factories.lessons_of(polish)
    lessons_en = factories.lessons_of(english)
    assert len(lessons_en) == len(lessons_pl) >= 6
    assert ModulePage.objects.child_of(english).count() == 2
    assert [lesson.title for lesson in lessons_en] == [
        SMALL_GRANTS_EN["lessons"][lesson.slug]["title"] for lesson in lessons_pl
    ]
    for pl, en in zip(lessons_pl, lessons_en, strict=True):
        assert en.translation_key == pl.translation_key
        assert en.required == pl.required and en.locale_id == locales["en"].pk
    assert english.url.startswith("/en/courses/")
    html = client.get(english.url).content.decode()
    assert "Module 1. The small-grants procedure" in html
    assert lessons_en[0].title in html
    # The English lessons read in English for a participant.
    user = factories.user("reader@example.pl")
    enrolment.enrol(user, english)
    client.force_login(user)
    body = client.get(lessons_en[1].url).content.decode()
    assert "The small-grants procedure has three limits" in body
    # Who signs the demo certificates.
    config = CertificateSettings.for_site(home_page.get_site())
    assert (config.signatory_name, config.signatory_role) == demo.DEMO_SIGNATORY
