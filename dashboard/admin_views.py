"""Wagtail admin views of the dashboard: indicators, the lists behind every figure and their
exports, the JST tracker's timelines, staff data-rights requests and the audit log.

Only members of "Programme staff" (permission dashboard.view_dashboard, see cms.roles) see any
of it; others get 403. Accounts with admin access are never erased here: an administrator
deactivates them instead, and the deactivation is logged. Views stay thin: figures come from `reports`/`indicators`, actions from `data_rights`.
"""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from cms import roles
from cms.converters import parse_id
from paths import selectors as path_selectors

from . import data_rights, exports, indicators, reports
from .models import DataRightsRequest, Indicator, Milestone, SupportedJst
from .presenting import present

PAGE_SIZE = 50


def forbidden(request):
    return render(request, "dashboard/admin/forbidden.html", status=403)


class StaffMixin(WagtailAdminTemplateMixin):
    permission = roles.VIEW_DASHBOARD
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's admin turns a raised PermissionDenied into a redirect home; people without
        # the group must get a plain 403 instead.
        if not request.user.has_perm(self.permission):
            return forbidden(request)
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if not isinstance(self, DashboardView):
            items.append({"url": reverse("dashboard_admin:index"), "label": _("Indicators")})
        items.append({"url": "", "label": self.get_page_title()})
        return items

    def export_format(self):
        file_format = self.request.GET.get("format", "")
        if file_format and file_format not in exports.FORMATS:
            raise Http404
        if file_format and not roles.can_export_records(self.request.user):
            raise PermissionDenied
        return file_format


class DashboardView(StaffMixin, TemplateView):
    template_name = "dashboard/admin/dashboard.html"
    page_title = _("Programme indicators")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = indicators.summary()
        people_indicators = [r["indicator"] for r in summary if r["indicator"].kind == "people"]
        chosen_code = self.request.GET.get("b") or (
            people_indicators[0].code if people_indicators else "all"
        )
        chosen = reports.selected_indicator(chosen_code)
        context.update(
            summary=summary,
            chart=reports.chart(summary),
            people_indicators=people_indicators,
            breakdown_code=chosen.code if chosen else "all",
            breakdown_indicator=chosen,
            breakdowns=reports.breakdowns(chosen),
            pending_total=indicators.not_yet_countable(None).count(),
            missing=indicators.missing_summary(None),
            milestones=indicators.jst_per_milestone(),
            fill_rates=reports.external_rows("fill_rates"),
            funnel=reports.external_rows("funnel"),
            knowledge_gain=reports.external_rows("knowledge_gain"),
            path_steps=path_selectors.people_per_step(self.request),
        )
        return context


