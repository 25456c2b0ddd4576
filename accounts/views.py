"""The participant's profile page (the login pages are django-allauth's, with our templates)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import services
from accounts.forms import ProfileForm


@login_required
def profile(request):
    profile = services.profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            services.save_profile(request.user, form.save(commit=False), form.cleaned_data)
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
        status = 400
    else:
        status = 200
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "missing": profile.missing_monitoring_fields()},
        status=status,
    )
