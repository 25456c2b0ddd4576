"""Applicants' views: the application form (draft, submission), their applications with the
status, the PDF of an application and its attachments. Rules are in `services`."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from recruitment import documents, services
from recruitment.forms import ApplicationForm
from recruitment.models import Application, ApplicationAttachment, RecruitmentCallPage, Status


def _call_or_404(call_id):
    page = RecruitmentCallPage.objects.live().select_related("locale").filter(pk=call_id).first()
    if page is None:
        raise Http404
    return services.canonical_call(page)


def _initial(application):
    if application is None:
        return {}
    initial = {name: getattr(application, name) for name in services.DRAFT_FIELDS}
    initial["instruments"] = list(application.instruments.values_list("pk", flat=True))
    return initial


def _render_form(request, call, application, form, status=200):
    shown = services.call_in_language(call)
    attachments = {}
    if application is not None:
        attachments = {a.requirement_id: a for a in application.attachments.all()}
    rows = [
        (requirement, form[f"file_{requirement.pk}"], attachments.get(requirement.pk))
        for requirement, _label in form.requirements
    ]
    context = {
        "call": call,
        "page": shown,
        "application": application,
        "form": form,
        "attachment_rows": rows,
        "call_is_open": services.is_open(call),
        "deadline": call.deadline,
        "problems": services.submission_problems(application) if application else None,
    }
    return render(request, "recruitment/application_form.html", context, status=status)


def apply(request, call_id):
    """GET: the form (or, once submitted, the application and its status). POST: save the draft,
    then submit it when asked; whatever is typed is kept."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    call = _call_or_404(call_id)
    application = services.application_of(request.user, call)
    if application is not None and not application.is_draft:
        if request.method == "POST":
            messages.error(
                request, _("This application was submitted and can no longer be changed.")
            )
            return redirect(request.path)
        return render(
            request,
            "recruitment/application_detail.html",
            {
                "call": call,
                "page": services.call_in_language(call),
                "application": application,
                "attachment_rows": _attachment_rows(call, application),
            },
        )
    if application is None and not services.is_open(call):
        return render(
            request,
            "recruitment/call_closed.html",
            {"call": call, "page": services.call_in_language(call)},
        )
    requirements = services.in_call_order(call, "required_attachments")
    if request.method != "POST":
        form = ApplicationForm(initial=_initial(application), requirements=requirements)
        return _render_form(request, call, application, form)

    form = ApplicationForm(request.POST, request.FILES, requirements=requirements)
    valid = form.is_valid()
    try:
        application = services.save_draft(
            user=request.user,
            call=call,
            data=form.valid_data(),
            files=form.valid_files(),
            application=application,
        )
        remove = request.POST.get("remove", "")
        if remove.isdigit():
            services.remove_attachment(application, int(remove))
    except services.Refused as refusal:
        messages.error(request, str(refusal))
        return redirect(request.path)
    if not valid:
        messages.warning(
            request,
            _("Your draft is saved, but some fields need correcting: see the marked fields."),
        )
        return _render_form(request, call, application, form)
    if request.POST.get("action") == "submit":
        try:
            services.submit(application, opened_at=form.cleaned_data.get("opened_at"))
        except services.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _(
                    "Your application no. %(number)s has been submitted. A confirmation with the "
                    "PDF of the application is on its way to %(email)s."
                )
                % {"number": application.number, "email": application.contact_email},
            )
    elif remove.isdigit():
        messages.success(request, _("The attachment was removed. Your draft is saved."))
    else:
        messages.success(request, _("Your draft is saved. You can come back to it at any time."))
    return redirect(request.path)


def _attachment_rows(call, application):
    attachments = {a.requirement_id: a for a in application.attachments.all()}
    return [
        (label, attachments.get(requirement.pk))
        for requirement, label in services.in_call_order(call, "required_attachments")
    ]


@login_required
@require_safe
def my_applications(request):
    applications = (
        Application.objects.filter(applicant=request.user)
        .select_related("call")
        .order_by("-created_at")
    )
    rows = [
        (application, services.call_in_language(application.call)) for application in applications
    ]
    return render(request, "recruitment/my_applications.html", {"rows": rows, "Status": Status})


@require_safe
def application_pdf(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    if not services.may_download(request.user, application):
        raise Http404
    response = HttpResponse(documents.application_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.pdf_filename(application)}"'
    )
    return response


@require_safe
def attachment(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    item = get_object_or_404(ApplicationAttachment.objects.select_related("application"), pk=pk)
    if not services.may_download(request.user, item.application):
        raise Http404
    content_type = mimetypes.guess_type(item.original_name)[0] or "application/octet-stream"
    # Read whole (at most 10 MB) and closed here: nothing is left open if the client goes away.
    with item.file.open("rb") as stored:
        response = HttpResponse(stored.read(), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=item.original_name
    )
    return response
