""" "Moje dane": a participant sees, downloads and erases the data held about them.

Every view acts on `request.user` only; nothing in a URL or form can point at another person
(a consent id of someone else is refused by `data_rights.withdraw_consent`)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import data_rights
from .forms import EraseForm
from .models import DataRightsRequest
from .presenting import present


@login_required
def my_data(request):
    collected = data_rights.collect(request.user)
    return render(
        request,
        "dashboard/my_data.html",
        {
            "sections": present(collected["data"]),
            "unavailable": collected["unavailable"],
            "consents": data_rights.consents(request.user),
        },
    )


@login_required
def my_data_download(request):
    data_rights.record(request.user, DataRightsRequest.Action.DOWNLOAD, actor=request.user)
    response = HttpResponse(
        data_rights.as_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="moje-dane.json"'
    return response


@login_required
@require_POST
def my_data_withdraw(request):
    try:
        data_rights.withdraw_consent(
            request.user, request.POST.get("consent_id", ""), actor=request.user
        )
    except NotImplementedError:
        messages.error(request, _("Consents cannot be withdrawn here yet. Write to us."))
    except PermissionDenied:
        raise
    else:
        messages.success(request, _("Your consent has been withdrawn."))
    return redirect("dashboard:my_data")


@login_required
def my_data_erase(request):
    form = EraseForm(request.POST if request.method == "POST" else None)
    if not data_rights.can_be_erased(request.user):
        messages.error(request, _("Staff accounts are closed by the administrator."))
        return redirect("dashboard:my_data")
    if request.method == "POST" and form.is_valid():
        user = request.user
        data_rights.erase(user, actor=user)
        logout(request)
        return redirect("dashboard:erased")
    return render(request, "dashboard/my_data_erase.html", {"form": form})


def erased(request):
    return render(request, "dashboard/erased.html")
