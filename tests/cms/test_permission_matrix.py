"""The permission matrix: every URL pattern of the project, for every role (cms.roles), with the
outcome it must have. A URL pattern that has no entry here fails
`test_every_url_pattern_is_classified`, so a new view is classified before it ships.

How patterns map to entries:
- a view of the project (its module is one of the apps) has an entry under its full URL name
  (`namespace:name`);
- a Wagtail viewset over one of the apps' models (snippets, ModelViewSets, snippet choosers) has
  one entry under its namespace: all its views share the model's permission policy, and the
  matrix requests its index;
- prefix rule: Wagtail's, Django's and the third-party packages' own views (their module is not
  one of the apps) are governed by their own permission policies. The matrix still pins down
  the ones that show people's data (users, groups) or the site's settings, and
  `test_builtin_admin_needs_admin_access` checks that none of them opens to a participant.

Outcomes: "ok" (2xx/3xx, or 400/405 once past the permission check), "login" (sent to a
login page), "denied" (403, or Wagtail's redirect to the admin home), "missing" (404: another
person's object is not even admitted to exist).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import URLResolver, get_resolver, reverse

from cms import roles
from tests.courses import factories

pytestmark = pytest.mark.django_db

ANON, PART, MOD, EDIT, STAFF, ADMIN = ROLES = (
    roles.ANONYMOUS,
    roles.PARTICIPANT,
    roles.MODERATOR,
    roles.EDITOR,
    roles.PROGRAMME_STAFF,
    roles.ADMINISTRATOR,
)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANON}
ADMIN_ACCESS = frozenset({MOD, EDIT, STAFF, ADMIN})
CONTENT = frozenset({EDIT, ADMIN})
REVIEWERS = frozenset({MOD, EDIT, ADMIN})
PROGRAMME = frozenset({STAFF, ADMIN})
ADMINISTRATORS = frozenset({ADMIN})

OUR_APPS = ("cms", *settings.DOMAIN_APPS, "home")


@dataclass(frozen=True)
class Case:
    """`allow`: the roles that get "ok"; every other role must not. `kwargs` builds the URL's
    arguments from the world; `found=False` when they are dummies (a token), so an allowed role
    may get 404 too."""

    allow: frozenset
    kwargs: object = None
    method: str = "get"
    data: dict = field(default_factory=dict)
    found: bool = True
    viewset: bool = False
    query: str = ""
    expect: dict = field(default_factory=dict)


def _w(**spec):
    return lambda w: {key: getter(w) for key, getter in spec.items()}


def pk(name):
    return lambda w: getattr(w, name).pk


TOKEN = _w(token=lambda w: "nieznany-token")

MATRIX = {
    # --- staff views of the apps (Wagtail admin) ---
    "courses_admin:list": Case(PROGRAMME),
    "courses_admin:participants": Case(PROGRAMME, _w(pk=pk("course"))),
    "courses_admin:participant": Case(PROGRAMME, _w(pk=pk("course"), user_id=pk("participant"))),
    "courses_admin:bulk_enrol": Case(PROGRAMME, _w(pk=pk("course"))),
    "certificates_admin_list": Case(PROGRAMME),
    "quizzes_admin:index": Case(PROGRAMME),
    "quizzes_admin:quiz": Case(PROGRAMME, _w(quiz_id=pk("quiz"))),
    "quizzes_admin:course_report": Case(PROGRAMME, _w(course_id=pk("course"))),
    "h5p_report": Case(PROGRAMME, _w(pk=pk("package"))),
    "h5p_export": Case(PROGRAMME, _w(pk=pk("package"))),
    "events_admin:sessions": Case(PROGRAMME),
    "events_admin:session": Case(PROGRAMME, _w(pk=pk("session"))),
    "events_admin:checkin": Case(PROGRAMME, _w(pk=pk("session"))),
    "events_admin:attendance_pdf": Case(
        PROGRAMME, _w(pk=pk("session"), day=lambda w: w.session.starts_at.date().isoformat())
    ),
    "events_admin:export": Case(PROGRAMME, _w(pk=pk("session"), fmt=lambda w: "csv")),
    "events_admin:cancel_session": Case(PROGRAMME, _w(pk=pk("session"))),
    "events_admin:registration_action": Case(
        PROGRAMME, _w(pk=pk("registration"), action=lambda w: "nieznana"), found=False
    ),
    "dashboard_admin:index": Case(PROGRAMME),
    "dashboard_admin:people": Case(PROGRAMME),
    "dashboard_admin:jst_list": Case(PROGRAMME),
    "dashboard_admin:jst_timeline": Case(PROGRAMME, _w(pk=pk("jst"))),
    "dashboard_admin:export": Case(PROGRAMME, _w(table=lambda w: "szkolenia"), found=False),
    "dashboard_admin:audit": Case(PROGRAMME),
    "dashboard_admin:person_search": Case(PROGRAMME),
    "dashboard_admin:person_data": Case(PROGRAMME, _w(user_id=pk("participant"))),
    "recruitment_admin:index": Case(PROGRAMME),
    "recruitment_admin:ranking": Case(PROGRAMME, _w(call_id=pk("call"))),
    "recruitment_admin:export": Case(PROGRAMME, _w(call_id=pk("call"), fmt=lambda w: "xlsx")),
    "recruitment_admin:application": Case(PROGRAMME, _w(pk=pk("application"))),
    # Without data: the evaluation form's errors (400) and the decision's "choose" message.
    "recruitment_admin:evaluate": Case(PROGRAMME, _w(pk=pk("application")), method="post"),
    "recruitment_admin:decide": Case(PROGRAMME, _w(pk=pk("application")), method="post"),
    # Sending is the editors' (an issue is sent by whoever may edit its page).
    "newsletter_admin:dispatches": Case(CONTENT),
    "newsletter_admin:dispatch": Case(CONTENT, _w(pk=pk("dispatch"))),
    "newsletter_admin:dispatch_action": Case(
        CONTENT,
        _w(pk=pk("dispatch"), action=lambda w: "nieznana"),
        method="post",
        found=False,
    ),
    "newsletter_admin:issue_send": Case(CONTENT, _w(page_id=pk("issue"))),
    # The issue as an e-mail: page content, shown to whoever may edit the page (Wagtail's
    # Moderators may).
    "newsletter_admin:email_preview": Case(REVIEWERS, _w(page_id=pk("issue"))),
    "newsletter_admin:import": Case(PROGRAMME),
    "practices_import": Case(CONTENT),
    # The site-search queries that found nothing: what people type, no one's personal data.
    "unanswered_searches": Case(CONTENT),
    "unanswered_searches_results": Case(CONTENT),
    # --- Wagtail viewsets over the apps' models (one entry per namespace) ---
    "newsletter_subscribers": Case(PROGRAMME, viewset=True),
    "newsletter_suppression": Case(PROGRAMME, viewset=True),
    "newsletter_lists": Case(CONTENT, viewset=True),
    "newsletter_consent_texts": Case(CONTENT, viewset=True),
    "wagtailsnippets_practices_instrument": Case(CONTENT, viewset=True),
    "wagtailsnippets_cms_searchsynonym": Case(CONTENT, viewset=True),
    "wagtailsnippets_practices_practiceproposal": Case(REVIEWERS, viewset=True),
    "wagtailsnippets_quizzes_quiz": Case(CONTENT, viewset=True),
    "wagtailsnippets_quizzes_coursequizrole": Case(CONTENT, viewset=True),
    "wagtailsnippets_h5p_h5ppackage": Case(CONTENT, viewset=True),
    "wagtailsnippets_dashboard_indicator": Case(PROGRAMME, viewset=True),
    "wagtailsnippets_dashboard_supportedjst": Case(PROGRAMME, viewset=True),
    # Choosers list titles only, for any admin page editor's chooser panels.
    "wagtailsnippetchoosers_practices_instrument": Case(ADMIN_ACCESS, viewset=True),
    "wagtailsnippetchoosers_cms_searchsynonym": Case(ADMIN_ACCESS, viewset=True),
    "wagtailsnippetchoosers_practices_practiceproposal": Case(ADMIN_ACCESS, viewset=True),
    "wagtailsnippetchoosers_quizzes_quiz": Case(ADMIN_ACCESS, viewset=True),
    "wagtailsnippetchoosers_quizzes_coursequizrole": Case(ADMIN_ACCESS, viewset=True),
    "wagtailsnippetchoosers_h5p_h5ppackage": Case(ADMIN_ACCESS, viewset=True),
    "wagtailsnippetchoosers_dashboard_indicator": Case(ADMIN_ACCESS, viewset=True),
    "wagtailsnippetchoosers_dashboard_supportedjst": Case(ADMIN_ACCESS, viewset=True),
    # --- built-in admin views that show people's data or the site's settings ---
    "wagtailusers_users:index": Case(ADMINISTRATORS),
    "wagtailusers_groups:index": Case(ADMINISTRATORS),
    "wagtailsites:index": Case(ADMINISTRATORS),
    "wagtailadmin_home": Case(ADMIN_ACCESS),
    # --- the public site ---
    # Files under /media/: public renditions to anyone; private ones only after the collection's
    # check (its object-level test: tests/practices/test_proposal_files.py). Dummy paths here.
    "public_rendition": Case(EVERYONE, _w(path=lambda w: "nie-ma.png"), found=False),
    "private_rendition": Case(EVERYONE, _w(path=lambda w: "nie-ma.png"), found=False),
    "robots_txt": Case(EVERYONE),
    # Probes (cms/ops.py): no personal data, answered to anyone.
    "healthz": Case(EVERYONE),
    "readyz": Case(EVERYONE),
    "sitemap": Case(EVERYONE),
    "search": Case(EVERYONE),
    # The easy-to-read text as .txt; the matrix's world has no easy-to-read page (a 404).
    "scope_of_activity_txt": Case(EVERYONE, found=False),
    # /en/ + an old Polish segment: a 301 to the English URL; reversed in Polish, a 404.
    "english_segments_redirect": Case(EVERYONE, _w(path=lambda w: "szukaj/"), found=False),
    "wagtailapi:practices:listing": Case(EVERYONE),
    "wagtailapi:practices:detail": Case(EVERYONE, _w(pk=lambda w: 999999), found=False),
    "wagtailapi:practices:find": Case(EVERYONE, found=False),
    "accounts:profile": Case(SIGNED_IN),
    "certificates:verify": Case(EVERYONE, _w(code=lambda w: w.certificate.code)),
    # The participant is the holder; moderators and editors see no one else's certificate.
    "certificates:pdf": Case(
        frozenset({PART, STAFF, ADMIN}), _w(code=lambda w: w.certificate.code)
    ),
    "courses:enrol": Case(SIGNED_IN, _w(pk=pk("course")), method="post"),
    "courses:unenrol": Case(SIGNED_IN, _w(pk=pk("other_course")), method="post"),
    "courses:complete": Case(SIGNED_IN, _w(pk=pk("lesson")), method="post", found=False),
    "courses:my_courses": Case(SIGNED_IN),
    "quizzes:in_lesson": Case(
        SIGNED_IN, _w(lesson_id=pk("lesson"), quiz_id=pk("quiz")), found=False
    ),
    "quizzes:in_course": Case(
        SIGNED_IN, _w(course_id=pk("course"), quiz_id=pk("quiz")), found=False
    ),
    # Only the person who made the attempt sees it (everyone else: 404).
    "quizzes:attempt": Case(frozenset({PART}), _w(attempt_id=pk("attempt"))),
    "quizzes:autosave": Case(
        frozenset({PART}), _w(attempt_id=pk("attempt")), method="post", found=False
    ),
    "quizzes:result": Case(frozenset({PART}), _w(attempt_id=pk("attempt"))),
    "quizzes:my_attempts": Case(SIGNED_IN),
    "h5p_xapi": Case(
        SIGNED_IN, _w(lesson_id=pk("lesson"), package_id=pk("package")), method="post", found=False
    ),
    "h5p_state": Case(SIGNED_IN, _w(lesson_id=pk("lesson"), package_id=pk("package")), found=False),
    "h5p-player": Case(EVERYONE, TOKEN, found=False),
    "h5p-file": Case(EVERYONE, _w(token=lambda w: "x", path=lambda w: "a.js"), found=False),
    "h5p-asset": Case(EVERYONE, _w(path=lambda w: "nie-ma.js"), found=False),
    "events:feed": Case(EVERYONE),
    "events:session_ics": Case(EVERYONE, _w(pk=pk("session"))),
    "events:registration": Case(EVERYONE, TOKEN, found=False),
    "events:registration_ics": Case(EVERYONE, TOKEN, found=False),
    "events:cancel": Case(EVERYONE, TOKEN, found=False),
    "events:my_trainings": Case(SIGNED_IN),
    "newsletter:signup": Case(EVERYONE, found=False),
    "newsletter:check_mailbox": Case(EVERYONE),
    "newsletter:confirm": Case(EVERYONE, TOKEN, found=False),
    "newsletter:confirmed": Case(EVERYONE, TOKEN, found=False),
    "newsletter:preferences": Case(EVERYONE, TOKEN, found=False),
    "newsletter:unsubscribe": Case(EVERYONE, TOKEN, found=False),
    "newsletter:one_click": Case(EVERYONE, TOKEN, method="post", found=False),
    "newsletter:unsubscribed": Case(EVERYONE),
    "recruitment:apply": Case(SIGNED_IN, _w(call_id=pk("call"))),
    "recruitment:my_applications": Case(SIGNED_IN),
    # The applicant (the participant) and staff who view applications; others: 404.
    "recruitment:application_pdf": Case(frozenset({PART, STAFF, ADMIN}), _w(pk=pk("application"))),
    "recruitment:attachment": Case(frozenset({PART, STAFF, ADMIN}), _w(pk=pk("attachment"))),
    "dashboard:my_data": Case(SIGNED_IN),
    "dashboard:my_data_download": Case(SIGNED_IN),
    # Withdrawing a consent that is not one's own is refused to everyone.
    "dashboard:my_data_withdraw": Case(
        frozenset(),
        method="post",
        data={"consent_id": "newsletter:0"},
        expect={ANON: "login", **dict.fromkeys(SIGNED_IN, "denied")},
    ),
    # Staff accounts are sent back to "my data": they are closed by an administrator.
    "dashboard:my_data_erase": Case(SIGNED_IN),
    "dashboard:erased": Case(EVERYONE),
}


# --- walking the URL patterns -------------------------------------------------------------------


def url_patterns(patterns=None, prefix="", namespaces=()):
    """(route, namespaces, name, module) of every URL pattern of the project."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                namespaces + ((pattern.namespace,) if pattern.namespace else ()),
            )
            continue
        view = getattr(pattern.callback, "view_class", pattern.callback)
        yield prefix + str(pattern.pattern), namespaces, pattern.name, view.__module__


