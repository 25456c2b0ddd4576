"""Signal handlers of the knowledge base (connected in PracticesConfig.ready)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from practices import services
from practices.models import PracticePage


@receiver(page_published, sender=PracticePage)
def practice_published(sender, instance, **kwargs):
    services.proposal_published(instance)
