"""Staff view of one package: attempts, average score, completion rate; the statements as
JSON lines."""

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from h5p import reports
from h5p.models import H5PPackage


def _package(request, pk):
    if not request.user.has_perm("h5p.change_h5ppackage"):
        raise PermissionDenied
    return get_object_or_404(H5PPackage, pk=pk)


def report(request, pk):
    package = _package(request, pk)
    return TemplateResponse(
        request,
        "h5p/admin/report.html",
        {
            "package": package,
            "stats": reports.package_stats(package),
            "header_title": _("Results: %(title)s") % {"title": package.title},
        },
    )


def export(request, pk):
    package = _package(request, pk)
    response = StreamingHttpResponse(
        reports.export_lines(package), content_type="application/x-ndjson; charset=utf-8"
    )
    name = slugify(package.title) or f"h5p-{package.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}-xapi.jsonl"'
    return response