def entry_for(namespaces, name):
    full = ":".join((*namespaces, name or ""))
    if full in MATRIX:
        return full
    ns = ":".join(namespaces)
    if ns in MATRIX and MATRIX[ns].viewset:
        return ns
    return None


def is_ours(namespaces, module):
    if module.split(".")[0] in OUR_APPS:
        return True
    return any(app in ns.split("_") for ns in namespaces for app in OUR_APPS)


def test_every_url_pattern_is_classified():
    missing = [
        f"{route} ({':'.join((*ns, name or ''))}, {module})"
        for route, ns, name, module in url_patterns()
        if is_ours(ns, module) and entry_for(ns, name) is None
    ]
    assert not missing, "URL patterns without an entry in the permission matrix:\n" + "\n".join(
        missing
    )


def test_every_entry_names_a_url_pattern():
    used = {entry_for(ns, name) for _route, ns, name, _module in url_patterns()}
    assert set(MATRIX) - used == set()


# --- the world every role is tried against -----------------------------------------------------


def make_user(email, role=None, **extra):
    user = get_user_model().objects.create_user(
        username=email, email=email, password="Haslo-testowe-123", **extra
    )
    if role is not None:
        roles.add_to_role(user, role)
    return user


@pytest.fixture
def world(home_page, tmp_path):
    from certificates.services import issue_certificate
    from courses.enrolment import enrol
    from dashboard.models import SupportedJst
    from events.models import EventIndexPage, Registration
    from h5p.packages import import_package
    from newsletter.models import Dispatch, NewsletterIndexPage, NewsletterPage
    from practices.models import Instrument
    from quizzes.models import Attempt, CourseQuizRole
    from recruitment import services
    from tests.events.conftest import make_event
    from tests.h5p.conftest import tiny_zip
    from tests.quizzes.builders import make_quiz, true_false
    from tests.recruitment.conftest import complete_application, make_call

    w = SimpleNamespace()
    w.instrument, _ = Instrument.objects.get_or_create(
        slug="regranting", defaults={"name": "Regranting"}
    )
    w.course = factories.course(home_page, modules=0, lessons_per_module=1)
    w.other_course = factories.course(home_page, title="Regranting", modules=0)
    w.lesson = factories.lessons_of(w.course)[0]
    w.participant = make_user("anna@example.pl", first_name="Anna", last_name="Nowak")
    w.other = make_user("bartek@example.pl", first_name="Bartek", last_name="Lis")
    enrol(w.participant, w.course)
    enrol(w.other, w.course)
    w.users = {
        ANON: None,
        PART: w.participant,
        MOD: make_user("moderator@example.pl", roles.MODERATOR),
        EDIT: make_user("redaktor@example.pl", roles.EDITOR),
        STAFF: make_user("zespol@example.pl", roles.PROGRAMME_STAFF),
        ADMIN: make_user("admin@example.pl", roles.ADMINISTRATOR),
    }
    for user in w.users.values():
        if user is not None and user != w.participant:
            enrol(user, w.other_course)
    w.quiz = make_quiz([true_false("q1", "true", "Prawda?")], title="Test", pass_mark=50)
    CourseQuizRole.objects.create(course=w.course, quiz=w.quiz, role="pre")
    w.attempt = Attempt.objects.create(
        quiz=w.quiz, user=w.participant, number=1, course_id=w.course.pk
    )
    path = tmp_path / "tiny.h5p"
    path.write_bytes(tiny_zip())
    w.package = import_package(path)
    index = EventIndexPage(title="Szkolenia", slug="wydarzenia")
    home_page.add_child(instance=index)
    event = make_event(index)
    w.session = event.sessions.first()
    w.registration = Registration.objects.create(
        session=w.session,
        user=w.participant,
        email=w.participant.email,
        first_name="Anna",
        last_name="Nowak",
    )
    w.certificate = certificate_for(w.participant, issue_certificate)
    w.other_certificate = certificate_for(w.other, issue_certificate)
    newsletters = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    home_page.add_child(instance=newsletters)
    w.issue = NewsletterPage(title="Listopad", slug="listopad", body=[])
    newsletters.add_child(instance=w.issue)
    w.dispatch = Dispatch.objects.create(page=w.issue)
    w.jst = SupportedJst.objects.create(teryt="1261011", name="Kraków", jst_type="powiat")
    w.call = make_call(home_page)
    w.application = services.submit(complete_application(w.call, w.participant, [w.instrument]))
    w.attachment = w.application.attachments.first()
    return w


