"""What the newsletter holds about a person, for "Moje dane" (dashboard/data_rights.py). A subscriber is
not tied to an account: rows are matched by the account's verified e-mail addresses."""

from allauth.account.models import EmailAddress

from newsletter import services
from newsletter.models import ConsentRecord, Subscriber, normalise_email


def _verified_emails(user):
    emails = set()
    emails.update(
        normalise_email(e)
        for e in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    )
    return emails


def _subscribers(user):
    emails = _verified_emails(user)
    if not emails:
        return Subscriber.objects.none()
    return Subscriber.objects.filter(email__in=emails).prefetch_related("lists", "consents")


def export_for(user):
    result = []
    for subscriber in _subscribers(user):
        result.append(
            {
                "email": subscriber.email,
                "status": subscriber.status,
                "lists": [lst.name for lst in subscriber.lists.all()],
                "subscribed_at": _iso(subscriber.created_at),
                "confirmed_at": _iso(subscriber.confirmed_at),
                "unsubscribed_at": _iso(subscriber.unsubscribed_at),
                "consents": [
                    {
                        "method": record.method,
                        "text_shown": record.text_shown,
                        "legal_basis": record.legal_basis,
                        "lists": record.list_names,
                        "source_url": record.source_url,
                        "signed_up_at": _iso(record.signed_up_at),
                        "confirmed_at": _iso(record.confirmed_at),
                        "withdrawn_at": _iso(record.withdrawn_at),
                    }
                    for record in subscriber.consents.all()
                ],
                "newsletters_sent": [
                    {"subject": subject, "sent_at": _iso(sent_at)}
                    for subject, sent_at in subscriber.deliveries.filter(status="sent")
                    .order_by("sent_at")
                    .values_list("dispatch__subject", "sent_at")
                ],
            }
        )
    return {"newsletter": result}


def withdraw_consents_for(user):
    """Withdraw every newsletter consent of the person (unsubscribe, keep the proof)."""
    for subscriber in _subscribers(user):
        services.unsubscribe(subscriber, method="data-rights")


def erase_for(user):
    """Withdraw, keep the suppression hash and the anonymous consent log, drop the address."""
    for subscriber in _subscribers(user):
        services.erase(subscriber)


def _iso(value):
    return value.isoformat() if value else None


# How "Moje dane" shows the stored codes (dashboard/presenting.py reads VALUES of every app).
VALUES = {"status": dict(Subscriber.Status.choices), "method": dict(ConsentRecord.Method.choices)}
