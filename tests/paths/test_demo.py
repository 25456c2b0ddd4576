"""The demo path in both languages: built from the demo course and trainings, idempotent, and
what the demo participant (two lessons of the course done) sees."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from paths.models import LearningPathPage, PathStep
from tests.conftest import ensure_tree_roots

pytestmark = pytest.mark.django_db


def test_demo_path_in_both_languages(client, locales):
    ensure_tree_roots(locales["pl"])
    call_command("load_demo_content", stdout=io.StringIO())
    counts = LearningPathPage.objects.count(), PathStep.objects.count()
    call_command("load_demo_content", stdout=io.StringIO())
    assert (LearningPathPage.objects.count(), PathStep.objects.count()) == counts == (2, 8)

    polish = LearningPathPage.objects.get(locale__language_code="pl")
    english = LearningPathPage.objects.get(locale__language_code="en")
    assert polish.title == "Małe granty: kurs online → warsztat → konsultacje"
    assert [s.label for s in english.steps.all()][:2] == ["Pre-test", "Online course"]

    html = client.get(english.url).content.decode()
    assert "Small grants made simple" not in html  # the webinar is not a step
    assert "A small grant from the offer to the report: a workshop" in html
    assert "Registration for this training opens once" in html

    client.force_login(get_user_model().objects.get(email="uczestnik@mwf.example.pl"))
    with translation.override("pl"):
        mine = client.get(reverse("courses:my_courses")).content.decode()
    assert "Moje ścieżki edukacyjne" in mine and polish.title in mine
    assert "Następny krok:" in mine
    workshop = polish.steps.get(kind="training", required=True).target.specific
    page = client.get(workshop.url).content.decode()
    assert "Zanim się zapiszesz" in page and "Ukończ kurs online" in page
