"""The course invitation through a real SMTP server, parsed back, with links that open."""

import pytest

from courses.mail import send_invitation
from courses.models import CourseInvitation
from tests.courses import factories

pytestmark = pytest.mark.django_db


def test_invitation_arrives_with_working_links(home_page, smtp_inbox, client):
    course = factories.course(home_page, title="Fundusz sołecki – kurs", slug="fundusz-solecki")
    invitation = CourseInvitation.objects.create(course=course, email="nowy@example.pl")

    assert send_invitation(invitation.pk)

    message = smtp_inbox.only()
    assert message.recipients == ["nowy@example.pl"]
    assert "Fundusz sołecki – kurs" in message.text
    links = [word for word in message.text.split() if word.startswith("http")]
    assert len(links) == 2
    for link in links:
        path = "/" + link.split("://", 1)[1].split("/", 1)[1]
        assert client.get(path).status_code == 200
