"""Two gunicorn nodes behind nginx and two django-q2 workers, on one PostgreSQL database and one
Redis (cache and broker), with production settings: what one machine proves alone must hold
across several. Parallel registrations spread over both nodes never overbook a session; a
newsletter sent by both workers reaches every address exactly once; a session started on one
node goes on on the other; a document uploaded through one node is served through the other
(a shared MEDIA_ROOT here; object storage in production).

Opt-in (`-m cluster`): `.ci/run` runs it after the PostgreSQL + Redis suite."""

import collections
import datetime
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection

from events.models import EventIndexPage, EventPage, Registration, Session
from events.models.registrations import SEAT_STATUSES
from newsletter.models import (
    Delivery,
    Dispatch,
    NewsletterIndexPage,
    NewsletterList,
    NewsletterPage,
    Subscriber,
)
from tests.newsletter.smtp_sink import start_sink

from .stack import (  # noqa: F401
    Stack,
    collected_static,
    database_url,
    https_session,
    needs_nginx,
    production_env,
    run_django,
)

pytestmark = [pytest.mark.cluster, needs_nginx, pytest.mark.django_db(transaction=True)]

CAPACITY = 8
CLIENTS = 24
SUBSCRIBERS = 2000
PASSWORD = "Haslo-testowe-123"
PDF = b"%PDF-1.4\n% regulamin konkursu\n%%EOF\n"


def _training(home_page):
    index = EventIndexPage(title="Szkolenia", slug="wydarzenia")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    page = EventPage(title="Regranting w praktyce", slug="regranting")
    start = timezone.now() + datetime.timedelta(days=10)
    page.sessions.add(
        Session(
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=6),
            venue_name="Sala konferencyjna",
            street="ul. Rakowicka 27",
            postal_code="31-510",
            city="Kraków",
            voivodeship="12",
            capacity=CAPACITY,
        )
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def _newsletter(home_page):
    index = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    issue = NewsletterPage(title="Nowości z programu", slug="nowosci", preheader="Szkolenia")
    issue.body = [("heading", "Co nowego")]
    index.add_child(instance=issue)
    issue.save_revision().publish()
    everyone = NewsletterList.objects.create(name="Wszyscy", slug="wszyscy")
    Subscriber.objects.bulk_create(
        Subscriber(email=f"osoba{i:05d}@example.pl", status="confirmed") for i in range(SUBSCRIBERS)
    )
    everyone.subscribers.add(*Subscriber.objects.filter(email__startswith="osoba"))
    dispatch = Dispatch.objects.create(page=issue)
    dispatch.lists.add(everyone)
    return dispatch


