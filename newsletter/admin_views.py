"""Editor-facing views in the Wagtail admin: an issue's e-mail preview, test send and send to
lists; dispatch progress and controls; CSV import. Thin: services do the work."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from cms import roles
from cms.tasks import enqueue
from newsletter import services
from newsletter.forms import ImportForm, SendForm
from newsletter.models import Dispatch, NewsletterPage
from newsletter.rendering import render_issue
from newsletter.sending.dispatch import cancel, create_dispatch, pause, resume

SEND_PERMISSION = roles.SEND_NEWSLETTER
# The issue's button in the page editor (wagtail_hooks) and the instruction on the Sends page
# name the same thing, so they share the label; "Actions" is Wagtail's own label of the "⋯"
# menu in the editor's header, where page header buttons are placed.
SEND_BUTTON_LABEL = gettext_lazy("Preview e-mail, test and send")
ACTIONS_MENU_LABEL = gettext_lazy("Actions")


def _issue_for_editor(request, page_id):
    page = get_object_or_404(NewsletterPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return page


def _draft(page):
    return page.get_latest_revision_as_object() if page.has_unpublished_changes else page


@xframe_options_sameorigin
def email_preview(request, page_id):
    """The issue exactly as the e-mail's HTML part (or ?part=text for the text part)."""
    page = _issue_for_editor(request, page_id)
    rendered = render_issue(_draft(page), preview=True)
    if request.GET.get("part") == "text":
        return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")
    return HttpResponse(rendered.html)


@permission_required(SEND_PERMISSION, raise_exception=True)
def issue_send(request, page_id):
    page = _issue_for_editor(request, page_id)
    form = SendForm()
    if request.method == "POST" and request.POST.get("action") == "test":
        if not request.user.email:
            messages.error(request, _("Your account has no e-mail address."))
        else:
            enqueue("newsletter.tasks.send_test", page.pk, request.user.email)
            messages.success(
                request,
                _("A test message is on its way to %(email)s.") % {"email": request.user.email},
            )
        return redirect("newsletter_admin:issue_send", page_id=page.pk)
    if request.method == "POST":
        form = SendForm(request.POST)
        if form.is_valid():
            if not page.live:
                messages.error(request, _("Publish the issue before sending it."))
            else:
                dispatch = create_dispatch(
                    page,
                    form.cleaned_data["lists"],
                    scheduled_for=form.cleaned_data["scheduled_for"],
                    user=request.user,
                )
                messages.success(request, _("The sending is set up."))
                return redirect("newsletter_admin:dispatch", pk=dispatch.pk)
    return render(
        request,
        "newsletter/admin/issue_send.html",
        {"page": page, "form": form, "dispatches": page.dispatches.all()[:20]},
    )


@permission_required(SEND_PERMISSION, raise_exception=True)
def dispatch_list(request):
    return render(
        request,
        "newsletter/admin/dispatch_list.html",
        {
            "dispatches": Dispatch.objects.with_progress().select_related("page")[:100],
            "send_button_label": SEND_BUTTON_LABEL,
            "actions_menu_label": ACTIONS_MENU_LABEL,
        },
    )


@permission_required(SEND_PERMISSION, raise_exception=True)
def dispatch_detail(request, pk):
    dispatch = get_object_or_404(Dispatch.objects.select_related("page"), pk=pk)
    progress = dispatch.progress()
    if request.GET.get("format") == "json":
        return JsonResponse({**progress, "status": dispatch.get_status_display()})
    failed = dispatch.deliveries.filter(
        Q(status__in=["failed", "retry"]) | (Q(status="sent") & ~Q(last_error=""))
    )[:200]
    return render(
        request,
        "newsletter/admin/dispatch_detail.html",
        {"dispatch": dispatch, "progress": progress, "failed": failed},
    )


@require_POST
@permission_required(SEND_PERMISSION, raise_exception=True)
def dispatch_action(request, pk, action):
    dispatch = get_object_or_404(Dispatch, pk=pk)
    if action == "pause":
        pause(dispatch)
    elif action == "resume":
        resume(dispatch)
    elif action == "cancel":
        cancel(dispatch)
    return redirect("newsletter_admin:dispatch", pk=dispatch.pk)


@permission_required(roles.IMPORT_SUBSCRIBERS, raise_exception=True)
def import_subscribers(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.import_subscribers(
            form.cleaned_data["file"],
            lists=form.cleaned_data["lists"],
            legal_basis=form.cleaned_data["legal_basis"],
        )
        form = ImportForm()
    return render(request, "newsletter/admin/import.html", {"form": form, "result": result})
