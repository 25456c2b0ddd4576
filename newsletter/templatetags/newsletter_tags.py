"""`{% load newsletter_tags %}{% newsletter_signup %}`: the signup form, on any page.

Optional arguments: `heading` (default "Newsletter"), `intro`, `heading_level` (2 by default,
so the form fits under the page's h1), `compact` (the e-mail and one button that carries the
consent; the lists are chosen on the confirmation page)."""

from django import template
from wagtail.models import Page

from cms.chrome import site_chrome
from newsletter import public_cache
from newsletter.forms import SignupForm

register = template.Library()


@register.inclusion_tag("newsletter/includes/signup_form.html", takes_context=True)
def newsletter_signup(context, heading=None, intro="", heading_level=2, form=None, compact=False):
    request = context.get("request")
    # Several forms on one page need distinct element ids.
    number = 1
    if request is not None:
        number = getattr(request, "_newsletter_forms", 0) + 1
        request._newsletter_forms = number
    prefix = f"nl{number}"
    if form is None:
        page = context.get("page")
        initial = {}
        if isinstance(page, Page):
            initial["source_page"] = page.pk
        if request is not None:
            initial["source_url"] = request.get_full_path()[:500]
        consent_text, lists = public_cache.signup_data(request)
        form = SignupForm(initial=initial, consent_text=consent_text or False)
        form.fields["lists"].choices = lists  # shown from memory; a POST checks the database
    form.auto_id = prefix + "-%s"
    return {
        "request": request,
        "form": form,
        "prefix": prefix,
        "heading": heading,
        "intro": intro,
        "heading_level": heading_level,
        "compact": compact,
        "privacy_url": _privacy_url(request),
        "csrf_token": context.get("csrf_token"),
    }


def _privacy_url(request):
    """The privacy policy's address from the site chrome (kept in memory, no query)."""
    if request is None:
        return None
    try:
        chrome = site_chrome(request)
    except Exception:  # no site for this request (e.g. an e-mail preview): no link
        return None
    return chrome["privacy_url"] if chrome else None
