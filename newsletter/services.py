"""Business rules of subscriptions: signup with double opt-in, confirmation, preferences,
withdrawal (unsubscribe), the suppression list and imports. One place per rule; views, admin
views and tasks call these functions. Sending issues lives in `newsletter.sending`."""

import csv
import hashlib
import io

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Page

from cms import ratelimit
from cms.tasks import enqueue
from cms.translated_fields import in_language
from newsletter import conf
from newsletter.models import (
    ConsentRecord,
    ConsentText,
    Delivery,
    Subscriber,
    SuppressedAddress,
    email_hash,
    normalise_email,
)

# --- rate limits (cms.ratelimit: Django's cache, shared by every process) -----------------------


def signup_allowed(ip):
    """Per-IP limit of signup attempts. The IP is only hashed into a short-lived cache key."""
    limit, window = conf.get("NEWSLETTER_SIGNUP_RATE")
    digest = hashlib.sha256(f"nl-ip:{ip}".encode()).hexdigest()[:32]
    return ratelimit.hit(f"newsletter:signup:{digest}", limit, window)


def _confirmation_mail_allowed(email):
    limit, window = conf.get("NEWSLETTER_CONFIRM_MAILS_PER_ADDRESS")
    return ratelimit.hit(f"newsletter:confirm-mail:{email_hash(email)[:32]}", limit, window)


# --- signup and confirmation ------------------------------------------------------------------


def signup(*, email, lists, consent_text, source_url="", source_page_id=None, language="pl"):
    """Record a signup and queue the confirmation e-mail. The caller's response must be the same
    whatever happens here (new, pending, confirmed or suppressed address): nothing changes for
    an existing subscriber until the person confirms from the mailbox."""
    email = normalise_email(email)
    if source_page_id and not Page.objects.filter(pk=source_page_id).exists():
        source_page_id = None
    with transaction.atomic():
        subscriber = _get_or_create_subscriber(email, language)
        record = ConsentRecord.objects.create(
            subscriber=subscriber,
            method=ConsentRecord.Method.SIGNUP,
            consent_text=consent_text,
            text_shown=in_language(consent_text, "text", language),
            list_names=", ".join(lst.name for lst in lists)[:500],
            source_url=(source_url or "")[:500],
            source_page_id=source_page_id,
        )
        record.lists.set(lists)
        if _confirmation_mail_allowed(email):
            enqueue("newsletter.tasks.send_confirmation", record.pk)
    return record


def _get_or_create_subscriber(email, language):
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is not None:
        return subscriber
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email, language=language[:10])
    except IntegrityError:  # a parallel signup of the same address won
        return Subscriber.objects.get(email=email)


def pending_record(record_id):
    return (
        ConsentRecord.objects.select_related("subscriber")
        .prefetch_related("lists")
        .filter(pk=record_id, method=ConsentRecord.Method.SIGNUP)
        .first()
    )


def confirm(record_id, lists=None):
    """The person pressed "Potwierdzam": the consent becomes valid, the lists are joined and the
    address leaves the suppression list (this is the new opt-in). Idempotent. `lists`: chosen on
    the confirmation page when the signup named none."""
    now = timezone.now()
    with transaction.atomic():
        record = (
            ConsentRecord.objects.select_for_update()
            .filter(pk=record_id, method=ConsentRecord.Method.SIGNUP)
            .first()
        )
        if record is None:
            return None
        if record.confirmed_at:
            return record
        subscriber = Subscriber.objects.select_for_update().get(pk=record.subscriber_id)
        record.confirmed_at = now
        fields = ["confirmed_at"]
        if lists:
            record.lists.set(lists)
            record.list_names = ", ".join(lst.name for lst in lists)[:500]
            fields.append("list_names")
        record.save(update_fields=fields)
        if subscriber.status != Subscriber.Status.CONFIRMED:
            subscriber.lists.clear()
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = now
            subscriber.unsubscribed_at = None
            subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
        subscriber.lists.add(*record.lists.all())
        SuppressedAddress.objects.filter(email_hash=email_hash(subscriber.email)).delete()
    return record


# --- preferences and withdrawal ---------------------------------------------------------------


def update_lists(subscriber, lists):
    """Change the lists of a confirmed subscriber from the personal preferences link. Joining a
    list is recorded as a consent (the personal link proves control of the mailbox); leaving
    every list is a withdrawal."""
    lists = list(lists)
    if not lists:
        unsubscribe(subscriber, method="preferences")
        return
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status != Subscriber.Status.CONFIRMED:
            return
        current = set(subscriber.lists.all())
        added = [lst for lst in lists if lst not in current]
        subscriber.lists.set(lists)
        if added:
            text = ConsentText.current()
            record = ConsentRecord.objects.create(
                subscriber=subscriber,
                method=ConsentRecord.Method.PREFERENCES,
                consent_text=text,
                text_shown=text.text if text else "",
                list_names=", ".join(lst.name for lst in added)[:500],
                confirmed_at=timezone.now(),
            )
            record.lists.set(added)


