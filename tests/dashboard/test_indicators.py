"""Every indicator and breakdown of the hand-built programme (see conftest.py) against figures
computed by hand."""

import datetime

import pytest
from django.utils import translation

from dashboard import indicators
from dashboard.models import Indicator, Person, TrainingMode, TrainingRecord

pytestmark = pytest.mark.django_db


def ind(code):
    return Indicator.objects.get(code=code)


def test_defaults_640_320_20(db):
    assert {i.code: i.target for i in Indicator.objects.all()} == {
        "jst-trained": 640,
        "ngo-trained": 320,
        "jst-supported": 20,
    }


def test_people_matched_by_email_across_guest_and_account(programme):
    agnieszka = Person.objects.get(user=programme["agnieszka"])
    assert agnieszka.records.count() == 2  # the course and the guest registration
    assert Person.objects.count() == 6
    assert TrainingRecord.objects.count() == 8


def test_indicator_values_either(programme):
    summary = {row["indicator"].code: row for row in indicators.summary()}
    # JST: Agnieszka (course + training, counted once), Dorota (training as JST staff).
    assert summary["jst-trained"]["value"] == 2
    assert summary["jst-trained"]["pending"] == 1  # Celina: position missing
    assert summary["jst-trained"]["percent"] == round(100 * 2 / 640, 1)
    # NGO: Bartosz, Grażyna (guest), Dorota (course taken after moving to an NGO).
    assert summary["ngo-trained"]["value"] == 3
    assert summary["ngo-trained"]["pending"] == 0
    # JSTs at "resolution adopted" or beyond: Wieliczka, Lublin.
    assert summary["jst-supported"]["value"] == 2
    assert summary["jst-supported"]["pending"] is None


@pytest.mark.parametrize(
    ("mode", "jst", "ngo"),
    [
        (TrainingMode.COURSE, 1, 1),  # Agnieszka / Dorota
        (TrainingMode.ATTENDANCE, 2, 2),  # Agnieszka, Dorota / Bartosz, Grażyna
        (TrainingMode.EITHER, 2, 3),
        (TrainingMode.BOTH, 1, 0),  # only Agnieszka has both as JST staff
    ],
)
def test_indicator_modes(programme, mode, jst, ngo):
    Indicator.objects.filter(kind="people").update(mode=mode)
    assert indicators.people_value(ind("jst-trained")) == jst
    assert indicators.people_value(ind("ngo-trained")) == ngo


def test_jst_indicator_milestone_is_configurable(programme):
    indicator = ind("jst-supported")
    for milestone, expected in [(1, 3), (2, 2), (3, 2), (4, 1), (5, 1)]:
        indicator.milestone = milestone
        assert indicators.jst_value(indicator) == expected


def test_jst_per_milestone(programme):
    assert [(stage, at, reached) for stage, _l, at, reached in indicators.jst_per_milestone()] == [
        (1, 1, 3),
        (2, 0, 2),
        (3, 1, 2),
        (4, 0, 1),
        (5, 1, 1),
    ]


def test_not_yet_countable_with_what_is_missing(programme):
    pending = indicators.not_yet_countable(None)
    assert {p.first_name for p in pending} == {"Celina", "Henryk"}
    with translation.override("en"):
        missing = {str(k): v for k, v, _code in indicators.missing_summary(None)}
    assert missing == {
        "organisation type": 1,
        "position": 1,
    }
    # Completing the profile makes Celina countable at once.
    profile = programme["celina"].profile
    profile.position = "specjalistka"
    profile.save()
    assert indicators.people_value(ind("jst-trained")) == 3
    assert indicators.people_value(ind("jst-trained"), countable=False) == 0


def test_month_by_month(programme):
    assert indicators.people_by_month(ind("jst-trained")) == {
        datetime.date(2026, 1, 1): 1,  # Agnieszka
        datetime.date(2026, 2, 1): 1,  # Dorota
    }
    assert indicators.people_by_month(ind("ngo-trained")) == {
        datetime.date(2026, 2, 1): 1,  # Bartosz
        datetime.date(2026, 3, 1): 1,  # Grażyna
        datetime.date(2026, 4, 1): 1,  # Dorota
    }
    assert indicators.jst_by_month(ind("jst-supported")) == {
        datetime.date(2025, 9, 1): 1,  # Lublin
        datetime.date(2026, 3, 1): 1,  # Wieliczka
    }
    both = ind("jst-trained")
    both.mode = TrainingMode.BOTH
    # Agnieszka counts from her second kind of training (February).
    assert indicators.people_by_month(both) == {datetime.date(2026, 2, 1): 1}


