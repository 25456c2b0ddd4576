"""The editors' import of practices (Wagtail admin): a dry run lists every bad row; the import
writes all rows or none."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms import roles
from practices import exchange
from practices.forms import ImportForm


class ImportView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "practices/admin/import.html"
    page_title = gettext_lazy("Import good practices")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not roles.can_import_practices(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        parent = form.cleaned_data["parent"]
        if not parent.permissions_for_user(self.request.user).can_add_subpage():
            raise PermissionDenied
        dry_run = "import" not in self.request.POST
        report, file_error = None, None
        try:
            rows = exchange.read_rows(form.cleaned_data["file"])
        except exchange.ImportFileError as exc:
            file_error = str(exc)
        else:
            if dry_run:
                report = exchange.validate_rows(rows)
            else:
                report = exchange.import_rows(
                    rows, parent, user=self.request.user, publish=form.cleaned_data["publish"]
                )
                if report.ok:
                    messages.success(
                        self.request,
                        _("%(n)s practices were imported.") % {"n": len(report.pages)},
                    )
        return self.render_to_response(
            self.get_context_data(form=form, report=report, file_error=file_error, dry_run=dry_run)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = exchange.COLUMNS
        context["required"] = exchange.REQUIRED
        context["export_only"] = exchange.EXPORT_ONLY
        return context
