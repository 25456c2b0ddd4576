"""django-q2 tasks: each only calls a service. Queued with `cms.tasks.enqueue` (after commit)."""

from django.utils import translation

from cms.tasks import enqueue
from newsletter import conf, emails
from newsletter.models import NewsletterPage
from newsletter.sending import dispatch, loop


def send_confirmation(record_id):
    emails.send_confirmation(record_id)


def prepare_dispatch(dispatch_id):
    """Freeze the message and the recipients of a started dispatch, then queue the sending."""
    dispatch.prepare_dispatch(dispatch_id)


def send_dispatch(dispatch_id):
    """One slice of a send; queues its own continuation when its time budget is used up."""
    with translation.override(None):
        result = loop.run_dispatch(dispatch_id, time_budget=conf.get("NEWSLETTER_TASK_TIME_BUDGET"))
    if result == "continue":
        enqueue("newsletter.tasks.send_dispatch", dispatch_id)
    return result


def send_test(page_id, email):
    page = NewsletterPage.objects.filter(pk=page_id).first()
    if page is not None:
        dispatch.send_test(page, email)


def tick():
    dispatch.tick()
