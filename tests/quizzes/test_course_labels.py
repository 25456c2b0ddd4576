"""The course page names each test once, whatever title the editor gave it."""

from django.utils import translation

from quizzes.models import CourseQuizRole
from quizzes.templatetags.quiz_tags import role_label


def test_the_role_is_not_repeated_when_the_title_already_says_it():
    with translation.override("pl"):
        pre = role_label(CourseQuizRole.Role.PRE, "Test wstępny: współpraca JST i NGO")
        post = role_label(CourseQuizRole.Role.POST, "Sprawdź, czego się nauczyłeś")
    assert pre == "Test wstępny: współpraca JST i NGO"
    assert post == "Test końcowy: Sprawdź, czego się nauczyłeś"


def test_english_labels_follow_the_language():
    with translation.override("en"):
        assert role_label(CourseQuizRole.Role.PRE, "Small grants") == "Pre-test: Small grants"
        assert (
            role_label(CourseQuizRole.Role.PRE, "pre-test: small grants")
            == "pre-test: small grants"
        )