def certificate_for(user, issue_certificate):
    return issue_certificate(
        kind="event",
        user=user,
        email=user.email,
        full_name=user.get_full_name(),
        title="Regranting w praktyce",
        hours=Decimal("8"),
        outcomes=["Zna zasady regrantingu"],
        organiser="MSAP UEK",
        dates_text="12.03.2026",
        place="Kraków",
        source_key=f"test:{user.pk}",
    )


def outcome(response):
    status = response.status_code
    if status in (301, 302):
        location = response["Location"]
        if "login" in location:
            return "login"
        if location.split("?")[0] == reverse("wagtailadmin_home"):
            return "denied"
        return "ok"
    if status == 401:
        return "login"
    if status == 403:
        return "denied"
    if status == 404:
        return "missing"
    assert status < 500, status
    return "ok"


def url_of(key, case, world):
    if case.viewset:
        for suffix in ("index", "list", "choose"):
            try:
                return reverse(f"{key}:{suffix}")
            except Exception:  # noqa: S112  (the viewset names its index one of these)
                continue
        raise AssertionError(f"no index URL in {key}")
    kwargs = case.kwargs(world) if case.kwargs else {}
    return reverse(key, kwargs=kwargs) + case.query


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    wrong = []
    for key, case in MATRIX.items():
        url = url_of(key, case, world)
        got = outcome(getattr(client, case.method)(url, case.data))
        allowed = {"ok"} if case.found else {"ok", "missing"}
        if role in case.expect:
            if got != case.expect[role]:
                wrong.append(f"{key} {url}: {got}, expected {case.expect[role]}")
            continue
        if role in case.allow and got not in allowed:
            wrong.append(f"{key} {url}: {got}, expected ok")
        if role not in case.allow and got == "ok":
            wrong.append(f"{key} {url}: ok, expected a refusal")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", [ANON, PART])
