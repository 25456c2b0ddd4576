"""Reactions to Wagtail's own signals: when an editor publishes a training, participants of
sessions whose time or place changed get an updated invite, and seats freed by a capacity
raise go to the waiting list (both through a task after commit)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from cms.tasks import enqueue
from events.models import EventPage


@receiver(page_published)
def training_published(sender, instance, **kwargs):
    if isinstance(instance, EventPage):
        ids = list(instance.sessions.values_list("pk", flat=True))
        if ids:
            enqueue("events.tasks.notify_session_changes", ids)
