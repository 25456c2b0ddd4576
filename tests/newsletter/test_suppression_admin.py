"""The suppression list in the Wagtail admin: listed with reason and date, searched by the full
address (hashed as stored), an address added by hand (stored as a hash; a subscriber with it is
unsubscribed), one removed after a confirmation page; only for users with the permissions."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from newsletter.models import ConsentRecord, Subscriber, SuppressedAddress, email_hash

pytestmark = pytest.mark.django_db

URL = "/admin/newsletter_suppression/"


@pytest.fixture
def entries(db):
    return [
        SuppressedAddress.objects.create(email_hash=email_hash("jan@example.pl"), reason="manual"),
        SuppressedAddress.objects.create(email_hash=email_hash("ola@example.pl"), reason="bounced"),
    ]


def test_list_shows_reason_and_date_and_searches_by_the_hashed_address(admin_client, entries):
    page = admin_client.get(URL).content.decode()
    assert entries[0].email_hash[:12] in page and entries[1].email_hash[:12] in page
    assert "Dodane przez redakcję" in page and "Adres nie istnieje" in page  # reasons
    found = admin_client.get(URL, {"q": "  Jan@Example.pl "}).content.decode()
    assert entries[0].email_hash[:12] in found and entries[1].email_hash[:12] not in found
    partial = admin_client.get(URL, {"q": "jan"}).content.decode()
    assert entries[0].email_hash[:12] not in partial  # a hash cannot be searched in part
    assert "jan@example.pl" not in page  # the address itself is nowhere


def test_add_an_address_by_hand_stores_only_its_hash_and_unsubscribes_it(admin_client, lists):
    subscriber = Subscriber.objects.create(email="ewa@example.pl", status="confirmed")
    subscriber.lists.add(lists[0])
    ConsentRecord.objects.create(subscriber=subscriber, method="import", legal_basis="x" * 20)
    ConsentRecord.objects.filter(subscriber=subscriber).update(confirmed_at="2026-01-01T00:00Z")
    response = admin_client.post(URL + "new/", {"email": "Ewa@Example.pl", "reason": "manual"})
    assert response.status_code == 302
    entry = SuppressedAddress.objects.get()
    assert entry.email_hash == email_hash("ewa@example.pl") and entry.reason == "manual"
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed" and not subscriber.lists.exists()
    assert ConsentRecord.objects.get().withdrawal_method == "admin"
    # The same address again is refused with a message, and only editor reasons are offered.
    again = admin_client.post(URL + "new/", {"email": "ewa@example.pl", "reason": "manual"})
    assert again.status_code == 200
    assert "Ten adres jest już na liście blokad." in again.content.decode()
    assert SuppressedAddress.objects.count() == 1
    erased = admin_client.post(URL + "new/", {"email": "x@example.pl", "reason": "erased"})
    assert erased.status_code == 200 and SuppressedAddress.objects.count() == 1


def test_remove_an_address_after_a_confirmation(admin_client, entries):
    url = f"{URL}delete/{entries[0].pk}/"
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert SuppressedAddress.objects.count() == 2  # a GET only asks
    assert admin_client.post(url).status_code == 302
    assert list(SuppressedAddress.objects.all()) == [entries[1]]


def make_user(username, *permissions, is_staff=False):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.pl", password="x", is_staff=is_staff
    )
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_only_users_with_the_permission_see_it(client, entries):
    # Not staff, no admin access: sent to the login page.
    client.force_login(make_user("gosc"))
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    # An editor with admin access but without the suppression list permissions.
    client.force_login(make_user("redaktor", "access_admin", is_staff=True))
    for url in (URL, URL + "new/", f"{URL}delete/{entries[0].pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert entries[0].email_hash[:12] not in response.content.decode()
    assert client.post(f"{URL}delete/{entries[0].pk}/").status_code in (302, 403)
    assert SuppressedAddress.objects.count() == 2
    assert URL not in client.get("/admin/").content.decode()  # not in the menu either
    # The same editor once given the permissions sees it in the menu and can open it.
    client.force_login(
        make_user(
            "koordynator",
            "access_admin",
            "view_suppressedaddress",
            "add_suppressedaddress",
            "delete_suppressedaddress",
        )
    )
    assert URL in client.get("/admin/").content.decode()
    assert entries[0].email_hash[:12] in client.get(URL).content.decode()