def test_builtin_admin_needs_admin_access(client, world, role):
    """The prefix rule: Wagtail's and Django's own admin views open to no one without admin
    access (each built-in admin pattern without arguments is tried)."""
    if world.users[role] is not None:
        client.force_login(world.users[role])
    opened = []
    for route, ns, name, module in url_patterns():
        if is_ours(ns, module) or "<" in route or "^" in route or "(" in route:
            continue
        if not route.startswith(("admin/", "django-admin/")):
            continue
        if route.startswith(("admin/login/", "admin/password_reset/", "admin/logout/")):
            continue  # the ways in and out
        if name in {"wagtailadmin_sprite", "wagtailadmin_javascript_catalog"}:
            continue  # static assets of the login page
        if route.startswith("django-admin/login/") or route.startswith("django-admin/logout/"):
            continue
        response = client.get("/" + route)
        if outcome(response) == "ok":
            opened.append(f"{route} ({name})")
    assert not opened, "\n".join(opened)


# --- object level: participant A never sees participant B's data --------------------------------


def test_participant_cannot_download_anothers_certificate(client, world):
    client.force_login(world.participant)
    assert client.get(reverse("certificates:pdf", args=[world.certificate.code])).status_code == 200
    response = client.get(reverse("certificates:pdf", args=[world.other_certificate.code]))
    assert response.status_code == 403


