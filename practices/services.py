"""Business rules of the knowledge base: proposals from participants into moderation, and the
notice to the proposer when the practice is published."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms import mail, media
from cms.tasks import enqueue
from practices.models import PracticeLocalLaw, PracticePage, PracticePartner, PracticeProposal
from practices.models.catalogue import SECTION_FIELDS

PROPOSALS_PER_DAY = 3
PROPOSAL_COLLECTION = "Zgłoszenia dobrych praktyk"
# Where the files of a proposal go once an editor publishes the practice.
PUBLISHED_COLLECTION = "Dobre praktyki – załączniki"
# Wagtail's own groups of the people who review proposals; superusers always pass.
REVIEWER_GROUPS = ("Editors", "Moderators")


class ProposalRefused(Exception):
    """The proposal cannot be accepted (e.g. too many in a day); the message says why."""


def _paragraphs(text):
    paragraphs = [p.strip() for p in (text or "").split("\n") if p.strip()]
    if not paragraphs:
        return []
    return [{"type": "paragraph", "value": "".join(f"<p>{escape(p)}</p>" for p in paragraphs)}]


def _lines(text):
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split(";")]
        if parts and parts[0]:
            yield parts


def _named_collection(name):
    existing = Collection.objects.filter(name=name).first()
    if existing:
        return existing
    return Collection.get_first_root_node().add_child(name=name)


def restrict_to_reviewers(collection):
    """Make `collection` private: its documents are served only to editors and moderators (and
    superusers). Idempotent: an existing group restriction is completed, never duplicated."""
    restriction = CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    missing = Group.objects.filter(name__in=REVIEWER_GROUPS).exclude(
        pk__in=restriction.groups.values("pk")
    )
    restriction.groups.add(*missing)
    return restriction


def _collection():
    """The private collection of the files participants send with their proposals."""
    collection = _named_collection(PROPOSAL_COLLECTION)
    restrict_to_reviewers(collection)
    return collection


def _file_ids(page):
    """(document ids, image ids) used by the page's attachments and prose sections."""
    documents, images = set(), set()
    for name in ["attachments", *(name for name, _label in SECTION_FIELDS)]:
        for block in getattr(page, name).raw_data:
            value = block.get("value") or {}
            if block.get("type") == "document" and value.get("document"):
                documents.add(value["document"])
            elif block.get("type") == "image" and value.get("image"):
                images.add(value["image"])
    return documents, images


def release_attachments(page):
    """A practice was published: the files it uses that still sit in the private proposals
    collection move to the public collection of practice attachments, so visitors can
    download them. Returns how many files moved."""
    private = Collection.objects.filter(name=PROPOSAL_COLLECTION).first()
    if private is None:
        return 0
    documents, images = _file_ids(page)
    if not documents and not images:
        return 0
    public = _named_collection(PUBLISHED_COLLECTION)
    moved = (
        get_document_model()
        .objects.filter(pk__in=documents, collection=private)
        .update(collection=public)
    )
    moved += (
        get_image_model()
        .objects.filter(pk__in=images, collection=private)
        .update(collection=public)
    )
    # Their renditions so far lie in the private folder: made again, public, on the next view.
    media.rehome_renditions(get_image_model().objects.filter(pk__in=images))
    return moved


def submit_proposal(user, data, parent):
    """Create the proposed practice as a draft under `parent`, submitted to the moderation
    workflow, with its attachments as documents in a dedicated collection. At most
    PROPOSALS_PER_DAY per person in 24 hours."""
    since = timezone.now() - timedelta(hours=24)
    if PracticeProposal.objects.filter(proposer=user, submitted_at__gte=since).count() >= (
        PROPOSALS_PER_DAY
    ):
        raise ProposalRefused(
            _("You have already sent %(n)s practices today. Please try again tomorrow.")
            % {"n": PROPOSALS_PER_DAY}
        )
    with transaction.atomic():
        collection = _collection()
        attachments = []
        Document = get_document_model()
        for key in ("attachment_1", "attachment_2"):
            upload = data.get(key)
            if upload:
                document = Document(title=upload.name[:255], file=upload, collection=collection)
                document.uploaded_by_user = user
                document.save()
                attachments.append(
                    {"type": "document", "value": {"document": document.pk, "title": ""}}
                )
        if data.get("photo"):
            image = get_image_model()(
                title=data["photo_alt"][:255], file=data["photo"], collection=collection
            )
            image.uploaded_by_user = user
            image.save()
            attachments.append(
                {
                    "type": "image",
                    "value": {
                        "image": image.pk,
                        "alt_text": data["photo_alt"],
                        "decorative": False,
                        "caption": "",
                    },
                }
            )
        page = PracticePage(
            title=data["title"],
            lead=data["lead"],
            jst_name=data["jst_name"],
            jst_type=data["jst_type"],
            teryt=data["teryt"],
            powiat=data.get("powiat") or "",
            population=data.get("population"),
            benefit_area=data["benefit_area"],
            start_year=data["start_year"],
            end_year=data.get("end_year"),
            status=data["status"],
            budget_total=data.get("budget_total"),
            budget_jst=data.get("budget_jst"),
            budget_partner=data.get("budget_partner"),
            contact_unit=data.get("contact_unit") or "",
            proposing_organisation=data["organisation"],
            attachments=attachments,
            live=False,
            owner=user,
            locale=parent.locale,
            **{name: _paragraphs(data.get(name)) for name, _label in SECTION_FIELDS},
        )
        page.instruments = list(data["instruments"])
        page.partners = [
            PracticePartner(
                name=parts[0][:255], krs="".join(c for c in "".join(parts[1:2]) if c.isdigit())[:10]
            )
            for parts in _lines(data.get("partners"))
        ]
        page.local_law = [
            PracticeLocalLaw(
                number=parts[0][:120],
                url=parts[1]
                if len(parts) > 1 and parts[1].startswith(("http://", "https://"))
                else "",
            )
            for parts in _lines(data.get("local_law"))
        ]
        parent.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        PracticeProposal.objects.create(page=page, proposer=user, organisation=data["organisation"])
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
    return page


def proposal_published(page):
    """Called when a practice is published: queue the notice to its proposer, once."""
    updated = PracticeProposal.objects.filter(
        page_id=page.pk, notified_at__isnull=True, proposer__isnull=False
    ).update(notified_at=timezone.now())
    if updated:
        enqueue("practices.tasks.send_published_notice", page.pk)


def send_published_notice(page_id):
    proposal = (
        PracticeProposal.objects.select_related("proposer", "page").filter(page_id=page_id).first()
    )
    if proposal is None or proposal.proposer is None or not proposal.proposer.email:
        return False
    page = proposal.page.specific
    with translation.override(page.locale.language_code):
        subject = _("Your practice “%(title)s” is published") % {"title": page.title}
        body = _(
            "Hello,\n\nthank you for sharing the experience of %(organisation)s. The practice "
            "“%(title)s” is now published in the good-practice catalogue:\n%(url)s\n\n"
            "The MWF programme team"
        ) % {"organisation": proposal.organisation, "title": page.title, "url": page.full_url}
    mail.send(subject=subject, text=body, to=[proposal.proposer.email])
    return True
