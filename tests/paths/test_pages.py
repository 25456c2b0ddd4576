"""The two page types: where they may be created, the editor's form (a bad step is refused
with its reason, nothing typed is lost), and the index listing the paths."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.models import HomePage
from paths.models import LearningPathIndexPage, LearningPathPage

pytestmark = pytest.mark.django_db


def test_page_tree_rules(path):
    index = path.get_parent().specific
    assert LearningPathPage.can_create_at(index)
    assert not LearningPathPage.can_create_at(HomePage())
    assert not LearningPathIndexPage.can_create_at(index)
    assert "paths.LearningPathIndexPage" in HomePage.subpage_types


def test_index_lists_the_paths(client, path):
    html = client.get(path.get_parent().url).content.decode()
    assert path.title in html and path.url in html


def _form(title, steps):
    return nested_form_data(
        {
            "title": title,
            "slug": "nowa-sciezka",
            "intro": rich_text("<p>Opis.</p>"),
            "steps": inline_formset(steps, min=1),
            "certificate_enabled": "on",
            "hours": "8",
            "learning_outcomes": "Zna tryb małych zleceń",
        }
    )


def _step(kind, target, *, required=True, gated=False):
    return {
        "kind": kind,
        "target": target.pk,
        "label": "",
        "required": "on" if required else "",
        "requires_earlier_steps": "on" if gated else "",
    }


@pytest.fixture
def editor(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.pl", "x")
    client.force_login(admin)
    return admin


def test_editor_creates_and_edits_a_path(client, editor, path, course, trainings):
    index = path.get_parent()
    url = reverse("wagtailadmin_pages:add", args=["paths", "learningpathpage", index.pk])
    assert client.get(url).status_code == 200
    steps = [_step("course", course), _step("training", trainings[0], gated=True)]
    response = client.post(url, _form("Kurs i warsztat", steps))
    assert response.status_code == 302
    created = LearningPathPage.objects.get(title="Kurs i warsztat")
    assert [s.kind for s in created.steps.all()] == ["course", "training"]

    edit = reverse("wagtailadmin_pages:edit", args=[created.pk])
    assert client.get(edit).status_code == 200
    ids = [s.pk for s in created.steps.all()]
    data = [
        {**_step("course", course), "id": ids[0]},
        {**_step("training", trainings[1]), "id": ids[1]},
    ]
    response = client.post(edit, _form("Kurs i konsultacje", data))
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.get_latest_revision_as_object().title == "Kurs i konsultacje"


def test_a_bad_step_is_refused_with_its_reason_and_the_form_kept(
    client, editor, path, course, trainings
):
    index = path.get_parent()
    url = reverse("wagtailadmin_pages:add", args=["paths", "learningpathpage", index.pk])
    steps = [_step("training", course), _step("course", trainings[0], gated=True)]
    response = client.post(url, _form("Zła ścieżka", steps))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wybierz dla tego kroku stronę szkolenia." in html
    assert "Wybierz dla tego kroku kurs online." in html
    assert 'value="Zła ścieżka"' in html  # nothing typed is lost
    assert not LearningPathPage.objects.filter(title="Zła ścieżka").exists()


def test_preview_of_a_draft_shows_its_steps(client, editor, path, course, trainings):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["paths", "learningpathpage", path.get_parent().pk],
    )
    data = _form("Podgląd", [_step("course", course)])
    response = client.post(url, data)
    assert response.status_code == 200 and response.json()["is_valid"]
    html = client.get(url).content.decode()
    assert "Podgląd" in html and course.title in html
    assert "Warsztat: małe granty" not in html


def test_a_course_on_a_path_cannot_be_deleted_and_the_editor_is_told_why(
    client, editor, path, course
):
    url = reverse("wagtailadmin_pages:delete", args=[course.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "nie można usunąć" in response.content.decode()
    assert type(course).objects.filter(pk=course.pk).exists()
