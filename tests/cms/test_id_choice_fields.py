"""Model choice fields refuse ids beyond 64 bits as an invalid choice (SQLite raised
OverflowError, a 500, when the value reached the database)."""

import pytest
from django.core.exceptions import ValidationError

from cms.forms import IdChoiceField, IdMultipleChoiceField
from newsletter.models import ConsentText, NewsletterList, Subscriber

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.mark.parametrize("value", [HUGE, "-1", "abc", "1.5"])
def test_multiple_choice_refuses_what_cannot_be_an_id(value):
    NewsletterList.objects.create(name="Wszystkie aktualności", slug="all")
    field = IdMultipleChoiceField(queryset=NewsletterList.objects.all())
    with pytest.raises(ValidationError):
        field.clean([value])


def test_single_choice_refuses_a_huge_id_and_accepts_a_real_one():
    lst = NewsletterList.objects.create(name="Wszystkie aktualności", slug="all")
    field = IdChoiceField(queryset=NewsletterList.objects.all())
    with pytest.raises(ValidationError):
        field.clean(HUGE)
    assert field.clean(str(lst.pk)) == lst


def test_newsletter_signup_with_a_huge_list_id_is_a_form_error(client, home_page):
    text = ConsentText.objects.create(text="Zgadzam się na newsletter.")
    response = client.post(
        "/subskrypcja/zapis/",
        {"email": "a@example.pl", "lists": HUGE, "consent": "on", "consent_version": text.version},
    )
    assert response.status_code == 400
    assert not Subscriber.objects.exists()
