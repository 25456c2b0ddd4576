"""Personal data held by the H5P app (the export_for / erase_for interface described in dashboard/data_rights.py).

Statements and results count toward the exercises' figures: erasure keeps them as anonymous rows
(no user, free-text answers removed). Saved player states are only the person's own progress:
they are deleted. Packages a person uploaded forget the uploader."""

from h5p.models import H5PPackage, H5PResult, H5PStatement, H5PUserData


def export_for(user):
    return {
        "h5p_statements": [
            {
                "id": str(s.uuid),
                "package": s.package.title,
                "lesson_id": s.lesson_id,
                "stored_at": s.stored_at.isoformat(),
                "statement": s.statement,
            }
            for s in H5PStatement.objects.filter(user=user).select_related("package").order_by("pk")
        ],
        "h5p_results": [
            {
                "package": r.package.title,
                "lesson_id": r.lesson_id,
                "attempts": r.attempts,
                "last_score": r.last_score,
                "best_score": r.best_score,
                "completed": r.completed,
                "passed": r.passed,
                "updated_at": r.updated_at.isoformat(),
            }
            for r in H5PResult.objects.filter(user=user).select_related("package").order_by("pk")
        ],
        "h5p_saved_states": [
            {"package": d.package.title, "state": d.state, "updated_at": d.updated_at.isoformat()}
            for d in H5PUserData.objects.filter(user=user).select_related("package")
        ],
        "h5p_packages_uploaded": list(
            H5PPackage.objects.filter(uploaded_by=user).values_list("title", flat=True)
        ),
    }


def erase_for(user):
    H5PStatement.objects.filter(user=user).anonymise()
    H5PResult.objects.filter(user=user).update(user=None)
    H5PUserData.objects.filter(user=user).delete()
    H5PPackage.objects.filter(uploaded_by=user).update(uploaded_by=None)
