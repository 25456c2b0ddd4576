"""Participants' data rights across the platform ("Moje dane").

Every app that stores personal data offers `<app>/personal_data.py` with `export_for(user)` and
`erase_for(user)`. This module calls each of them, adds the account itself and the
dashboard's own ledger, and records every action in Wagtail's audit log. Apps without the module
are skipped (and named in the result, so the gap is visible).
"""

import importlib
import json
import logging

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from cms import roles
from cms.safe_text import clean_data

from . import ledger
from .models import DataRightsRequest

logger = logging.getLogger(__name__)

# The domain apps in settings.DOMAIN_APPS order; accounts (the profile) goes last, then the user
# row itself. The dashboard's own records come from its ledger.
PERSONAL_DATA_APPS = [
    *(app for app in settings.DOMAIN_APPS if app not in ("accounts", "dashboard")),
    "accounts",
]

ACTION_LOG = {
    DataRightsRequest.Action.VIEW: "dashboard.data_view",
    DataRightsRequest.Action.DOWNLOAD: "dashboard.data_download",
    DataRightsRequest.Action.WITHDRAW: "dashboard.consent_withdraw",
    DataRightsRequest.Action.ERASE: "dashboard.data_erase",
}


def personal_data_module(app):
    try:
        return importlib.import_module(f"{app}.personal_data")
    except ModuleNotFoundError as exc:
        if exc.name in (f"{app}.personal_data", app):
            return None
        raise


def account_data(user):
    return {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def collect(user):
    """{section: data} for everything held about `user`; `unavailable` lists the apps that do
    not (yet) export their data."""
    data = {"account": account_data(user)}
    unavailable = []
    for app in PERSONAL_DATA_APPS:
        module = personal_data_module(app)
        if module is None or not hasattr(module, "export_for"):
            unavailable.append(app)
            continue
        data[app] = module.export_for(user)
    data["dashboard"] = ledger.export_person(user)
    # Text stored before input was checked may hold a NUL or a lone surrogate, which no page
    # or UTF-8 file can carry: the person must still see and download everything else.
    return {"data": clean_data(data), "unavailable": unavailable}


def as_json(user):
    payload = {"exported_at": timezone.now(), **collect(user)}
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def record(subject, action, *, actor, by_staff=False, reference="", outcome=None):
    """Keep the action in Wagtail's audit log (who, when, what; the person only as an id)."""
    request = DataRightsRequest.objects.create(
        subject_user_id=subject.pk,
        action=action,
        by_staff=by_staff,
        reference=reference[:200],
        outcome=outcome or {},
    )
    log(
        request,
        ACTION_LOG[action],
        user=actor,
        data={"subject_user_id": subject.pk, "by_staff": by_staff, "reference": reference[:200]},
    )
    return request


# --- consents -----------------------------------------------------------------------------------


def consent_functions():
    """(list, withdraw) for the person's consents, from the newsletter module, or (None, None).

    The newsletter offers `withdraw_consents_for(user)` (every list at once): its consents are
    shown as one item per subscription, withdrawn together."""
    module = personal_data_module("newsletter")
    if module is None:
        return None, None
    lister, withdraw = (
        getattr(module, "consents_for", None),
        getattr(module, "withdraw_consent", None),
    )
    if lister and withdraw:
        return lister, withdraw
    withdraw_all = getattr(module, "withdraw_consents_for", None)
    if withdraw_all is None or not hasattr(module, "export_for"):
        return None, None

    def newsletter_consents(user):
        subscriptions = module.export_for(user).get("newsletter", [])
        if not subscriptions:
            return []
        active = [s for s in subscriptions if not s.get("unsubscribed_at")]
        lists = sorted({name for s in subscriptions for name in s.get("lists", [])})
        given = [s.get("confirmed_at") or s.get("subscribed_at") for s in subscriptions]
        withdrawn = [s.get("unsubscribed_at") for s in subscriptions if s.get("unsubscribed_at")]
        return [
            {
                "id": "newsletter",
                "label": gettext("Newsletter") + (f" ({', '.join(lists)})" if lists else ""),
                "given_at": _as_datetime(min(d for d in given if d) if any(given) else None),
                "withdrawn_at": None if active else _as_datetime(max(withdrawn, default=None)),
            }
        ]

    def withdraw_newsletter(user, consent_id):
        withdraw_all(user)

    return newsletter_consents, withdraw_newsletter


def _as_datetime(value):
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        return parse_datetime(value)
    return value


def consents(user):
    lister, _withdraw = consent_functions()
    if lister is None:
        return None
    return lister(user)


def withdraw_consent(user, consent_id, *, actor, by_staff=False, reference=""):
    """Withdraw one of `user`'s consents. A consent id of another person is refused."""
    lister, withdraw = consent_functions()
    if withdraw is None or lister is None:
        raise NotImplementedError("newsletter offers no withdrawal function")
    own_ids = {str(c["id"]) for c in lister(user)}
    if str(consent_id) not in own_ids:
        raise PermissionDenied("not this person's consent")
    withdraw(user, consent_id)
    record(
        user,
        DataRightsRequest.Action.WITHDRAW,
        actor=actor,
        by_staff=by_staff,
        reference=reference,
        outcome={"consent_id": str(consent_id)},
    )


# --- erasure ------------------------------------------------------------------------------------


def can_be_erased(user):
    return roles.can_be_erased(user)


def erase(user, *, actor, by_staff=False, reference=""):
    """Anonymise the person everywhere and close the account.

    The user row is kept (other apps' counted rows point at it) but nothing in it identifies
    the person any more; it cannot log in. Returns the apps that had no `erase_for`."""
    if not can_be_erased(user):
        raise PermissionDenied("staff accounts are not erased through the data-rights tool")
    skipped = []
    subject_id = user.pk
    with transaction.atomic():
        # The ledger first: once the person is detached from the account, the other apps'
        # changes to the account cannot make the anonymous person "not yet countable".
        ledger.anonymise_person(user)
        for app in PERSONAL_DATA_APPS:
            module = personal_data_module(app)
            if module is None or not hasattr(module, "erase_for"):
                skipped.append(app)
                continue
            module.erase_for(user)
        _scrub_logs(user)
        _anonymise_user_row(user)
        record(
            user,
            DataRightsRequest.Action.ERASE,
            actor=None if actor is not None and actor.pk == subject_id else actor,
            by_staff=by_staff,
            reference=reference,
            outcome={"skipped_apps": skipped},
        )
    return skipped


def _scrub_logs(user):
    """Audit entries about the account carry its name as their label: keep the entry, drop
    the name."""
    user_type = ContentType.objects.get_for_model(get_user_model())
    ModelLogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        label=f"#{user.pk}"
    )
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        object_repr=f"#{user.pk}", change_message=""
    )


def _anonymise_user_row(user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()
    user.username = f"usuniety-{user.pk}"
    user.email = f"usuniety-{user.pk}@invalid.example"
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    # Log the person out everywhere: their sessions hold nothing but the id, but are now void.
    from django.contrib.sessions.models import Session

    for session in Session.objects.filter(expire_date__gte=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