def _participants(django_user_model):
    """Logged-in participants with verified e-mail (their registrations take a seat at once);
    their sessions are made here and used through the proxy."""
    cookies = []
    for n in range(CLIENTS):
        user = django_user_model.objects.create_user(
            f"uczestnik{n}@example.pl", f"uczestnik{n}@example.pl"
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    member = django_user_model.objects.create_user("jan@example.pl", "jan@example.pl")
    member.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    member.first_name, member.last_name = "Jan", "Kowalski"
    member.save()
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    editor = django_user_model.objects.create_superuser(
        "redaktor@example.pl", "redaktor@example.pl"
    )
    client = Client()
    client.force_login(editor)
    return cookies, client.cookies[settings.SESSION_COOKIE_NAME].value


def _register(stack, url, session_cookie, n):
    client = https_session(stack)
    client.cookies.set(settings.SESSION_COOKIE_NAME, session_cookie)
    form = client.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    response = client.post(
        url,
        data={
            "csrfmiddlewaretoken": token,
            "first_name": "Anna",
            "last_name": f"Nowak{n}",
            "organisation": "Gmina Wadowice",
            "organisation_type": "jst",
            "voivodeship": "12",
        },
        headers={"Referer": url},
        allow_redirects=False,
    )
    return response.status_code


def _node_posts(stack, number):
    log = stack.run_dir / f"node{number}.log"
    return sum(1 for line in log.read_text().splitlines() if '"POST /wydarzenia/' in line)


def _cookie(response, name):
    """A cookie from Set-Cookie as sent (requests keeps Secure cookies away from plain HTTP)."""
    return re.search(rf"{name}=([^;]+)", response.headers["Set-Cookie"]).group(1)


def _direct(stack, number):
    """A client talking to one node as nginx would (HTTPS seen through X-Forwarded-Proto)."""
    client = https_session(stack)
    client.headers.update(
        {"X-Forwarded-Proto": "https", "Host": stack.site_url.removeprefix("https://")}
    )
    return client, stack.node_url(number)


@pytest.fixture
def cluster(home_page, django_user_model, tmp_path, collected_static):  # noqa: F811
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("the cluster test runs on PostgreSQL + Redis (DATABASE_URL, REDIS_URL)")
    training = _training(home_page)
    dispatch = _newsletter(home_page)
    cookies, editor_cookie = _participants(django_user_model)
    controller, sink = start_sink()
    env = production_env(
        database_url(tmp_path),
        DJANGO_SETTINGS_MODULE="tests.proxy.cluster_settings",
        # The participants' sessions were signed in this process.
        SECRET_KEY=settings.SECRET_KEY,
        REDIS_URL=settings.REDIS_URL,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(controller.port),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    stack = Stack(tmp_path / "run", env, nodes=2, workers=2, static_root=collected_static)
    try:
        stack.start()
        yield stack, training, dispatch, cookies, editor_cookie, sink
    finally:
        stack.stop()
        controller.stop()


def test_two_nodes_and_two_workers_keep_every_rule(cluster):
    stack, training, dispatch, cookies, editor_cookie, sink = cluster

    # A newsletter to a few thousand addresses, started as the admin starts it; both workers
    # take slices of it while the registrations below run.
    run_django(
        stack,
        f"from newsletter.sending.dispatch import start_dispatch\nstart_dispatch({dispatch.pk})\n",
    )

    # Parallel registrations through nginx, spread over both nodes: never more than the seats.
    session = training.sessions.get()
    url = stack.site_url + training.url + f"zapisy/{session.pk}/"
    with ThreadPoolExecutor(max_workers=12) as pool:
        codes = list(pool.map(lambda n: _register(stack, url, cookies[n], n), range(CLIENTS)))
    assert set(codes) <= {302, 400}, codes
    seats = Registration.objects.filter(session=session, status__in=SEAT_STATUSES).count()
    assert seats == CAPACITY
    assert Registration.objects.filter(session=session).count() <= CLIENTS
    assert _node_posts(stack, 1) > 0 and _node_posts(stack, 2) > 0

    # A session started on node 1 goes on on node 2 (sessions in the shared database).
    login_path = reverse("account_login")
    client, node1 = _direct(stack, 0)
    form = client.get(node1 + login_path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    csrf = _cookie(form, settings.CSRF_COOKIE_NAME)
    logged_in = client.post(
        node1 + login_path,
        data={"csrfmiddlewaretoken": token, "login": "jan@example.pl", "password": PASSWORD},
        headers={
            "Referer": stack.site_url + login_path,
            "Cookie": f"{settings.CSRF_COOKIE_NAME}={csrf}",
        },
        allow_redirects=False,
    )
    assert logged_in.status_code == 302
    session_id = _cookie(logged_in, settings.SESSION_COOKIE_NAME)
    other, node2 = _direct(stack, 1)
    profile = other.get(
        node2 + reverse("accounts:profile"),
        headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_id}"},
        allow_redirects=False,
    )
    assert profile.status_code == 200
    assert "Wyloguj" in profile.text
    assert other.get(node2 + reverse("accounts:profile"), allow_redirects=False).status_code == 302

    # A document uploaded through node 1 (the admin) is served through node 2.
    add_path = "/admin/documents/add/"
    admin, node1 = _direct(stack, 0)
    editor = f"{settings.SESSION_COOKIE_NAME}={editor_cookie}"
    form = admin.get(node1 + add_path, headers={"Cookie": editor})
    assert form.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    csrf = _cookie(form, settings.CSRF_COOKIE_NAME)
    uploaded = admin.post(
        node1 + add_path,
        data={
            "csrfmiddlewaretoken": token,
            "title": "Regulamin konkursu",
            "collection": str(Collection.get_first_root_node().pk),
        },
        files={"file": ("regulamin.pdf", PDF, "application/pdf")},
        headers={
            "Cookie": f"{editor}; {settings.CSRF_COOKIE_NAME}={csrf}",
            "Referer": stack.site_url + add_path,
        },
        allow_redirects=False,
    )
    assert uploaded.status_code == 302, re.findall(r"error[^>]*>([^<]+)<", uploaded.text)
    document = Document.objects.get(title="Regulamin konkursu")
    other, node2 = _direct(stack, 1)
    checked = other.get(node2 + document.url, allow_redirects=False)
    assert checked.status_code == 200
    assert checked.headers["X-Accel-Redirect"].startswith("/_protected/documents/")
    assert checked.content == b""  # the file itself comes from nginx
    assert https_session(stack).get(stack.site_url + document.url).content == PDF

    # The newsletter: every address exactly once, every delivery recorded as sent.
    deadline = time.monotonic() + 180
    while sink.count() < SUBSCRIBERS and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(1)  # let the sink finish its last transaction
    received = collections.Counter(sink.recipients)
    newsletter = {email for email in received if email.startswith("osoba")}
    duplicates = {email: n for email, n in received.items() if n > 1}
    assert not duplicates
    assert len(newsletter) == SUBSCRIBERS, stack.logs()
    assert set(Delivery.objects.filter(dispatch=dispatch).values_list("status", flat=True)) == {
        "sent"
    }
    worker_logs = [(stack.run_dir / f"worker{n}.log").read_text() for n in (1, 2)]
    assert all("send_dispatch" in log for log in worker_logs), "one worker sent everything"