def test_cumulative_series(programme):
    items = list(Indicator.objects.all())
    months, series = indicators.cumulative_series(items)
    assert months[0] == datetime.date(2025, 9, 1)
    by_month = dict(zip(months, series[items[0]], strict=True))
    assert by_month[datetime.date(2025, 12, 1)] == 0
    assert by_month[datetime.date(2026, 1, 1)] == 1
    assert by_month[datetime.date(2026, 4, 1)] == 2
    ngo = dict(zip(months, series[items[1]], strict=True))
    assert [ngo[datetime.date(2026, m, 1)] for m in (1, 2, 3, 4, 5)] == [0, 1, 2, 3, 3]
    jst = dict(zip(months, series[items[2]], strict=True))
    assert jst[datetime.date(2025, 9, 1)] == 1
    assert jst[datetime.date(2026, 3, 1)] == 2


def _breakdown(code, dimension):
    indicator = ind(code) if code else None
    return dict(indicators.breakdown(indicator, indicators.DIMENSIONS_BY_CODE[dimension]))


def test_breakdowns_jst(programme):
    assert _breakdown("jst-trained", "voivodeship") == {"12": 2}
    assert _breakdown("jst-trained", "organisation_type") == {"jst": 2}
    assert _breakdown("jst-trained", "gender") == {"f": 2}
    assert _breakdown("jst-trained", "age_group") == {"35-44": 1, "45-54": 1}
    assert _breakdown("jst-trained", "format") == {"e-learning": 1, "stacjonarne": 2}
    assert _breakdown("jst-trained", "instrument") == {"regranting": 1, "male-granty": 2}


def test_breakdowns_ngo(programme):
    assert _breakdown("ngo-trained", "voivodeship") == {"14": 1, "02": 1, "30": 1}
    assert _breakdown("ngo-trained", "gender") == {"m": 1, "f": 1, "": 1}
    assert _breakdown("ngo-trained", "age_group") == {"25-34": 1, "45-54": 1, "": 1}
    assert _breakdown("ngo-trained", "format") == {"stacjonarne": 1, "online": 1, "e-learning": 1}
    assert _breakdown("ngo-trained", "instrument") == {"male-granty": 1, "regranting": 2}


def test_breakdowns_all_trained(programme):
    # Countable people of any organisation type: Agnieszka, Bartosz, Dorota, Grażyna.
    assert _breakdown(None, "organisation_type") == {"jst": 2, "ngo": 3}
    assert _breakdown(None, "gender") == {"f": 2, "m": 1, "": 1}


def test_unmarking_attendance_removes_the_record(programme):
    from tests.dashboard.conftest import attend

    registration = attend(
        "zofia@example.pl",
        datetime.date(2026, 5, 5),
        first="Zofia",
        last="Kot",
        org="ngo",
        voiv="12",
    )
    assert indicators.people_value(ind("ngo-trained")) == 4
    attend(
        "zofia@example.pl", datetime.date(2026, 5, 5), attended=False, registration_id=registration
    )
    assert indicators.people_value(ind("ngo-trained")) == 3


def test_repeated_events_are_idempotent(programme):
    from tests.dashboard.conftest import complete_course

    complete_course(programme["agnieszka"], datetime.date(2026, 1, 15))
    assert TrainingRecord.objects.count() == 8
    assert indicators.people_value(ind("jst-trained")) == 2


def test_guest_then_account_is_one_person(instruments):
    from tests.dashboard.conftest import attend, complete_course, make_user

    attend(
        "ola@example.pl", datetime.date(2026, 2, 1), first="Ola", last="Kos", org="ngo", voiv="12"
    )
    user = make_user(
        "ola@example.pl",
        "Ola",
        "Kos",
        organisation_type="ngo",
        organisation_name="Fundacja",
        position="skarbniczka",
        voivodeship="12",
    )
    complete_course(user, datetime.date(2026, 3, 1))
    assert Person.objects.count() == 1
    assert indicators.people_value(Indicator.objects.get(code="ngo-trained")) == 1
