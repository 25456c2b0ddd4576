"""Signal handlers of the knowledge base (connected in PracticesConfig.ready)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from practices import catalogue, fragments, related, services
from practices.models import Instrument, InstrumentPage, PracticePage


@receiver(page_published, sender=PracticePage)
def practice_published(sender, instance, **kwargs):
    services.release_attachments(instance)
    services.proposal_published(instance)


@receiver(post_save, sender=PracticePage)
@receiver(post_delete, sender=PracticePage)
@receiver(post_save, sender=Instrument)
@receiver(post_delete, sender=Instrument)
@receiver(page_published, sender=PracticePage)
@receiver(page_unpublished, sender=PracticePage)
def catalogue_changed(sender, **kwargs):
    """Any change of a practice or an instrument makes the cached catalogue (counts, pages of
    results, a guide's related practices) stale: at once (for the rest of this transaction) and
    again after the commit, so a request that read the old rows while the change was being
    committed cannot leave them under the new version."""
    catalogue.bump_version()
    transaction.on_commit(catalogue.bump_version)


def _content_changed(sender, **kwargs):
    """Cached page parts show guides, practices, instruments, documents and images: any change
    of one renews the content version (now, and again after the commit)."""
    fragments.bump_version()
    transaction.on_commit(fragments.bump_version)


for _model in (PracticePage, InstrumentPage, Instrument, get_document_model(), get_image_model()):
    post_save.connect(_content_changed, sender=_model, dispatch_uid=f"practices-content-{_model}")
    post_delete.connect(
        _content_changed, sender=_model, dispatch_uid=f"practices-content-del-{_model}"
    )


def _pages_changed(sender, instance=None, **kwargs):
    """A guide lists pages of other apps tagged with its instrument (practices.related): any
    page saved or deleted, or a page's many-to-many relation changed, renews that list's
    version. (Migrations' historical models are not `Page` instances and change nothing.)"""
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return
    if isinstance(instance, Page) and not kwargs.get("raw"):
        related.bump_version()
        transaction.on_commit(related.bump_version)


post_save.connect(_pages_changed, dispatch_uid="practices-tagged-save")
post_delete.connect(_pages_changed, dispatch_uid="practices-tagged-delete")
m2m_changed.connect(_pages_changed, dispatch_uid="practices-tagged-m2m")
