"""The pre/post-test report on a small hand-computed example, its filter and exports, the
dashboard selector (and its query budget), question statistics and the staff admin views."""

import io

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Profile
from courses import enrolment
from courses.models.progress import Enrolment
from quizzes import attempts, limits, places, selectors
from quizzes.models import Attempt

from .builders import make_quiz, true_false
from .conftest import make_user, set_role

pytestmark = pytest.mark.django_db

TEXTS = ["Pytanie A", "Pytanie B", "Pytanie C", "Pytanie D"]


def tf_quiz(prefix, **settings):
    return make_quiz(
        [true_false(f"{prefix}{i}", "true", text) for i, text in enumerate(TEXTS)], **settings
    )


def take(user, quiz, course, right):
    """An attempt answering `true` (right) to the questions at the indexes in `right`."""
    place = places.place_in_course(user, quiz, course)
    attempt = attempts.start_attempt(user, quiz, place)
    data = QueryDict(mutable=True)
    for q in attempt.questions:
        index = int(q["key"][-1])
        data[f"q-{q['key']}-shown"] = "1"
        data[f"q-{q['key']}"] = "true" if index in right else "false"
    attempts.finish_attempt(attempt, data)


def person(email, course, org):
    user = make_user(email, first_name=email[:2].upper(), last_name="Test")
    Profile.objects.create(user=user, organisation_type=org)
    enrolment.enrol(user, course, source=Enrolment.Source.STAFF)
    return user


@pytest.fixture
def example(course):
    """Hand-computed:
    U1 (JST) pre A = 25 %; post 50 % then A,B,C = 75 % (highest counts) -> gain 50
    U2 (NGO) pre A,B = 50 %; post A,C = 50 % -> gain 0
    U3 (JST) pre A,B,C = 75 % (first attempt counts; a retake of 100 % is ignored);
             post all = 100 % -> gain 25
    U4 (NGO) pre only -> not counted.
    avg pre 50, avg post 75, gain 25, improved 2/3.
    right before: A 3/3, B 2/3, C 1/3, D 0/3; after: A 3/3, B 2/3, C 3/3, D 1/3."""
    pre = tf_quiz("pre", title="Test wstępny", max_attempts=0)
    post = tf_quiz("post", title="Test końcowy", grading_method="highest")
    set_role(course, pre, "pre")
    set_role(course, post, "post")
    u1 = person("u1@example.pl", course, "jst")
    u2 = person("u2@example.pl", course, "ngo")
    u3 = person("u3@example.pl", course, "jst")
    u4 = person("u4@example.pl", course, "ngo")
    take(u1, pre, course, {0})
    take(u1, post, course, {0, 1})
    take(u1, post, course, {0, 1, 2})
    take(u2, pre, course, {0, 1})
    take(u2, post, course, {0, 2})
    take(u3, pre, course, {0, 1, 2})
    take(u3, pre, course, {0, 1, 2, 3})
    take(u3, post, course, {0, 1, 2, 3})
    take(u4, pre, course, {0})
    return {"pre": pre, "post": post, "users": [u1, u2, u3, u4]}


def test_hand_computed_figures(course, example):
    report = selectors.course_report(course)
    assert report["summary"] == {
        "participants": 3,
        "avg_pre": 50.0,
        "avg_post": 75.0,
        "avg_gain": 25.0,
        "improved_share": 0.6667,
    }
    shares = {q["text"]: (q["pre_share"], q["post_share"]) for q in report["questions"]}
    assert shares == {
        "Pytanie A": (1.0, 1.0),
        "Pytanie B": (0.6667, 0.6667),
        "Pytanie C": (0.3333, 1.0),
        "Pytanie D": (0.0, 0.3333),
    }
    gains = sorted(float(p["gain"]) for p in report["participants"])
    assert gains == [0.0, 25.0, 50.0]


def test_filter_by_organisation_type(course, example):
    jst = selectors.course_report(course, "jst")["summary"]
    assert jst == {
        "participants": 2,
        "avg_pre": 50.0,
        "avg_post": 87.5,
        "avg_gain": 37.5,
        "improved_share": 1.0,
    }
    ngo = selectors.knowledge_gain_by_course(organisation_type="ngo")[0]
    assert ngo["participants"] == 1 and ngo["avg_gain"] == 0.0


