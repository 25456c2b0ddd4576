"""Personal data held by the knowledge base (`export_for` / `erase_for`, called by
dashboard/data_rights.py): the link between a proposed practice and the person who proposed it.
The practice itself and the proposing organisation are public content and stay."""

from practices.models import PracticePage, PracticeProposal


def export_for(user):
    return {
        "practice_proposals": [
            {
                "practice": p.page.title,
                "organisation": p.organisation,
                "submitted_at": p.submitted_at.isoformat(),
                "published": p.page.live,
                "notified_at": p.notified_at.isoformat() if p.notified_at else None,
            }
            for p in PracticeProposal.objects.filter(proposer=user).select_related("page")
        ]
    }


def erase_for(user):
    PracticePage.objects.filter(proposal__proposer=user, owner=user).update(owner=None)
    PracticeProposal.objects.filter(proposer=user).update(proposer=None)