def unsubscribe(subscriber, *, method):
    """Withdraw every consent of the subscriber, leave all lists, stop pending deliveries and put
    the address on the suppression list. Idempotent; `method` says how ("one-click", "link",
    "preferences", "admin", "data-rights")."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = now
            subscriber.save(update_fields=["status", "unsubscribed_at"])
        subscriber.lists.clear()
        ConsentRecord.objects.filter(
            subscriber=subscriber, confirmed_at__isnull=False, withdrawn_at__isnull=True
        ).update(withdrawn_at=now, withdrawal_method=method[:40])
        Delivery.objects.filter(
            subscriber=subscriber, status__in=[Delivery.Status.PENDING, Delivery.Status.RETRY]
        ).update(status=Delivery.Status.SKIPPED, last_error="unsubscribed before sending")
        SuppressedAddress.objects.get_or_create(
            email_hash=email_hash(subscriber.email),
            defaults={"reason": SuppressedAddress.Reason.UNSUBSCRIBED},
        )
    return subscriber


def suppress_address(email, *, reason=SuppressedAddress.Reason.MANUAL):
    """An editor puts an address on the suppression list (the person asked by phone, the
    address bounces...). A subscriber with that address is unsubscribed as well, recorded as a
    withdrawal through the admin. Returns (entry, created)."""
    email = normalise_email(email)
    with transaction.atomic():
        entry, created = SuppressedAddress.objects.get_or_create(
            email_hash=email_hash(email), defaults={"reason": reason}
        )
        subscriber = Subscriber.objects.filter(email=email).first()
        if subscriber is not None and subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            unsubscribe(subscriber, method="admin")
    return entry, created


# --- import -----------------------------------------------------------------------------------


def parse_addresses(text):
    """Addresses from CSV text: the column headed "email"/"e-mail", else the first column.
    Returns (valid addresses in file order without repeats, invalid count, repeated count)."""
    rows = list(csv.reader(io.StringIO(text)))
    column = 0
    if rows:
        header = [cell.strip().lower() for cell in rows[0]]
        for name in ("email", "e-mail", "adres e-mail", "mail"):
            if name in header:
                column = header.index(name)
                rows = rows[1:]
                break
    seen, valid, invalid, repeated = set(), [], 0, 0
    for row in rows:
        if not row or len(row) <= column or not row[column].strip():
            continue
        email = normalise_email(row[column])
        try:
            validate_email(email)
        except ValidationError:
            invalid += 1
            continue
        if email in seen:
            repeated += 1
            continue
        seen.add(email)
        valid.append(email)
    return valid, invalid, repeated


def import_subscribers(text, *, lists, legal_basis):
    """Import addresses as confirmed subscribers on the stated legal basis. Suppressed addresses
    (unsubscribed, erased) are skipped: only the person can undo a withdrawal, by signing up
    and confirming again. Returns counts for the editor."""
    lists = list(lists)
    emails, invalid, repeated = parse_addresses(text)
    suppressed = set()
    hashes = {email_hash(e): e for e in emails}
    keys = list(hashes)
    for start in range(0, len(keys), 500):
        suppressed.update(
            hashes[h]
            for h in SuppressedAddress.objects.filter(
                email_hash__in=keys[start : start + 500]
            ).values_list("email_hash", flat=True)
        )
    counts = {"imported": 0, "updated": 0, "suppressed": len(suppressed), "invalid": invalid}
    counts["repeated"] = repeated
    names = ", ".join(lst.name for lst in lists)[:500]
    now = timezone.now()
    with transaction.atomic():
        for email in emails:
            if email in suppressed:
                continue
            subscriber = Subscriber.objects.filter(email=email).first()
            if subscriber is None:
                subscriber = Subscriber.objects.create(
                    email=email, status=Subscriber.Status.CONFIRMED, confirmed_at=now
                )
                counts["imported"] += 1
            else:
                if subscriber.status != Subscriber.Status.CONFIRMED:
                    subscriber.status = Subscriber.Status.CONFIRMED
                    subscriber.confirmed_at = now
                    subscriber.save(update_fields=["status", "confirmed_at"])
                counts["updated"] += 1
            subscriber.lists.add(*lists)
            record = ConsentRecord.objects.create(
                subscriber=subscriber,
                method=ConsentRecord.Method.IMPORT,
                legal_basis=legal_basis,
                list_names=names,
                confirmed_at=now,
            )
            record.lists.set(lists)
    return counts


# --- personal data ----------------------------------------------------------------------------


def erase(subscriber):
    """Erasure: withdraw, keep the suppression hash, and replace the address by a placeholder.
    Consent records stay (with no address they no longer identify anyone) so counts hold."""
    unsubscribe(subscriber, method="data-rights")
    SuppressedAddress.objects.filter(email_hash=email_hash(subscriber.email)).update(
        reason=SuppressedAddress.Reason.ERASED
    )
    Subscriber.objects.filter(pk=subscriber.pk).update(
        email=f"usuniety-{subscriber.pk}@anonimizacja.invalid"
    )
    Delivery.objects.filter(subscriber=subscriber).update(
        email=f"usuniety-{subscriber.pk}@anonimizacja.invalid"
    )
