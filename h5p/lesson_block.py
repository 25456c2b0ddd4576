"""Rendering the lesson's H5P block (declared by courses, registered in H5PConfig.ready):
the player URL on the H5P origin, the site's endpoints, and whether the viewer's answers count."""

from django.urls import reverse

from cms.activities import lessons
from h5p import conf
from h5p.activities import DEFAULT_PASS_MARK
from h5p.models import H5PResult
from h5p.player_urls import player_url

TEMPLATE = "h5p/blocks/h5p_block.html"


def block_context(value, parent_context):
    """Adds `h5p` to the block's context: the player and its endpoints, or None when there is
    no lesson to attach results to (previews)."""
    package = value.get("package")
    page = parent_context.get("page")
    request = parent_context.get("request")
    if package is None or not package.content_prefix or page is None or not page.pk:
        return {"h5p": None}
    user = getattr(request, "user", None)
    can_record = False
    result = None
    if user is not None and user.is_authenticated:
        can_record = lessons().is_enrolled(user, lessons().course_of(page))
    if can_record:
        # The participant's best score so far, so a reload shows where they stand.
        result = (
            H5PResult.objects.filter(user=user, lesson_id=page.pk, package_id=package.pk)
            .values("best_score", "passed")
            .first()
        )
    mark = value.get("pass_mark")
    return {
        "h5p": {
            "uid": f"{page.pk}-{package.pk}",
            "title": package.title,
            "origin": conf.h5p_origin(),
            "player_url": player_url(package.pk, page.pk),
            "xapi_url": reverse(
                "h5p_xapi", kwargs={"lesson_id": page.pk, "package_id": package.pk}
            ),
            "state_url": reverse(
                "h5p_state", kwargs={"lesson_id": page.pk, "package_id": package.pk}
            ),
            "can_record": can_record,
            "result": result,
            "pass_mark": DEFAULT_PASS_MARK if mark in (None, "") else mark,
        }
    }
