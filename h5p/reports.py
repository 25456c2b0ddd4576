"""What staff see of a package: its figures and its statements as JSON lines."""

import json

from django.db.models import Avg, Count, Q

from cms.safe_text import clean_data
from h5p import conf
from h5p.models import H5PPackage, H5PResult, H5PStatement
from h5p.xapi import RESULT_VERBS


def package_stats(package: H5PPackage) -> dict:
    statements = H5PStatement.objects.filter(package=package)
    figures = statements.aggregate(
        participants=Count("user", distinct=True),
        attempts=Count(
            "pk",
            filter=Q(is_root=True, verb__in=RESULT_VERBS)
            & (Q(score_max__isnull=False) | Q(score_scaled__isnull=False)),
        ),
    )
    results = H5PResult.objects.filter(package=package).aggregate(
        average=Avg("best_score"),
        completed=Count("pk", filter=Q(completed=True)),
        passed=Count("pk", filter=Q(passed=True)),
    )
    participants = figures["participants"]
    return {
        "participants": participants,
        "attempts": figures["attempts"],
        "average_score": results["average"],
        "completed": results["completed"],
        "passed": results["passed"],
        "completion_rate": (100.0 * results["completed"] / participants) if participants else None,
    }


def export_lines(package: H5PPackage):
    """The package's statements as JSON lines (the learner as the server's actor)."""
    rows = (
        H5PStatement.objects.filter(package=package)
        .order_by("pk")
        .values_list("uuid", "user_id", "lesson_id", "statement", "stored_at")
    )
    for statement_id, user_id, lesson_id, data, stored_at in rows.iterator(chunk_size=500):
        line = dict(data)
        line["id"] = str(statement_id)
        line["actor"] = (
            {
                "objectType": "Agent",
                "account": {"homePage": conf.site_origin(), "name": str(user_id)},
            }
            if user_id
            else {
                "objectType": "Agent",
                "account": {"homePage": conf.site_origin(), "name": "anonymous"},
            }
        )
        line["stored"] = stored_at.isoformat()
        line.setdefault("context", {})
        line["context"] = {
            **line["context"],
            "extensions": {
                **line["context"].get("extensions", {}),
                conf.site_origin() + "/h5p/lesson": lesson_id,
            },
        }
        # Rows stored before the strict parser may hold a lone surrogate, which no UTF-8 file
        # can carry: cleaned here so that one old row does not break the whole download.
        yield json.dumps(clean_data(line), ensure_ascii=False) + "\n"
