"""Staff views in the Wagtail admin: course reports (participants, progress, export) and bulk
enrolment from a CSV. Wagtail admin access is required; the rules are in services/selectors."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from accounts.models import OrganisationType
from cms import spreadsheets
from cms.teryt import VOIVODESHIP_CHOICES
from courses import access, bulk, reports, selectors
from courses.models import CoursePage, Enrolment, LessonProgress
from courses.progress import course_lessons

MAX_CSV_BYTES = 1024 * 1024


def _require_staff(request):
    if not access.is_staff_or_editor(request.user):
        raise PermissionDenied


class ReportFilterForm(forms.Form):
    organisation_type = forms.ChoiceField(
        label=_("Organisation type"),
        required=False,
        choices=[("", _("all")), *OrganisationType.choices],
    )
    voivodeship = forms.ChoiceField(
        label=_("Województwo"), required=False, choices=[("", _("all")), *VOIVODESHIP_CHOICES]
    )


class BulkEnrolForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_("One e-mail per row in the first column; a header row is allowed."),
    )
    emails = forms.CharField(
        label=_("…or paste the rows"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > MAX_CSV_BYTES:
                raise forms.ValidationError(_("The file is larger than 1 MB."))
            raw = upload.read()
            try:
                data["text"] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                try:
                    data["text"] = raw.decode("cp1250")
                except UnicodeDecodeError as exc:
                    raise forms.ValidationError(
                        _("The file is not a text CSV (UTF-8 or Windows-1250).")
                    ) from exc
        else:
            data["text"] = data.get("emails", "")
        if not data["text"].strip():
            raise forms.ValidationError(_("Choose a CSV file or paste at least one e-mail."))
        return data


def course_list(request):
    _require_staff(request)
    funnel = {row["course_id"]: row for row in selectors.completion_funnel()}
    courses = CoursePage.objects.order_by("path")
    rows = [{"course": c, **funnel.get(c.pk, {})} for c in courses]
    return render(request, "courses/admin/course_list.html", {"rows": rows})


def participants(request, pk):
    _require_staff(request)
    course = get_object_or_404(CoursePage, pk=pk)
    form = ReportFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows, total = selectors.participants_report(
        course,
        organisation_type=filters.get("organisation_type", ""),
        voivodeship=filters.get("voivodeship", ""),
    )
    export = request.GET.get("export")
    if export in spreadsheets.CONTENT_TYPES:
        return spreadsheets.download(
            [(course.title, reports.table(rows, total))], export, f"kurs-{course.pk}-uczestnicy"
        )
    page = Paginator(rows, 100).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "courses/admin/participants.html",
        {
            "course": course,
            "form": form,
            "page_obj": page,
            "rows": [(e, reports.row_values(e, total)) for e in page.object_list],
            "total": total,
            "query": query.urlencode(),
        },
    )


def participant(request, pk, user_id):
    _require_staff(request)
    course = get_object_or_404(CoursePage, pk=pk)
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("user"), course=course, user_id=user_id
    )
    lessons = course_lessons(course)
    progress = {
        p.lesson_id: p for p in LessonProgress.objects.filter(user_id=user_id, course=course)
    }
    return render(
        request,
        "courses/admin/participant.html",
        {
            "course": course,
            "enrolment": enrolment,
            "lessons": [(lesson, progress.get(lesson.pk)) for lesson in lessons],
        },
    )


def bulk_enrol(request, pk):
    _require_staff(request)
    course = get_object_or_404(CoursePage, pk=pk)
    report = None
    if request.method == "POST":
        form = BulkEnrolForm(request.POST, request.FILES)
        if form.is_valid():
            report = bulk.bulk_enrol(course, form.cleaned_data["text"], by=request.user)
            form = BulkEnrolForm()
    else:
        form = BulkEnrolForm()
    counts = {}
    for row in report or []:
        counts[row.status] = counts.get(row.status, 0) + 1
    return render(
        request,
        "courses/admin/bulk_enrol.html",
        {"course": course, "form": form, "report": report, "counts": counts},
        status=400 if request.method == "POST" and report is None else 200,
    )
