"""Read-only queries of training events, used by this app's pages and by other apps
(newsletter blocks, the dashboard). Each costs a constant number of queries."""

import datetime

from django.db.models import (
    Count,
    Exists,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import SEAT_STATUSES, EventPage, Registration, Session, Status

# What an event card needs of its sessions (the card template shows no more).
CARD_SESSION_FIELDS = ("page", "starts_at", "online", "city", "cancelled")
# The page's long content, not needed for lists of cards.
LONG_FIELDS = ("description", "agenda", "trainers", "outcomes")


def _session_prefetch(fields=None):
    sessions = Session.objects.order_by("starts_at")
    return Prefetch("sessions", queryset=sessions.only(*fields) if fields else sessions)


def _with_sessions(queryset):
    return queryset.prefetch_related(_session_prefetch(), "instruments")


def _public(pages):
    """Like Wagtail's `.public()` without its extra query for the list of restrictions: a
    subquery excludes pages with a view restriction on themselves or an ancestor."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.filter(~Exists(restricted))


def upcoming_event_pages(limit=3, locale=None):
    """Published EventPages with a session still to come, soonest first.

    Each page carries `next_start` (the start of its next session)."""
    now = timezone.now()
    pages = EventPage.objects.live().public()
    if locale is not None:
        pages = pages.filter(locale=locale)
    pages = (
        pages.filter(sessions__starts_at__gt=now, sessions__cancelled=False)
        .annotate(
            next_start=Min(
                "sessions__starts_at",
                filter=Q(sessions__starts_at__gt=now, sessions__cancelled=False),
            )
        )
        .order_by("next_start", "pk")
    )
    pages = _with_sessions(pages)
    return list(pages[:limit] if limit else pages)


def session_fill_rates():
    """One row per session: capacity and how many are confirmed (incl. attended / no-show) or
    waiting, for the dashboard."""
    sessions = (
        Session.objects.shared()
        .select_related("page")
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES)),
            waitlisted=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
        )
        .order_by("starts_at")
    )
    return [
        {
            "session_id": s.pk,
            "event_title": s.page.title,
            "starts_at": s.starts_at,
            "capacity": s.capacity,
            "confirmed": s.confirmed,
            "waitlisted": s.waitlisted,
        }
        for s in sessions
    ]


def filtered_event_pages(index, filters):
    """(upcoming, past) training pages under `index`, filtered by the index page's form.

    Upcoming: with a session ending in the future, soonest first. Past: the rest, latest first
    (at most 30). Four queries whatever the number of trainings: the two lists, then their
    sessions and instruments together. Session conditions (województwo, month) are EXISTS and
    correlated subqueries rather than joins, so no GROUP BY over the page's columns is needed;
    the dates that order the lists come from the sessions that match the filters."""
    now = timezone.now()
    pages = _public(EventPage.objects.live().child_of(index)).defer(*LONG_FIELDS)
    if filters.get("format"):
        pages = pages.filter(format=filters["format"])
    if filters.get("audience"):
        pages = pages.filter(audience__in=[filters["audience"], "both"])
    if filters.get("instrument"):
        pages = pages.filter(
            Exists(
                EventPage.instruments.through.objects.filter(
                    eventpage_id=OuterRef("pk"), instrument__slug=filters["instrument"]
                )
            )
        )
    matching = Session.objects.filter(page_id=OuterRef("pk"))
    if filters.get("voivodeship"):
        matching = matching.filter(voivodeship=filters["voivodeship"])
    if filters.get("month"):
        year, month = (int(x) for x in filters["month"].split("-"))
        start = timezone.make_aware(datetime.datetime(year, month, 1))
        end = timezone.make_aware(datetime.datetime(year + (month == 12), month % 12 + 1, 1))
        matching = matching.filter(starts_at__gte=start, starts_at__lt=end)
    first = matching.order_by("starts_at").values("starts_at")[:1]
    upcoming_first = matching.filter(ends_at__gt=now).order_by("starts_at").values("starts_at")[:1]
    pages = pages.filter(Exists(matching)).annotate(
        first_start=Subquery(first), upcoming_start=Subquery(upcoming_first)
    )
    upcoming = list(pages.filter(upcoming_start__isnull=False).order_by("upcoming_start", "pk"))
    past = list(pages.filter(upcoming_start__isnull=True).order_by("-first_start", "pk")[:30])
    prefetch_related_objects(upcoming + past, _session_prefetch(CARD_SESSION_FIELDS), "instruments")
    return upcoming, past


def month_choices(index):
    """The months (YYYY-MM, local time) in which trainings under `index` have sessions, each
    once, in order. `datetimes()` already orders by the truncated month; ordering again by
    `starts_at` would add that column to the DISTINCT and repeat a month per session."""
    months = Session.objects.filter(page__in=EventPage.objects.live().child_of(index)).datetimes(
        "starts_at", "month", tzinfo=timezone.get_current_timezone()
    )
    return [m.strftime("%Y-%m") for m in months]


def confirmed_session_ids_for(user, sessions):
    """The sessions (of those given) where `user` holds a confirmed seat: only they see the
    online join link on the page."""
    if not user.is_authenticated or not sessions:
        return set()
    return set(
        Registration.objects.filter(
            session__in=[s.pk for s in sessions],
            status__in=[Status.CONFIRMED, Status.ATTENDED],
        )
        .filter(Q(user=user) | Q(email__iexact=user.email))
        .values_list("session_id", flat=True)
    )


def registrations_of(user):
    """Everything a person registered for: by the account, and by the account's e-mail for the
    registrations they made as a guest before signing up (allauth verifies that address before
    the first login)."""
    condition = Q(user=user)
    if user.email:
        condition |= Q(email__iexact=user.email)
    return Registration.objects.filter(condition, anonymised_at__isnull=True).select_related(
        "session__page"
    )


def my_trainings(user, now=None):
    """ "Moje szkolenia": (upcoming, past) registrations, soonest and latest first. Cancelled
    registrations of sessions still to come are listed too, so a person sees what they did."""
    now = now or timezone.now()
    rows = list(registrations_of(user).order_by("session__starts_at", "pk"))
    upcoming = [r for r in rows if r.session.ends_at >= now]
    past = [r for r in reversed(rows) if r.session.ends_at < now and r.status != Status.CANCELLED]
    return upcoming, past


def attendances(page_ids, user_ids=None):
    """{(user_id, page_id): session end} of the attendance recorded for participants' accounts
    at the sessions of these training pages (of these people, when given): one query. For apps
    that build on attendance (paths). Sessions belong to the source page of a translated
    training, so pass every page of its translation group."""
    rows = Registration.objects.filter(
        session__page_id__in=list(page_ids), status=Status.ATTENDED, user_id__isnull=False
    )
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    found = {}
    for user_id, page_id, ends_at in rows.values_list(
        "user_id", "session__page_id", "session__ends_at"
    ):
        key = (user_id, page_id)
        found[key] = min(found.get(key, ends_at), ends_at)
    return found


def registered_page_ids(user_id, page_ids):
    """Of these training pages, those where `user_id` holds a live registration (waiting,
    confirmed or on the waiting list): one query."""
    return set(
        Registration.objects.filter(
            session__page_id__in=list(page_ids),
            user_id=user_id,
            status__in=[
                Status.PENDING,
                Status.AWAITING_APPROVAL,
                Status.CONFIRMED,
                Status.WAITLISTED,
                Status.OFFERED,
                Status.ATTENDED,
            ],
        ).values_list("session__page_id", flat=True)
    )