def _parse_month_end(value):
    """`YYYY-MM` → last day of that month; None when absent or malformed."""
    try:
        first = datetime.date.fromisoformat(f"{value}-01")
    except (TypeError, ValueError):
        return None
    return (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


class PeopleListView(StaffMixin, TemplateView):
    """The people behind a figure: ?indicator=<code|all>&status=countable|pending
    [&dim=<dimension>&value=<value>][&until=YYYY-MM][&format=csv|xlsx]."""

    template_name = "dashboard/admin/people.html"
    page_title = _("People behind the figure")

    def get(self, request, *args, **kwargs):
        params = request.GET
        self.indicator = reports.selected_indicator(params.get("indicator"))
        self.status = "pending" if params.get("status") == "pending" else "countable"
        self.dimension = indicators.DIMENSIONS_BY_CODE.get(params.get("dim", ""))
        self.value = params.get("value") if self.dimension else None
        self.until = _parse_month_end(params.get("until"))
        self.missing = params.get("missing", "")
        self.persons = reports.people(
            self.indicator,
            status=self.status,
            dimension=self.dimension,
            value=self.value,
            until=self.until,
            missing=self.missing,
        )
        file_format = self.export_format()
        if file_format:
            return exports.response(
                kind="people",
                columns=reports.PEOPLE_COLUMNS,
                rows=reports.people_rows(self.persons),
                file_format=file_format,
                user=request.user,
                params={k: v for k, v in params.items() if k != "format"},
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.persons, PAGE_SIZE).get_page(self.request.GET.get("p"))
        records = reports.person_records([p.pk for p in page.object_list])
        for person in page.object_list:
            person.record_list = records.get(person.pk, [])
            person.missing_labels = [
                indicators.MISSING_LABELS.get(c, c) for c in person.missing_list
            ]
        query = self.request.GET.copy()
        query.pop("p", None)
        query.pop("format", None)
        labels = self.dimension.labels() if self.dimension else {}
        context.update(
            page_obj=page,
            indicator=self.indicator,
            status=self.status,
            dimension=self.dimension,
            value_label=(labels.get(self.value, self.value) or _("not known"))
            if self.dimension
            else "",
            until=self.until,
            missing_label=indicators.MISSING_LABELS.get(self.missing, ""),
            query=query.urlencode(),
            can_export=roles.can_export_records(self.request.user),
        )
        return context


class JstListView(StaffMixin, TemplateView):
    """All supported JSTs with the date of each milestone (the tracker's overview timeline);
    ?milestone=N keeps those at or beyond it."""

    template_name = "dashboard/admin/jst_list.html"
    page_title = _("JST implementation tracker")

    def get(self, request, *args, **kwargs):
        # Anything that is not a stage number shows every JST.
        self.milestone = parse_id(request.GET.get("milestone")) or 0
        jsts = indicators.jst_with_top_stage().prefetch_related("milestones", "instruments")
        if self.milestone:
            jsts = jsts.filter(top__gte=self.milestone)
        self.jsts = jsts.select_related("advisor").order_by("name")
        file_format = self.export_format()
        if file_format:
            return exports.response(
                kind="jst",
                columns=self.columns(),
                rows=self.rows(),
                file_format=file_format,
                user=request.user,
                params={"milestone": self.milestone},
            )
        return super().get(request, *args, **kwargs)

    def columns(self):
        return [
            ("name", _("name")),
            ("teryt", _("TERYT code")),
            ("type", _("type")),
            ("instruments", _("instruments")),
            ("advisor", _("programme advisor")),
            *[(f"m{stage.value}", stage.label) for stage in Milestone],
        ]

    def rows(self):
        for jst in self.jsts:
            dates = {m.stage: m.date for m in jst.milestones.all()}
            yield {
                "name": jst.name,
                "teryt": jst.teryt,
                "type": jst.get_jst_type_display(),
                "instruments": [i.name for i in jst.instruments.all()],
                "advisor": jst.advisor.get_full_name() if jst.advisor else "",
                **{f"m{stage.value}": dates.get(stage.value) for stage in Milestone},
            }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for jst in self.jsts:
            dates = {m.stage: m.date for m in jst.milestones.all()}
            rows.append(
                {"jst": jst, "dates": [(stage, dates.get(stage.value)) for stage in Milestone]}
            )
        context.update(
            rows=rows,
            milestones=list(Milestone),
            milestone=self.milestone,
            milestone_label=Milestone(self.milestone).label if self.milestone else "",
            can_export=roles.can_export_records(self.request.user),
        )
        return context


class JstTimelineView(StaffMixin, TemplateView):
    template_name = "dashboard/admin/jst_timeline.html"

    def get_page_title(self):
        return self.jst.name

    def get(self, request, pk, *args, **kwargs):
        self.jst = get_object_or_404(
            SupportedJst.objects.select_related("advisor").prefetch_related(
                "instruments", "documents__document", "practices__page"
            ),
            pk=pk,
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reached = {m.stage: m for m in self.jst.milestones.all()}
        context.update(
            jst=self.jst,
            steps=[(stage, reached.get(stage.value)) for stage in Milestone],
        )
        return context


class ExternalExportView(StaffMixin, TemplateView):
    """CSV/XLSX of the fill rates, the completion funnel or the knowledge gain."""

    def get(self, request, table, *args, **kwargs):
        if table not in reports.EXTERNAL:
            raise Http404
        file_format = self.export_format() or "csv"
        rows = reports.external_rows(table)
        if rows is None:
            raise Http404
        return exports.response(
            kind=table,
            columns=reports.EXTERNAL_COLUMNS[table],
            rows=rows,
            file_format=file_format,
            user=request.user,
        )


class AuditView(StaffMixin, TemplateView):
    template_name = "dashboard/admin/audit.html"
    page_title = _("Audit of exports and data-rights actions")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = (
            ModelLogEntry.objects.filter(action__startswith="dashboard.")
            .select_related("user")
            .order_by("-timestamp", "-pk")
        )
        context["page_obj"] = Paginator(entries, PAGE_SIZE).get_page(self.request.GET.get("p"))
        return context


class PersonSearchView(StaffMixin, TemplateView):
    """Staff acting on a person's data-rights request: find the account by e-mail."""

    permission = roles.MANAGE_DATA_RIGHTS
    template_name = "dashboard/admin/person_search.html"
    page_title = _("Participants' data-rights requests")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        email = self.request.GET.get("email", "").strip()
        context["email"] = email
        if email:
            context["matches"] = list(
                get_user_model().objects.filter(email__iexact=email).order_by("pk")[:10]
            )
        return context


class PersonDataView(StaffMixin, TemplateView):
    permission = roles.MANAGE_DATA_RIGHTS
    template_name = "dashboard/admin/person_data.html"
    page_title = _("Data held about a participant")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.subject = get_object_or_404(get_user_model(), pk=kwargs["user_id"])

    def get(self, request, *args, **kwargs):
        if not self.subject.is_active and not self.subject.email:
            messages.info(request, gettext("This account has been erased."))
        data_rights.record(
            self.subject, DataRightsRequest.Action.VIEW, actor=request.user, by_staff=True
        )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        reference = request.POST.get("reference", "").strip()
        if not reference:
            messages.error(request, gettext("Give the reference of the person's request."))
            return redirect(request.path)
        if action == "download":
            data_rights.record(
                self.subject,
                DataRightsRequest.Action.DOWNLOAD,
                actor=request.user,
                by_staff=True,
                reference=reference,
            )
            response = HttpResponse(
                data_rights.as_json(self.subject), content_type="application/json; charset=utf-8"
            )
            response["Content-Disposition"] = (
                f'attachment; filename="dane-osobowe-{self.subject.pk}.json"'
            )
            return response
        if action == "withdraw":
            try:
                data_rights.withdraw_consent(
                    self.subject,
                    request.POST.get("consent_id", ""),
                    actor=request.user,
                    by_staff=True,
                    reference=reference,
                )
            except NotImplementedError:
                messages.error(request, gettext("Consents cannot be withdrawn here yet."))
            except PermissionDenied:
                messages.error(request, gettext("This consent does not belong to this person."))
            else:
                messages.success(request, gettext("The consent was withdrawn."))
            return redirect(request.path)
        if action == "deactivate":
            return self.deactivate(request, reference)
        if action == "erase":
            if not roles.can_erase_accounts(request.user):
                raise PermissionDenied
            if request.POST.get("confirm") != "yes":
                messages.error(request, gettext("Tick the confirmation box to erase the account."))
                return redirect(request.path)
            if not data_rights.can_be_erased(self.subject):
                messages.error(request, gettext("Staff accounts cannot be erased here."))
                return redirect(request.path)
            skipped = data_rights.erase(
                self.subject, actor=request.user, by_staff=True, reference=reference
            )
            messages.success(request, gettext("The account was erased and the data anonymised."))
            if skipped:
                messages.warning(
                    request,
                    gettext("These modules had no erasure function: %(apps)s")
                    % {"apps": ", ".join(skipped)},
                )
            return redirect(reverse("dashboard_admin:person_search"))
        messages.error(request, gettext("Unknown action."))
        return redirect(request.path)

    def deactivate(self, request, reference):
        """A staff account is closed, not erased: it stops logging in and keeps its history."""
        if not roles.can_deactivate_staff_accounts(request.user):
            raise PermissionDenied
        if roles.can_be_erased(self.subject) or self.subject.pk == request.user.pk:
            messages.error(request, gettext("Only another staff account can be deactivated."))
            return redirect(request.path)
        self.subject.is_active = False
        self.subject.save(update_fields=["is_active"])
        log(
            self.subject,
            "dashboard.account_deactivate",
            user=request.user,
            data={"subject_user_id": self.subject.pk, "reference": reference[:200]},
        )
        messages.success(request, gettext("The staff account was deactivated."))
        return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        collected = data_rights.collect(self.subject)
        context.update(
            subject=self.subject,
            sections=present(collected["data"]),
            unavailable=collected["unavailable"],
            consents=data_rights.consents(self.subject),
            can_erase=roles.can_erase_accounts(self.request.user)
            and roles.can_be_erased(self.subject),
            can_deactivate=roles.can_deactivate_staff_accounts(self.request.user)
            and not roles.can_be_erased(self.subject)
            and self.subject.pk != self.request.user.pk,
        )
        return context


def indicator_for(code):
    return Indicator.objects.filter(code=code).first()
