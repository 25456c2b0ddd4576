"""Wagtail admin views of the JST recruitment: the calls, each call's ranking and its export, one
application with the scorer's evaluation form, and the decision.

Every view checks its model permission (cms.roles): viewing applications, scoring, selecting,
exporting. A scorer sees the application and their own form; the other scorer's points appear
only once their own evaluation is in (services.may_see_scores).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from cms import roles, spreadsheets
from recruitment import exports, services
from recruitment.forms import EvaluationForm
from recruitment.models import Application, RecruitmentCallPage, Status


def forbidden(request):
    return render(request, "recruitment/admin/forbidden.html", status=403)


class StaffMixin:
    """A plain 403 (not Wagtail's redirect home) for anyone without the view's rule."""

    rule = staticmethod(roles.can_view_jst_applications)

    def dispatch(self, request, *args, **kwargs):
        if not self.rule(request.user):
            return forbidden(request)
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)


class StaffPage(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if not isinstance(self, CallListView):
            items.append(
                {
                    "url": reverse("recruitment_admin:index"),
                    "label": gettext_lazy("JST recruitment"),
                }
            )
        items.append({"url": "", "label": self.get_page_title()})
        return items


def _call_or_404(call_id):
    page = RecruitmentCallPage.objects.select_related("locale").filter(pk=call_id).first()
    if page is None:
        raise Http404
    return services.canonical_call(page)


class CallListView(StaffPage):
    template_name = "recruitment/admin/calls.html"
    page_title = gettext_lazy("JST recruitment")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submitted = Q(applications__status__in=services.SUBMITTED_STATUSES)
        context["calls"] = (
            RecruitmentCallPage.objects.filter(locale=Locale.get_default())
            .annotate(
                submitted=Count("applications", filter=submitted),
                drafts=Count("applications", filter=Q(applications__status=Status.DRAFT)),
                selected=Count("applications", filter=Q(applications__status=Status.SELECTED)),
            )
            .order_by("-deadline")
        )
        return context


class RankingView(StaffPage):
    template_name = "recruitment/admin/ranking.html"

    def get_page_title(self):
        return _("Ranking: %(call)s") % {"call": self.call.title}

    def get(self, request, call_id, *args, **kwargs):
        self.call = _call_or_404(call_id)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows = services.ranking(self.call)
        for application in rows:
            mine = [e for e in application.evaluations.all() if e.scorer_id == user.pk]
            application.my_evaluation = mine[0] if mine else None
        context.update(
            call=self.call,
            rows=rows,
            selected=sum(1 for a in rows if a.status == Status.SELECTED),
            can_export=roles.can_export_jst_applications(user),
            Status=Status,
        )
        return context


class ExportView(StaffMixin, View):
    rule = staticmethod(roles.can_export_jst_applications)

    def get(self, request, call_id, fmt):
        if fmt not in spreadsheets.CONTENT_TYPES:
            raise Http404
        call = _call_or_404(call_id)
        return spreadsheets.download(exports.ranking_sheets(call), fmt, f"ranking-naboru-{call.pk}")


class ApplicationView(StaffPage):
    template_name = "recruitment/admin/application.html"

    def get_page_title(self):
        return str(self.application)

    def get(self, request, pk, *args, **kwargs):
        self.application = get_object_or_404(
            Application.objects.select_related("call").exclude(status=Status.DRAFT), pk=pk
        )
        return super().get(request, *args, form=kwargs.pop("form", None), **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        application, user = self.application, self.request.user
        evaluations = list(
            application.evaluations.select_related("scorer").prefetch_related("scores__criterion")
        )
        mine = next((e for e in evaluations if e.scorer_id == user.pk), None)
        criteria = services.in_call_order(application.call, "criteria")
        may_score = (
            roles.can_score_jst_applications(user)
            and mine is None
            and application.status in (Status.SUBMITTED, Status.UNDER_EVALUATION)
            and sum(1 for e in evaluations if not e.conflict) < services.SCORERS_PER_APPLICATION
            and application.applicant_id != user.pk
        )
        attachments = {a.requirement_id: a for a in application.attachments.all()}
        context.update(
            application=application,
            instruments=[i.display_name for i in application.instruments.all()],
            attachment_rows=[
                (label, attachments.get(requirement.pk))
                for requirement, label in services.in_call_order(
                    application.call, "required_attachments"
                )
            ],
            my_evaluation=mine,
            evaluations=evaluations
            if services.may_see_scores(application, user, evaluations)
            else None,
            scorers_so_far=sum(1 for e in evaluations if not e.conflict),
            average=services.average([e.total for e in evaluations if not e.conflict]),
            form=form or (EvaluationForm(criteria=criteria) if may_score else None),
            may_decide=roles.can_select_jst_applications(user)
            and application.status == Status.UNDER_EVALUATION,
            Status=Status,
        )
        return context


class EvaluateView(StaffMixin, View):
    rule = staticmethod(roles.can_score_jst_applications)

    def post(self, request, pk):
        application = get_object_or_404(
            Application.objects.select_related("call").exclude(status=Status.DRAFT), pk=pk
        )
        form = EvaluationForm(
            request.POST, criteria=services.in_call_order(application.call, "criteria")
        )
        if form.is_valid():
            try:
                services.submit_evaluation(
                    application,
                    request.user,
                    conflict=form.cleaned_data["conflict"],
                    points=form.points(),
                    comment=form.cleaned_data.get("comment", ""),
                )
            except services.Refused as refusal:
                messages.error(request, str(refusal))
            else:
                if form.cleaned_data["conflict"]:
                    messages.success(
                        request,
                        _("Your conflict of interest is recorded; another scorer will take it."),
                    )
                else:
                    messages.success(request, _("Your evaluation is submitted."))
                return redirect("recruitment_admin:application", pk=application.pk)
        else:
            messages.error(request, _("The evaluation was not saved: see the marked fields."))
        view = ApplicationView.as_view()
        request.method = "GET"
        response = view(request, pk=pk, form=form)
        response.status_code = 400 if not form.is_valid() else response.status_code
        return response


class DecideView(StaffMixin, View):
    rule = staticmethod(roles.can_select_jst_applications)

    def post(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        action = request.POST.get("action")
        try:
            if action == "select":
                services.select(application, request.user)
                messages.success(
                    request,
                    _("%(jst)s is selected and added to the JST implementation tracker.")
                    % {"jst": application.jst_name},
                )
            elif action == "reject":
                services.reject(application, request.user)
                messages.success(
                    request, _("%(jst)s is not selected.") % {"jst": application.jst_name}
                )
            else:
                messages.error(request, _("Choose select or not select."))
        except services.Refused as refusal:
            messages.error(request, str(refusal))
        return redirect("recruitment_admin:application", pk=application.pk)
