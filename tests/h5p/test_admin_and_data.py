"""The admin upload form, the staff results view and export, personal data, the demo."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from h5p import personal_data
from h5p.activities import activity_iri, find_activity
from h5p.models import H5PPackage, H5PResult, H5PStatement, H5PUserData
from h5p.state import save_state
from h5p.xapi import record_statement
from tests.h5p.conftest import make_user, statement, tiny_zip

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home_page):
    user = make_user("admin@example.pl", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_admin_upload_stores_a_valid_package(admin_client):
    upload = SimpleUploadedFile("quiz.h5p", tiny_zip(), content_type="application/zip")
    response = admin_client.post(
        reverse("wagtailsnippets_h5p_h5ppackage:add"), {"title": "", "package_file": upload}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    package = H5PPackage.objects.get()
    assert package.title == "Mini quiz: tryb małych zleceń"
    assert package.uploaded_by.email == "admin@example.pl"
    assert package.main_library == "MWF.TinyQuiz 1.0"


def test_admin_upload_shows_the_reasons_and_stores_nothing(admin_client):
    bad = tiny_zip(**{"content/evil.html": b"<script>alert(1)</script>"})
    upload = SimpleUploadedFile("bad.h5p", bad, content_type="application/zip")
    response = admin_client.post(
        reverse("wagtailsnippets_h5p_h5ppackage:add"), {"title": "Zły", "package_file": upload}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "content/evil.html" in body and ".html" in body
    assert not H5PPackage.objects.exists()


def test_admin_replacement_upload(admin_client, tiny_package):
    changed = tiny_zip(
        **{"content/content.json": b'{"question": "?", "answers": ["a"], "correct": 0}'}
    )
    upload = SimpleUploadedFile("new.h5p", changed, content_type="application/zip")
    response = admin_client.post(
        reverse("wagtailsnippets_h5p_h5ppackage:edit", args=[tiny_package.pk]),
        {"title": "Nowy tytuł", "package_file": upload},
    )
    assert response.status_code == 302
    tiny_package.refresh_from_db()
    assert tiny_package.title == "Nowy tytuł" and tiny_package.replaced_at is not None


def test_admin_listing_and_edit_without_new_file(admin_client, tiny_package):
    listing = admin_client.get(reverse("wagtailsnippets_h5p_h5ppackage:list"))
    assert listing.status_code == 200
    assert reverse("h5p_report", args=[tiny_package.pk]) in listing.content.decode()
    response = admin_client.post(
        reverse("wagtailsnippets_h5p_h5ppackage:edit", args=[tiny_package.pk]),
        {"title": "Tylko tytuł"},
    )
    assert response.status_code == 302
    tiny_package.refresh_from_db()
    assert tiny_package.title == "Tylko tytuł" and tiny_package.content_prefix


def _answers(lesson, package, users, scores):
    activity = find_activity(lesson.pk, package.pk)
    for user, score in zip(users, scores, strict=True):
        record_statement(user, activity, statement(lesson, package, sub="q1"))
        if score is not None:
            record_statement(user, activity, statement(lesson, package, raw=score, max_=4))


def test_staff_report_and_jsonl_export(admin_client, course_and_lesson, tiny_package):
    from courses.enrolment import enrol

    course, lesson = course_and_lesson
    users = [make_user(f"u{i}@example.pl") for i in range(3)]
    for user in users:
        enrol(user, course)
    _answers(lesson, tiny_package, users, [4, 2, None])

    response = admin_client.get(reverse("h5p_report", args=[tiny_package.pk]))
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats["participants"] == 3
    assert stats["attempts"] == 2
    assert stats["average_score"] == 75.0
    assert stats["completed"] == 2
    assert round(stats["completion_rate"], 1) == 66.7

    export = admin_client.get(reverse("h5p_export", args=[tiny_package.pk]))
    assert export["Content-Type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in b"".join(export.streaming_content).splitlines()]
    assert len(lines) == 5
    assert lines[0]["actor"]["account"]["name"] == str(users[0].pk)
    assert lines[1]["object"]["id"] == activity_iri(lesson.pk, tiny_package.pk)


def test_report_needs_permission(client, home_page, tiny_package):
    from django.contrib.auth.models import Permission

    editor = make_user("redaktorka@example.pl")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    # Wagtail answers a denied admin view with a redirect to the dashboard.
    for name in ("h5p_report", "h5p_export"):
        response = client.get(reverse(name, args=[tiny_package.pk]))
        assert response.status_code in (302, 403)
        assert not response.get("Content-Disposition")


def test_personal_data_export_and_erase(course_and_lesson, participant, tiny_package):
    _course, lesson = course_and_lesson
    activity = find_activity(lesson.pk, tiny_package.pk)
    record_statement(participant, activity, statement(lesson, tiny_package))
    save_state(participant, tiny_package, '{"chosen": 1}')
    data = personal_data.export_for(participant)
    json.dumps(data)
    assert len(data["h5p_statements"]) == 1 and data["h5p_results"][0]["best_score"] == 100
    assert data["h5p_saved_states"][0]["state"] == '{"chosen": 1}'

    personal_data.erase_for(participant)
    stored = H5PStatement.objects.get()
    assert stored.user is None and "response" not in stored.statement.get("result", {})
    assert H5PResult.objects.get().user is None  # still counts in the figures
    assert not H5PUserData.objects.exists()
    assert personal_data.export_for(participant)["h5p_statements"] == []


def test_demo_is_idempotent_and_places_the_exercise(course_factory, tiny_package):
    from io import StringIO

    from demo.content import h5p as demo

    _course, lesson = course_factory(tiny_package, required=False)
    lesson.slug = "limity-malych-zlecen"
    lesson.save_revision().publish()
    out = StringIO()
    demo.load(home=None, sections={}, stdout=out)
    demo.load(home=None, sections={}, stdout=out)
    package = H5PPackage.objects.get(title=demo.TITLE)
    lesson.refresh_from_db()
    placed = [b for b in lesson.body if b.block_type == "h5p" and b.value["package"] == package]
    assert len(placed) == 1
    assert H5PPackage.objects.filter(title=demo.TITLE).count() == 1


def test_demo_question_set_is_a_valid_package():
    from demo.content import h5p as demo
    from h5p.validator import validate_package

    data, source = demo.demo_package_bytes()
    validated = validate_package(io.BytesIO(data))
    assert validated.h5p_json["title"] == demo.TITLE
    if source == "shared":
        assert validated.main_library == "H5P.QuestionSet 1.17"
        assert len(validated.content_json["questions"]) == 4
    validated.cleanup()
