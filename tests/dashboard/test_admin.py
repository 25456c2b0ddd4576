"""The dashboard in Wagtail's admin: figures, the lists behind them, exports and their audit,
the JST tracker, permissions and the query budget."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from dashboard.models import Person, RecordInstrument, TrainingRecord

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/wskazniki/"


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_dashboard_shows_every_indicator(staff_client, programme):
    response = staff_client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "Przeszkoleni przedstawiciele JST",
        "Przeszkoleni członkowie zarządów NGO",
        "JST wspierane we wdrażaniu instrumentów",
    ):
        assert name in html
    assert '?indicator=jst-trained">2</a>' in html
    assert '?indicator=ngo-trained">3</a>' in html
    assert '?indicator=jst-trained&amp;status=pending">1</a>' in html
    assert '?milestone=3">2</a>' in html
    assert "<svg" in html and 'role="img"' in html
    # SVG coordinates must not be localised (Polish writes 12,5 for 12.5).
    assert not re.search(r'(?:x|y|x1|y1|x2|y2|cx|cy)="-?\d+,\d', html)
    # the breakdown of the first indicator, each figure a link to its people
    assert '?indicator=jst-trained&amp;dim=voivodeship&amp;value=12">2</a>' in html
    # other apps' figures: a table or the "not available" state, never an error
    assert "fill" in html or "Wypełnienie" in html or "Fill rate" in html


def test_breakdown_of_another_indicator(staff_client, programme):
    html = staff_client.get(DASHBOARD + "?b=ngo-trained").content.decode()
    assert '?indicator=ngo-trained&amp;dim=format&amp;value=online">1</a>' in html
    html = staff_client.get(DASHBOARD + "?b=all").content.decode()
    assert '?indicator=all&amp;dim=organisation_type&amp;value=ngo">3</a>' in html


def test_admin_home_panel(staff_client, programme, client, editor):
    html = staff_client.get("/admin/").content.decode()
    assert 'id="programme-indicators' in html or "programme-indicators" in html
    assert '?indicator=jst-trained">2</a>' in html
    client.force_login(editor)
    assert "programme-indicators" not in client.get("/admin/").content.decode()


def test_people_behind_a_figure(staff_client, programme):
    html = staff_client.get(reverse("dashboard_admin:people") + "?indicator=jst-trained").content
    html = html.decode()
    assert "Agnieszka Zgrzytalska" in html and "Dorota Lis" in html
    assert "Celina" not in html and "Bartosz" not in html
    pending = staff_client.get(
        reverse("dashboard_admin:people") + "?indicator=jst-trained&status=pending"
    ).content.decode()
    assert "Celina" in pending and "Agnieszka" not in pending
    no_position = staff_client.get(
        reverse("dashboard_admin:people") + "?indicator=all&status=pending&missing=position"
    ).content.decode()
    assert "Celina" in no_position and "Henryk" not in no_position
    dashboard = staff_client.get(DASHBOARD).content.decode()
    assert 'status=pending&amp;missing=position">1</a>' in dashboard
    by_month = staff_client.get(
        reverse("dashboard_admin:people") + "?indicator=jst-trained&until=2026-01"
    ).content.decode()
    assert "Agnieszka" in by_month and "Dorota" not in by_month
    by_instrument = staff_client.get(
        reverse("dashboard_admin:people") + "?indicator=ngo-trained&dim=instrument&value=regranting"
    ).content.decode()
    assert "Grażyna" in by_instrument and "Dorota" in by_instrument
    assert "Bartosz" not in by_instrument


def test_bad_parameters_are_not_errors(staff_client, programme):
    url = reverse("dashboard_admin:people")
    for query in ("?indicator=nope", "?until=2026-13", "?dim=x&value=y", "?p=abc"):
        assert staff_client.get(url + query).status_code == 200
    assert staff_client.get(url + "?format=pdf").status_code == 404
    assert staff_client.get(reverse("dashboard_admin:jst_list") + "?milestone=x").status_code == 200


def test_csv_and_xlsx_exports_are_audited(staff_client, programme, staff_user):
    url = reverse("dashboard_admin:people") + "?indicator=ngo-trained"
    response = staff_client.get(url + "&format=csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Bartosz" in text and "grazyna@example.pl" in text and "Agnieszka" not in text
    assert len(text.strip().splitlines()) == 4  # header + 3 people
    response = staff_client.get(url + "&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 4
    entries = ModelLogEntry.objects.filter(action="dashboard.export")
    assert entries.count() == 2
    assert {e.user_id for e in entries} == {staff_user.pk}
    assert {e.data["format"] for e in entries} == {"csv", "xlsx"}
    audit = staff_client.get(reverse("dashboard_admin:audit")).content.decode()
    assert "Stefania Sztab" in audit


def test_jst_tracker(staff_client, programme):
    html = staff_client.get(reverse("dashboard_admin:jst_list") + "?milestone=3").content.decode()
    assert "Wieliczka" in html and "Lublin" in html and "Kraków" not in html
    lublin = programme["jsts"]["Lublin"]
    html = staff_client.get(reverse("dashboard_admin:jst_timeline", args=[lublin.pk])).content
    assert 'datetime="2025-11-01"' in html.decode()
    response = staff_client.get(reverse("dashboard_admin:jst_list") + "?format=csv")
    assert response.content.decode("utf-8-sig").count("\n") == 4


def test_jst_teryt_is_validated(staff_client, programme):
    url = reverse("wagtailsnippets_dashboard_supportedjst:add")
    data = {
        "name": "Gmina Test",
        "teryt": "0264012",  # a rural gmina type digit
        "jst_type": "miasto_na_prawach_powiatu",
        "notes": "",
    }
    for prefix in ("milestones", "documents", "practices"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "expected 1" in response.content.decode() or "oczekiwano 1" in response.content.decode()
    data["teryt"] = "02 64 01 1"
    data.update(
        {
            "milestones-TOTAL_FORMS": 1,
            "milestones-0-stage": 3,
            "milestones-0-date": "2026-05-05",
            "milestones-0-note": "",
            "milestones-0-ORDER": 1,
            "milestones-0-id": "",
            "milestones-0-DELETE": "",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302
    from dashboard.models import SupportedJst

    assert SupportedJst.objects.get(name="Gmina Test").teryt == "0264011"


def test_indicator_definitions_are_editable(staff_client, programme):
    from dashboard.models import Indicator

    indicator = Indicator.objects.get(code="jst-trained")
    url = reverse("wagtailsnippets_dashboard_indicator:edit", args=[indicator.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "name": indicator.name,
            "code": indicator.code,
            "kind": "people",
            "target": 700,
            "organisation_type": "jst",
            "mode": "both",
            "milestone": 3,
            "sort_order": 1,
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.target, indicator.mode) == (700, "both")


def test_external_exports(staff_client, programme):
    response = staff_client.get(reverse("dashboard_admin:export", args=["funnel"]) + "?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert staff_client.get(reverse("dashboard_admin:export", args=["nope"])).status_code == 404


# --- permissions -------------------------------------------------------------------------------

ADMIN_URLS = [
    DASHBOARD,
    DASHBOARD + "osoby/?indicator=all",
    DASHBOARD + "osoby/?indicator=all&format=csv",
    DASHBOARD + "jst/",
    DASHBOARD + "dziennik/",
    DASHBOARD + "dane-osobowe/",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_editor_without_the_group_gets_403(client, editor, programme, url):
    client.force_login(editor)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_staff_group_sees_it(staff_client, programme, url):
    assert staff_client.get(url).status_code == 200


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "login" in response["Location"]


# --- query budget ------------------------------------------------------------------------------


def _participants(n, start=0):
    persons = Person.objects.bulk_create(
        [
            Person(
                key=f"p{start + i}@example.pl",
                email=f"p{start + i}@example.pl",
                first_name="P",
                last_name=str(i),
                gender="fm"[i % 2],
                age_group="25-34",
                countable=i % 7 != 0,
                missing="" if i % 7 else "position",
            )
            for i in range(n)
        ]
    )
    records = TrainingRecord.objects.bulk_create(
        [
            TrainingRecord(
                person=p,
                source=("course", "attendance")[i % 2],
                source_key=f"bulk:{start + i}",
                organisation_type=("jst", "ngo", "other")[i % 3],
                voivodeship=f"{2 * (1 + i % 16):02d}",
                format=("e-learning", "online", "stacjonarne")[i % 3],
                date=datetime.date(2025, 1 + i % 12, 1 + i % 28),
            )
            for i, p in enumerate(persons)
        ]
    )
    RecordInstrument.objects.bulk_create(
        [
            RecordInstrument(record=r, slug=("regranting", "male-granty")[i % 2])
            for i, r in enumerate(records)
        ]
    )


def _count_queries(client, url):
    client.get(url)  # warm caches (content types, site) outside the measurement
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        DASHBOARD,
        DASHBOARD + "osoby/?indicator=jst-trained",
        DASHBOARD + "osoby/?indicator=all&status=pending",
        "/admin/",
    ],
)
def test_query_count_is_the_same_at_100_and_10000_participants(staff_client, programme, url):
    _participants(100)
    small = _count_queries(staff_client, url)
    _participants(9_900, start=100)
    assert Person.objects.count() > 10_000
    assert _count_queries(staff_client, url) == small


def test_other_apps_figures_are_shown_and_exported(staff_client, programme, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    soon = timezone.now() + dt.timedelta(days=3)
    monkeypatch.setattr(
        "events.selectors.session_fill_rates",
        lambda: [
            {
                "session_id": 1,
                "event_title": "Regranting w praktyce",
                "starts_at": soon,
                "capacity": 20,
                "confirmed": 15,
                "waitlisted": 2,
            },
            {
                "session_id": 2,
                "event_title": "Dawno temu",
                "starts_at": soon - dt.timedelta(days=30),
                "capacity": 20,
                "confirmed": 20,
                "waitlisted": 0,
            },
        ],
    )
    monkeypatch.setattr(
        "courses.selectors.completion_funnel",
        lambda course_ids=None: [
            {
                "course_id": programme_home_id(),
                "title": "Kurs regrantingu",
                "enrolled": 40,
                "started": 30,
                "completed": 10,
            }
        ],
    )
    monkeypatch.setattr(
        "quizzes.selectors.knowledge_gain_by_course",
        lambda course_ids=None, organisation_type=None: [
            {
                "course_id": programme_home_id(),
                "participants": 12,
                "avg_pre": 41.5,
                "avg_post": 78.0,
                "avg_gain": 36.5,
                "improved_share": 0.92,
            }
        ],
    )
    html = staff_client.get(DASHBOARD).content.decode()
    assert "Regranting w praktyce" in html and "75%" in html
    assert "Dawno temu" not in html  # only upcoming sessions
    assert "Kurs regrantingu" in html and "25%" in html
    assert "36,5" in html or "36.5" in html
    response = staff_client.get(
        reverse("dashboard_admin:export", args=["fill_rates"]) + "?format=xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2


def programme_home_id():
    from wagtail.models import Page

    return Page.objects.filter(depth=1).first().pk


def test_real_selectors_do_not_break_the_dashboard(staff_client, programme):
    html = staff_client.get(DASHBOARD).content.decode()
    assert "Traceback" not in html