def test_participant_cannot_open_anothers_attempt(client, world):
    client.force_login(world.other)
    for name in ("quizzes:attempt", "quizzes:result"):
        assert client.get(reverse(name, args=[world.attempt.pk])).status_code == 404


def test_my_data_shows_only_my_own(client, world):
    client.force_login(world.other)
    body = client.get(reverse("dashboard:my_data")).content.decode()
    assert "bartek@example.pl" in body
    assert "anna@example.pl" not in body
    download = client.get(reverse("dashboard:my_data_download")).content.decode()
    assert "anna@example.pl" not in download and "bartek@example.pl" in download


def test_participant_cannot_open_staff_views_of_anyone(client, world):
    client.force_login(world.other)
    for url in (
        reverse("dashboard_admin:person_data", args=[world.participant.pk]),
        reverse("courses_admin:participant", args=[world.course.pk, world.participant.pk]),
    ):
        assert outcome(client.get(url)) in {"login", "denied"}


# --- data rights: staff accounts are deactivated, never erased ----------------------------------


@pytest.mark.parametrize("role", [MOD, EDIT, STAFF])
def test_staff_accounts_cannot_be_erased(client, world, role):
    subject = world.users[role]
    client.force_login(world.users[STAFF] if role != STAFF else world.users[ADMIN])
    response = client.post(
        reverse("dashboard_admin:person_data", args=[subject.pk]),
        {"action": "erase", "reference": "RODO/1", "confirm": "yes"},
    )
    assert response.status_code == 302
    subject.refresh_from_db()
    assert subject.is_active and subject.email


