"""Public pages of the subscription flow. Thin: forms and tokens in, services do the rest.
Every state change happens on POST; links in e-mails only open a page with a button."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsletter import services
from newsletter.forms import ConfirmListsForm, PreferencesForm, SignupForm
from newsletter.models import NewsletterList, Subscriber
from newsletter.tokens import (
    TokenExpired,
    TokenInvalid,
    personal_token,
    read_confirm_token,
    read_personal_token,
)


def client_ip(request):
    # Behind a reverse proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "")


# Without CSRF protection, so that the pages carrying the form (the home page, any page with the
# signup block) hold no visitor's token and the shared page cache can keep them
# (cms/page_cache.py). A forged signup can do no more than anyone can do by typing an address
# into the form: one confirmation e-mail, limited per address and per IP, and nothing is
# subscribed until the owner of the mailbox confirms (double opt-in).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.method == "GET":
        return render(request, "newsletter/signup.html", {"form": SignupForm()})
    if not services.signup_allowed(client_ip(request)):
        return render(
            request,
            "newsletter/signup.html",
            {"form": SignupForm(), "rate_limited": True},
            status=429,
        )
    form = SignupForm(request.POST)
    if form.is_bot:
        return redirect("newsletter:check_mailbox")  # looks like success; nothing is stored
    if form.consent_text is None:
        return render(request, "newsletter/signup.html", {"form": form, "closed": True}, status=503)
    if not form.is_valid():
        return render(request, "newsletter/signup.html", {"form": form}, status=400)
    services.signup(
        email=form.cleaned_data["email"],
        lists=form.cleaned_data["lists"],
        consent_text=form.consent_text,
        source_url=form.cleaned_data["source_url"],
        source_page_id=form.cleaned_data["source_page"],
        language=get_language() or "pl",
    )
    # The same answer whether the address is new, pending, subscribed or suppressed.
    return redirect("newsletter:check_mailbox")


def check_mailbox(request):
    return render(request, "newsletter/check_mailbox.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        record_id = read_confirm_token(token)
    except TokenExpired:
        return render(request, "newsletter/link_problem.html", {"expired": True}, status=410)
    except TokenInvalid:
        return render(request, "newsletter/link_problem.html", status=400)
    record = services.pending_record(record_id)
    if record is None:
        return render(request, "newsletter/link_problem.html", status=400)
    # A signup from the short form chose no lists yet: they are chosen here, all ticked.
    choose = not record.confirmed_at and not record.lists.exists()
    form = None
    if choose:
        form = ConfirmListsForm(
            request.POST if request.method == "POST" else None,
            initial={"lists": list(NewsletterList.objects.filter(is_public=True))},
        )
    if request.method == "POST":
        if form is not None and not form.is_valid():
            return render(
                request, "newsletter/confirm.html", {"record": record, "form": form}, status=400
            )
        services.confirm(record.pk, lists=form.cleaned_data["lists"] if form else None)
        return redirect("newsletter:confirmed", token=token)
    return render(request, "newsletter/confirm.html", {"record": record, "form": form})


def confirmed(request, token):
    try:
        record_id = read_confirm_token(token)
    except (TokenExpired, TokenInvalid):
        return render(request, "newsletter/link_problem.html", status=400)
    record = services.pending_record(record_id)
    if record is None or not record.confirmed_at:
        return redirect("newsletter:confirm", token=token)
    return render(
        request,
        "newsletter/confirmed.html",
        {"record": record, "preferences_token": personal_token(record.subscriber)},
    )


def _subscriber_or_none(token):
    """(subscriber, is_test): raises TokenInvalid for a bad token."""
    subscriber_id = read_personal_token(token)
    if subscriber_id == 0:
        return None, True
    return Subscriber.objects.filter(pk=subscriber_id).first(), False


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    try:
        subscriber, is_test = _subscriber_or_none(token)
    except TokenInvalid:
        return render(request, "newsletter/link_problem.html", status=400)
    if subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED:
        return render(
            request, "newsletter/not_subscribed.html", {"is_test": is_test, "token": token}
        )
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.update_lists(subscriber, form.cleaned_data["lists"])
            subscriber.refresh_from_db()
            if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
                return redirect("newsletter:unsubscribed")
            messages.success(request, _("Your choice is saved."))
            return redirect("newsletter:preferences", token=token)
    else:
        form = PreferencesForm(initial={"lists": list(subscriber.lists.all())})
    return render(
        request,
        "newsletter/preferences.html",
        {"form": form, "subscriber": subscriber, "token": token},
    )


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        subscriber, is_test = _subscriber_or_none(token)
    except TokenInvalid:
        return render(request, "newsletter/link_problem.html", status=400)
    if request.method == "POST":
        if subscriber is not None:
            services.unsubscribe(subscriber, method="link")
        return redirect("newsletter:unsubscribed")
    return render(
        request,
        "newsletter/unsubscribe.html",
        {"subscriber": subscriber, "is_test": is_test, "token": token},
    )


@csrf_exempt  # RFC 8058: the mail provider POSTs without a session; the signed token protects it
@require_http_methods(["GET", "POST"])
def one_click(request, token):
    try:
        subscriber, _is_test = _subscriber_or_none(token)
    except TokenInvalid:
        return HttpResponseBadRequest("Invalid link.", content_type="text/plain")
    if request.method == "GET":  # a GET never changes anything: show the page with the button
        return redirect(reverse("newsletter:unsubscribe", args=[token]))
    # RFC 8058 3.2: the mail provider's POST carries "List-Unsubscribe=One-Click" in its body
    # (form-encoded or multipart); anything else is not a one-click unsubscribe request.
    if request.POST.get("List-Unsubscribe") != "One-Click":
        return HttpResponseBadRequest(
            _(
                'A one-click unsubscribe request must have "List-Unsubscribe=One-Click" in its '
                "body (RFC 8058). Nothing was changed. To unsubscribe in a browser, open the "
                "link from the e-mail."
            ),
            content_type="text/plain; charset=utf-8",
        )
    if subscriber is not None:
        services.unsubscribe(subscriber, method="one-click")
    return HttpResponse("Unsubscribed.", content_type="text/plain")


def unsubscribed(request):
    return render(request, "newsletter/unsubscribed.html")
