"""Page types, the admin (send, progress, subscribers, import), personal data and the demo."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import HomePage, StandardPage
from newsletter import services
from newsletter.models import (
    ConsentRecord,
    Delivery,
    Dispatch,
    NewsletterIndexPage,
    NewsletterPage,
    Subscriber,
    SuppressedAddress,
    email_hash,
)

pytestmark = pytest.mark.django_db

ADMIN = "/admin/newsletter_admin"


# --- page types -------------------------------------------------------------------------------


def test_issue_page_renders(client, issue):
    response = client.get(issue.url)
    assert response.status_code == 200
    assert "Co nowego" in response.content.decode()


def test_issue_created_only_under_the_newsletter_index(index_page, home_page):
    assert NewsletterPage.can_create_at(index_page)
    assert not NewsletterPage.can_create_at(home_page)
    assert NewsletterIndexPage.can_create_at(home_page) is False  # one per home page
    std = StandardPage(title="O nas", slug="o-nas")
    home_page.add_child(instance=std)
    assert not NewsletterPage.can_create_at(std)
    assert not NewsletterIndexPage.can_create_at(std)
    assert NewsletterIndexPage.parent_page_types == ["home.HomePage"]
    assert HomePage in NewsletterIndexPage.allowed_parent_page_models()


def test_issue_edit_form_saves(admin_client, issue):
    data = nested_form_data(
        {
            "title": "Nowy tytuł wydania",
            "slug": issue.slug,
            "preheader": "Krótko",
            "body": streamfield(
                [("heading", "Nagłówek"), ("new_courses", {"heading": "Kursy", "limit": 2})]
            ),
        }
    )
    response = admin_client.post(f"/admin/pages/{issue.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "/edit/" in response["Location"], response["Location"]
    latest = NewsletterPage.objects.get(pk=issue.pk).get_latest_revision_as_object()
    assert latest.title == "Nowy tytuł wydania"
    assert latest.body[1].value["limit"] == 2


def test_index_edit_form_saves(admin_client, index_page):
    data = nested_form_data(
        {
            "title": "Newsletter",
            "slug": "newsletter",
            "intro": '{"blocks":[{"key":"a","type":"unstyled","depth":0,"text":"Zapisz się","inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        }
    )
    response = admin_client.post(f"/admin/pages/{index_page.pk}/edit/", data)
    assert response.status_code == 302


def test_index_archive_query_count_does_not_grow(client, index_page, issue):
    from django.core.cache import cache

    def count():
        cache.clear()  # both measurements start from the same (cold) site chrome cache
        client.get(index_page.url)  # per-process caches (content types, site root paths)
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(index_page.url).status_code == 200
        return len(ctx)

    first = count()
    for i in range(3):
        page = NewsletterPage(title=f"Wydanie {i}", slug=f"w-{i}", body=[("heading", "X")])
        index_page.add_child(instance=page)
        page.save_revision().publish()
    assert count() == first


def test_email_preview_mode(issue):
    assert ("email", "E-mail") in [(m, str(label)) for m, label in issue.preview_modes]
    response = issue.make_preview_request(preview_mode="email")
    assert response.status_code == 200
    assert b"<table" in response.content and b"%%NL_" not in response.content


# --- admin: sending ---------------------------------------------------------------------------


def test_send_page_test_and_send(
    admin_user, admin_client, issue, lists, mailoutbox, django_capture_on_commit_callbacks
):
    admin_user.email = "redakcja@example.pl"
    admin_user.save()
    sub = Subscriber.objects.create(email="s@example.pl", status="confirmed")
    sub.lists.add(lists[0])
    page = admin_client.get(f"{ADMIN}/issue/{issue.pk}/")
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"{ADMIN}/issue/{issue.pk}/", {"action": "test"})
    assert response.status_code == 302
    assert mailoutbox[-1].to == ["redakcja@example.pl"] and mailoutbox[-1].subject.startswith(
        "[TEST]"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"{ADMIN}/issue/{issue.pk}/", {"action": "send", "lists": [lists[0].pk]}
        )
    dispatch = Dispatch.objects.get()
    assert response["Location"] == f"{ADMIN}/send/{dispatch.pk}/"
    assert mailoutbox[-1].to == ["s@example.pl"]
    detail = admin_client.get(response["Location"])
    assert detail.status_code == 200
    progress = admin_client.get(response["Location"] + "?format=json").json()
    assert progress["sent"] == 1 and progress["remaining"] == 0
    assert admin_client.get(f"{ADMIN}/").status_code == 200
    # Nothing chosen: a clear message, no dispatch.
    response = admin_client.post(f"{ADMIN}/issue/{issue.pk}/", {"action": "send"})
    assert response.status_code == 200 and Dispatch.objects.count() == 1


def test_send_views_need_permission(client, issue):
    User = get_user_model()
    user = User.objects.create_user("ed", "ed@example.pl", "x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in (f"{ADMIN}/issue/{issue.pk}/", f"{ADMIN}/", f"{ADMIN}/import/"):
        response = client.get(url)
        assert response.status_code in (302, 403) and response.get("Location") != url


def test_dispatch_list_query_count_does_not_grow(admin_client, issue, lists):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get(f"{ADMIN}/").status_code == 200
        return len(ctx)

    Dispatch.objects.create(page=issue, status="done")
    count()  # warm caches
    first = count()
    for _ in range(3):
        Dispatch.objects.create(page=issue, status="done")
    assert count() == first


# --- admin: subscribers and import ------------------------------------------------------------


def test_subscribers_listing_search_filter_export_and_history(admin_client, lists, consent_text):
    a = Subscriber.objects.create(email="anna@example.pl", status="confirmed")
    a.lists.add(lists[0])
    Subscriber.objects.create(email="piotr@example.pl", status="pending")
    record = ConsentRecord.objects.create(
        subscriber=a,
        method="signup",
        consent_text=consent_text,
        text_shown=consent_text.text,
        list_names="Samorządy (JST)",
        source_url="/newsletter/",
    )
    record.lists.add(lists[0])
    base = "/admin/newsletter_subscribers/"
    assert b"anna@example.pl" in admin_client.get(base + "?q=anna").content
    assert b"piotr" not in admin_client.get(base + "?q=anna").content
    filtered = admin_client.get(base + "?status=pending").content
    assert b"piotr" in filtered and b"anna@" not in filtered
    by_list = admin_client.get(base + f"?lists={lists[0].pk}").content
    assert b"anna@" in by_list and b"piotr" not in by_list
    export = admin_client.get(base + "?export=csv")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert b"anna@example.pl" in body and b"piotr@example.pl" in body
    inspect = admin_client.get(f"{base}inspect/{a.pk}/").content.decode()
    assert consent_text.text in inspect and "/newsletter/" in inspect


def csv_upload(text):
    return SimpleUploadedFile("lista.csv", text.encode(), content_type="text/csv")


def test_import_skips_suppressed_and_needs_a_legal_basis(admin_client, lists):
    SuppressedAddress.objects.create(
        email_hash=email_hash("gone@example.pl"), reason="unsubscribed"
    )
    text = "imie,email\nAnna,anna@example.pl\nX,GONE@example.pl\nY,nie-adres\nZ,anna@example.pl\n"
    no_basis = admin_client.post(
        f"{ADMIN}/import/", {"file": csv_upload(text), "lists": [lists[0].pk], "legal_basis": ""}
    )
    assert no_basis.status_code == 200 and not Subscriber.objects.exists()
    response = admin_client.post(
        f"{ADMIN}/import/",
        {
            "file": csv_upload(text),
            "lists": [lists[0].pk],
            "legal_basis": "Zgody papierowe zebrane na szkoleniu 12 maja 2026, archiwum biura.",
        },
    )
    assert response.status_code == 200
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["anna@example.pl"]
    record = ConsentRecord.objects.get()
    assert record.method == "import" and "Zgody papierowe" in record.legal_basis
    assert "1" in response.content.decode()


def test_import_service_counts(lists):
    SuppressedAddress.objects.create(email_hash=email_hash("s@example.pl"), reason="unsubscribed")
    Subscriber.objects.create(email="known@example.pl", status="pending")
    counts = services.import_subscribers(
        "s@example.pl\nnew@example.pl\nknown@example.pl\nbad\nnew@example.pl\n",
        lists=[lists[1]],
        legal_basis="Umowa partnerska, zgody w archiwum.",
    )
    assert counts == {"imported": 1, "updated": 1, "suppressed": 1, "invalid": 1, "repeated": 1}
    assert Subscriber.objects.get(email="known@example.pl").status == "confirmed"
    assert not Subscriber.objects.filter(email="s@example.pl").exists()


def test_import_rejects_non_csv_and_bad_encoding(admin_client, lists):
    for upload in (
        SimpleUploadedFile("lista.xlsx", b"PK\x03\x04", content_type="application/octet-stream"),
        SimpleUploadedFile("lista.csv", "zażółć".encode("cp1250"), content_type="text/csv"),
    ):
        response = admin_client.post(
            f"{ADMIN}/import/",
            {"file": upload, "lists": [lists[0].pk], "legal_basis": "Zgody papierowe z 2026 roku."},
        )
        assert response.status_code == 200 and b"error-message" in response.content


def test_consent_text_in_use_cannot_be_edited(consent_text, lists):
    from django.core.exceptions import ValidationError

    sub = Subscriber.objects.create(email="a@example.pl")
    ConsentRecord.objects.create(subscriber=sub, method="signup", consent_text=consent_text)
    consent_text.text = "Inna treść"
    with pytest.raises(ValidationError):
        consent_text.full_clean()


# --- personal data ----------------------------------------------------------------------------


def test_personal_data_export_withdraw_and_erase(lists, consent_text):
    from allauth.account.models import EmailAddress

    from newsletter import personal_data

    User = get_user_model()
    user = User.objects.create_user("anna", "anna@example.pl", "x")
    EmailAddress.objects.create(user=user, email="anna@example.pl", verified=True, primary=True)
    sub = Subscriber.objects.create(email="anna@example.pl", status="confirmed")
    sub.lists.add(lists[0])
    ConsentRecord.objects.create(
        subscriber=sub,
        method="signup",
        consent_text=consent_text,
        text_shown=consent_text.text,
        confirmed_at=sub.created_at,
    )
    Subscriber.objects.create(email="other@example.pl", status="confirmed")
    data = personal_data.export_for(user)
    assert [s["email"] for s in data["newsletter"]] == ["anna@example.pl"]
    assert data["newsletter"][0]["consents"][0]["text_shown"] == consent_text.text
    import json

    json.dumps(data)
    personal_data.withdraw_consents_for(user)
    sub.refresh_from_db()
    assert sub.status == "unsubscribed"
    personal_data.erase_for(user)
    sub.refresh_from_db()
    assert "anna" not in sub.email
    assert (
        SuppressedAddress.objects.get(email_hash=email_hash("anna@example.pl")).reason == "erased"
    )
    assert ConsentRecord.objects.filter(subscriber=sub).exists()  # anonymous proof stays
    assert personal_data.export_for(user) == {"newsletter": []}


def test_demo_is_idempotent(home_page):
    import sys

    from demo.content import newsletter as demo

    index = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    for _ in range(2):
        demo.load(home_page, {"newsletter": index}, io.StringIO())
    assert NewsletterPage.objects.count() == 1
    from newsletter.models import ConsentText, NewsletterList

    assert NewsletterList.objects.count() == 3 and ConsentText.objects.count() == 1
    assert sys.modules["demo.content.newsletter"]
    assert Page.objects.get(pk=NewsletterPage.objects.get().pk).live


def test_send_request_records_the_intent_and_the_task_freezes_the_recipients(
    admin_client, issue, lists, mailoutbox, django_capture_on_commit_callbacks
):
    """A row per subscriber is slow work: the request only marks the dispatch "preparing" and
    queues the task; the admin shows that state until the task has frozen the recipients."""
    for n in range(3):
        Subscriber.objects.create(email=f"s{n}@example.pl", status="confirmed").lists.add(lists[0])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = admin_client.post(
            f"{ADMIN}/issue/{issue.pk}/", {"action": "send", "lists": [lists[0].pk]}
        )
    dispatch = Dispatch.objects.get()
    assert dispatch.status == Dispatch.Status.PREPARING
    assert not Delivery.objects.exists() and not mailoutbox
    detail = admin_client.get(response["Location"])
    with translation.override(detail.wsgi_request.LANGUAGE_CODE):
        label = str(Dispatch.Status.PREPARING.label)
    assert label in detail.content.decode()
    assert admin_client.get(response["Location"] + "?format=json").json()["status"] == label
    assert label in admin_client.get(f"{ADMIN}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:  # the django-q2 task (sync in tests), run after the commit
            callback()
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.Status.DONE
    assert sorted(Delivery.objects.values_list("email", flat=True)) == [
        "s0@example.pl",
        "s1@example.pl",
        "s2@example.pl",
    ]
    assert len(mailoutbox) == 3