def test_dashboard_selector(course, example):
    [row] = selectors.knowledge_gain_by_course()
    assert row["course_id"] == course.pk
    assert row["participants"] == 3
    assert row["avg_pre"] == 50.0 and row["avg_post"] == 75.0
    assert row["avg_gain"] == 25.0 and row["improved_share"] == 0.6667


def test_dashboard_selector_query_budget(course, example):
    with CaptureQueriesContext(connection) as small:
        selectors.knowledge_gain_by_course()
    for i in range(5):
        user = person(f"extra{i}@example.pl", course, "ngo")
        take(user, example["pre"], course, {0})
        take(user, example["post"], course, {0, 1})
    with CaptureQueriesContext(connection) as large:
        rows = selectors.knowledge_gain_by_course()
    assert rows[0]["participants"] == 8
    assert len(small.captured_queries) == len(large.captured_queries)


def test_erasure_keeps_the_anonymous_pair_in_the_figures(course, example):
    from quizzes import personal_data

    u1 = example["users"][0]
    exported = personal_data.export_for(u1)
    assert len(exported["quiz_attempts"]) == 3
    assert exported["quiz_attempts"][0]["answers"][0]["question"] == "Pytanie A"
    personal_data.erase_for(u1)
    assert not Attempt.objects.filter(user=u1).exists()
    assert personal_data.export_for(u1) == {"quiz_attempts": [], "extra_attempts": []}
    report = selectors.course_report(course)
    assert report["summary"]["participants"] == 3
    assert report["summary"]["avg_gain"] == 25.0
    assert sum(1 for p in report["participants"] if p["anonymous"]) == 1


def test_pre_test_is_taken_from_the_course_and_never_gates(client, course, example):
    u4 = example["users"][3]
    client.force_login(u4)
    url = reverse("quizzes:in_course", args=[course.pk, example["pre"].pk])
    html = client.get(url).content.decode()
    assert "To test wstępny" in html


def test_staff_report_page_and_exports(client, staff, course, example):
    client.force_login(staff)
    url = reverse("quizzes_admin:course_report", args=[course.pk])
    html = client.get(url).content.decode()
    assert "Przyrost wiedzy" in html and "Pytanie C" in html
    assert "u1@example.pl" in html
    filtered = client.get(url, {"organisation_type": "ngo"}).content.decode()
    assert "u2@example.pl" in filtered and "u1@example.pl" not in filtered
    csv_response = client.get(url, {"export": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    body = csv_response.content.decode("utf-8-sig")
    assert "u3@example.pl" in body and "25.0" in body
    xlsx = client.get(url, {"export": "xlsx", "organisation_type": "jst"})
    book = load_workbook(io.BytesIO(xlsx.content))
    assert [row[0] for row in book.worksheets[0].iter_rows(values_only=True)][0] == (
        "Uczestnicy z oboma wynikami"
    )
    assert book.worksheets[0]["B1"].value == 2
    assert client.get(reverse("quizzes_admin:index")).status_code == 200


def test_staff_quiz_results_stats_and_extra_attempt(client, staff, course, example):
    client.force_login(staff)
    post = example["post"]
    url = reverse("quizzes_admin:quiz", args=[post.pk])
    html = client.get(url).content.decode()
    assert "Moc różnicująca" in html and "u1@example.pl" in html
    stats = {s["text"]: s for s in selectors.question_stats(post)}
    assert stats["Pytanie A"]["difficulty"] == 1.0
    assert stats["Pytanie A"]["discrimination"] is None  # everyone right: no variation
    assert stats["Pytanie C"]["attempts"] == 4
    post.max_attempts = 1
    post.save()
    u2 = example["users"][1]
    assert limits.attempts_remaining(post, u2) == 0
    response = client.post(url, {"email": "u2@example.pl", "reason": "awaria"})
    assert response.status_code == 302
    assert limits.attempts_remaining(post, u2) == 1
    response = client.post(url, {"email": "nikt@example.pl"}, follow=True)
    assert "Żadne konto nie ma adresu" in response.content.decode()


def test_participants_cannot_open_staff_views(client, participant, course, example):
    client.force_login(participant)
    url = reverse("quizzes_admin:course_report", args=[course.pk])
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "u1@example.pl" not in response.content.decode()