def test_editor_cannot_erase_anyone(client, world):
    client.force_login(world.users[EDIT])
    response = client.post(
        reverse("dashboard_admin:person_data", args=[world.participant.pk]),
        {"action": "erase", "reference": "RODO/1", "confirm": "yes"},
    )
    assert response.status_code == 403
    world.participant.refresh_from_db()
    assert world.participant.is_active and world.participant.email == "anna@example.pl"


def test_staff_account_cannot_erase_itself_on_my_data(client, world):
    editor = world.users[EDIT]
    client.force_login(editor)
    client.post(reverse("dashboard:my_data_erase"), {"confirm": True})
    editor.refresh_from_db()
    assert editor.is_active and editor.email == "redaktor@example.pl"


def test_administrator_deactivates_a_staff_account_and_it_is_logged(client, world):
    from wagtail.models import ModelLogEntry

    editor = world.users[EDIT]
    url = reverse("dashboard_admin:person_data", args=[editor.pk])
    client.force_login(world.users[STAFF])
    response = client.post(url, {"action": "deactivate", "reference": "ZW/7"})
    assert response.status_code == 403
    editor.refresh_from_db()
    assert editor.is_active

    client.force_login(world.users[ADMIN])
    assert 'value="deactivate"' in client.get(url).content.decode()
    response = client.post(url, {"action": "deactivate", "reference": "ZW/7"})
    assert response.status_code == 302
    editor.refresh_from_db()
    assert not editor.is_active and editor.email == "redaktor@example.pl"
    entry = ModelLogEntry.objects.get(action="dashboard.account_deactivate")
    assert entry.user_id == world.users[ADMIN].pk and entry.data["reference"] == "ZW/7"
    # Deactivated, it still counts as a staff account: it cannot be erased later either.
    assert not roles.can_be_erased(editor)


