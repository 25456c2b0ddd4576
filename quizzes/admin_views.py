"""Staff views in the Wagtail admin: quiz results (attempts, question difficulty and
discrimination, granting one extra attempt) and the pre/post-test report per course with its
CSV/XLSX export and the organisation-type filter."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from cms import spreadsheets

from . import limits, selectors
from .models import Attempt, CourseQuizRole, Quiz

PERMISSION = "quizzes.change_quiz"


class StaffMixin(WagtailAdminTemplateMixin):
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes_admin:index"), "label": _("Quiz results")},
        ]


class IndexView(StaffMixin, TemplateView):
    page_title = gettext_lazy("Quiz results")
    template_name = "quizzes/admin/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        from django.db.models import Count, Q

        quizzes = Quiz.objects.annotate(
            finished=Count("attempts", filter=Q(attempts__state="finished")),
            passed=Count("attempts", filter=Q(attempts__passed=True)),
        ).order_by("title")
        return {
            **super().get_context_data(**kwargs),
            "quizzes": quizzes,
            "gain": selectors.knowledge_gain_by_course(),
        }


class QuizResultsView(StaffMixin, TemplateView):
    template_name = "quizzes/admin/quiz_results.html"

    def dispatch(self, request, *args, **kwargs):
        self.quiz = get_object_or_404(Quiz, pk=kwargs["quiz_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Results: %(title)s") % {"title": self.quiz.title}

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.quiz.title}]

    def post(self, request, *args, **kwargs):
        """Grant one extra attempt to the person with the given e-mail."""
        email = (request.POST.get("email") or "").strip()
        user = get_user_model().objects.filter(email__iexact=email).first() if email else None
        if user is None:
            messages.error(request, _("No account has the e-mail address “%s”.") % email)
            return redirect("quizzes_admin:quiz", quiz_id=self.quiz.pk)
        limits.grant_extra_attempt(
            self.quiz, user, granted_by=request.user, reason=request.POST.get("reason", "")[:255]
        )
        messages.success(
            request,
            _("%(person)s may now make one more attempt.") % {"person": user.email},
        )
        return redirect("quizzes_admin:quiz", quiz_id=self.quiz.pk)

    def get_context_data(self, **kwargs):
        attempts = (
            Attempt.objects.filter(quiz=self.quiz)
            .select_related("user")
            .order_by("-started_at")[:500]
        )
        return {
            **super().get_context_data(**kwargs),
            "quiz": self.quiz,
            "attempts": attempts,
            "stats": selectors.question_stats(self.quiz),
        }


ORG_LABELS = {"jst": "JST", "ngo": "NGO"}


class CourseReportView(StaffMixin, TemplateView):
    template_name = "quizzes/admin/course_report.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        self.course = get_object_or_404(Page, pk=kwargs["course_id"]).specific
        org = request.GET.get("organisation_type", "")
        self.organisation_type = org if org in selectors.ORGANISATION_TYPES else ""
        self.report = selectors.course_report(self.course, self.organisation_type or None)
        if self.report is None:
            messages.error(request, _("This course has no pre-test and post-test yet."))
            return redirect("quizzes_admin:index")
        export = request.GET.get("export")
        if export in spreadsheets.CONTENT_TYPES:
            return self.export(export)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Knowledge gain: %(title)s") % {"title": self.course.title}

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.course.title}]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "report": self.report,
            "organisation_type": self.organisation_type,
            "organisation_types": [("", _("all")), ("jst", "JST"), ("ngo", "NGO")],
        }

    # --- export --------------------------------------------------------------------------------

    def _tables(self):
        summary = self.report["summary"]
        head = [
            _("Participant"),
            _("E-mail"),
            _("Organisation type"),
            _("Pre-test (%)"),
            _("Post-test (%)"),
            _("Gain (pp)"),
        ]
        people = [
            [
                p["name"] or _("anonymised"),
                p["email"],
                ORG_LABELS.get(p["organisation_type"], p["organisation_type"]),
                float(p["pre"]),
                float(p["post"]),
                float(p["gain"]),
            ]
            for p in self.report["participants"]
        ]
        questions_head = [
            _("Question"),
            _("Right before (share)"),
            _("Right after (share)"),
            _("Change"),
        ]
        questions = [
            [q["text"], q["pre_share"], q["post_share"], q["change"]]
            for q in self.report["questions"]
        ]
        totals = [
            [_("Participants with both scores"), summary["participants"]],
            [_("Average pre-test (%)"), summary["avg_pre"]],
            [_("Average post-test (%)"), summary["avg_post"]],
            [_("Average gain (pp)"), summary["avg_gain"]],
            [_("Share improved"), summary["improved_share"]],
            [_("Organisation type"), ORG_LABELS.get(self.organisation_type, _("all"))],
        ]
        return totals, head, people, questions_head, questions

    def export(self, file_format):
        """Summary, participants and questions: three worksheets, or three tables in one CSV."""
        totals, head, people, questions_head, questions = self._tables()
        suffix = f"-{self.organisation_type}" if self.organisation_type else ""
        return spreadsheets.download(
            [
                (_("Summary"), totals),
                (_("Participants"), [head, *people]),
                (_("Questions"), [questions_head, *questions]),
            ],
            file_format,
            f"przyrost-wiedzy-{self.course.slug}{suffix}",
        )


def courses_with_roles():
    return CourseQuizRole.objects.select_related("course", "quiz").order_by("course__title")
