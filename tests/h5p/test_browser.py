"""A participant in headless Chromium: the lesson page loads the player lazily in a sandboxed
iframe from the separate H5P origin (the same live server reached as 127.0.0.1 while the site
is `localhost`), answers, the statement reaches the server and the lesson becomes complete."""

import re
import time

import pytest
from django.db import OperationalError
from django.test import Client

from courses.enrolment import enrol
from courses.models import LessonProgress
from h5p.models import H5PStatement, H5PUserData
from h5p.packages import import_package
from tests.conftest import assert_no_axe_violations
from tests.h5p.conftest import SHARED, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def origins(live_server, settings):
    port = live_server.url.rsplit(":", 1)[1]
    settings.H5P_SITE_ORIGIN = live_server.url  # http://localhost:PORT
    settings.H5P_ORIGIN = f"http://127.0.0.1:{port}"
    return settings.H5P_SITE_ORIGIN, settings.H5P_ORIGIN


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def wait_for(condition, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OperationalError:  # SQLite's shared in-memory test database is busy: retry
            pass
        time.sleep(0.2)
    return False


def open_lesson(page, live_server, origins, course_factory, package, email):
    course, lesson = course_factory(package)
    user = make_user(email)
    enrol(user, course)
    log_in(page, live_server, user)
    player_requests = []
    page.on(
        "request",
        lambda request: (
            player_requests.append(request.url) if "/h5p-player/" in request.url else None
        ),
    )
    page.goto(live_server.url + lesson.url)
    iframe = page.locator("iframe.h5p-activity__frame")
    iframe.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelector('iframe.h5p-activity__frame').getAttribute('src')"
    )
    assert iframe.get_attribute("sandbox") == "allow-scripts"
    assert iframe.get_attribute("src").startswith(origins[1] + "/h5p-player/")
    return user, lesson, page.frame_locator("iframe.h5p-activity__frame"), player_requests


def test_tiny_package_answer_completes_the_lesson(
    live_server, page, origins, course_factory, tiny_package
):
    user, lesson, frame, requests = open_lesson(
        page, live_server, origins, course_factory, tiny_package, "przegladarka@example.pl"
    )
    frame.get_by_label("10 000 zł").check()
    frame.get_by_role("button", name="Sprawdź").click()
    frame.get_by_text("Dobrze!").wait_for()
    assert requests and all(url.startswith(origins[1]) for url in requests)

    assert wait_for(
        lambda: LessonProgress.objects.filter(user=user, lesson=lesson, status="completed").exists()
    )
    stored = H5PStatement.objects.get(user=user)
    assert stored.is_root and stored.score_raw == 1
    assert stored.statement["result"]["response"] == "1"
    status = page.locator(".h5p-activity [role=status]")
    page.wait_for_function(
        "() => document.querySelector('.h5p-activity [role=status]').textContent.length > 0"
    )
    assert status.inner_text()
    # Without a reload: the best score under the player, the lesson's status and the course
    # progress follow (courses/static/courses/lesson.js asks the server for them).
    page.wait_for_function(
        "() => document.querySelector('.h5p-activity__score').textContent.includes('100')"
    )
    page.wait_for_selector(".lesson-completion [role=status]")
    # The player saved its state; a reload restores the chosen answer.
    assert wait_for(lambda: H5PUserData.objects.filter(user=user).exists())
    assert H5PUserData.objects.get(user=user).state == '{"chosen":1}'
    page.reload()
    page.locator("iframe.h5p-activity__frame").scroll_into_view_if_needed()
    frame = page.frame_locator("iframe.h5p-activity__frame")
    assert frame.get_by_label("10 000 zł").is_checked()
    assert_no_axe_violations(page)


def test_shared_true_false_sample(live_server, page, origins, course_factory):
    path = SHARED / "truefalse-hello.h5p"
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared H5P samples exist only on the team's machines)")
    package = import_package(path)
    user, lesson, frame, _requests = open_lesson(
        page, live_server, origins, course_factory, package, "prawdafalsz@example.pl"
    )
    frame.get_by_role("radio", name=re.compile("False")).click()
    frame.get_by_role("button", name=re.compile("Check")).click()
    assert wait_for(
        lambda: LessonProgress.objects.filter(user=user, lesson=lesson, status="completed").exists()
    )
    assert H5PStatement.objects.filter(user=user, is_root=True, score_raw=1).exists()