def test_administrator_cannot_deactivate_a_participant(client, world):
    client.force_login(world.users[ADMIN])
    client.post(
        reverse("dashboard_admin:person_data", args=[world.participant.pk]),
        {"action": "deactivate", "reference": "ZW/8"},
    )
    world.participant.refresh_from_db()
    assert world.participant.is_active


# --- the groups ---------------------------------------------------------------------------------


def test_groups_hold_exactly_the_listed_permissions_after_migrate(db):
    from django.contrib.auth.models import Group

    assert roles.ADMINISTRATOR not in roles.GROUPS  # a superuser
    for role, group_name in roles.GROUPS.items():
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name=group_name).permissions.select_related("content_type")
        }
        assert held == set(roles.PERMISSIONS[role]), role


def test_sync_takes_back_a_permission_given_by_hand(db):
    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.get(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="manage_data_rights"))
    roles.sync_groups()
    assert not editors.permissions.filter(codename="manage_data_rights").exists()


def test_editor_has_no_dashboard_or_data_rights_permission(world):
    editor = world.users[EDIT]
    assert not [p for p in editor.get_all_permissions() if p.startswith("dashboard.")]


# --- the admin menu -----------------------------------------------------------------------------

MENU = {
    "courses_admin:list": PROGRAMME,
    "certificates_admin_list": PROGRAMME,
    "quizzes_admin:index": PROGRAMME,
    "events_admin:sessions": PROGRAMME,
    "dashboard_admin:index": PROGRAMME,
    "dashboard_admin:person_search": PROGRAMME,
    "newsletter_admin:import": PROGRAMME,
    "newsletter_admin:dispatches": CONTENT,
    "practices_import": CONTENT,
    "unanswered_searches": CONTENT,
    "recruitment_admin:index": PROGRAMME,
}


@pytest.mark.parametrize("role", [MOD, EDIT, STAFF, ADMIN])
def test_menu_shows_only_what_the_role_may_open(client, world, role):
    client.force_login(world.users[role])
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    shown = {name for name in MENU if f'"{reverse(name)}"' in body}
    assert shown == {name for name, allowed in MENU.items() if role in allowed}
