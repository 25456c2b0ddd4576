from django.conf import settings
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.urls import resolve, translate_url
from django.utils import translation
from django.views.decorators.cache import cache_page
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /django-admin/
Disallow: /konto/
Disallow: /en/konto/
Disallow: /en/account/
Disallow: /szukaj/
Disallow: /en/szukaj/
Disallow: /en/search/
Sitemap: {base}/sitemap.xml
"""


@require_GET
def robots_txt(request):
    base = f"{request.scheme}://{request.get_host()}"
    return HttpResponse(ROBOTS.format(base=base), content_type="text/plain; charset=utf-8")


@cache_page(60 * 15)
def sitemap(request):
    return wagtail_sitemap(request)


@csrf_exempt  # each view it hands a request to keeps its own CSRF rule (below)
def english_segments_redirect(request, path):
    """/en/ followed by a Polish URL segment (`/en/konto/login/`, `/en/moje-kursy/`,
    `/en/wydarzenia/zgloszenie/<token>/`): the addresses English pages and e-mails used before
    their segments were translated, still in sent e-mails and bookmarks. A GET gets a 301 to the
    same view's English URL; a POST (a mail provider's one-click unsubscribe, RFC 8058, to the
    List-Unsubscribe address of an issue sent before) is answered by that view itself, since a
    redirect would turn it into a GET. Anything else (a Polish request, a page whose slug starts
    like one of these segments, an unknown path) is served as a page, as if this pattern were
    not there."""
    language = translation.get_language()
    if language != settings.LANGUAGE_CODE:
        polish = "/" + path
        with translation.override(settings.LANGUAGE_CODE):
            english = translate_url(polish, language)
        # Unchanged, or only prefixed: no view has this Polish path but this redirect itself.
        if english not in (polish, f"/{language}{polish}"):
            if request.method not in ("GET", "HEAD"):
                match = resolve(english)
                return _with_its_csrf_rule(match.func)(request, *match.args, **match.kwargs)
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{english}?{query}" if query else english)
    return _with_its_csrf_rule(wagtail_views.serve)(request, path)


def _with_its_csrf_rule(view):
    return view if getattr(view, "csrf_exempt", False) else csrf_protect(view)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors and no database: whatever broke must not break the error page too.
    return HttpResponseServerError(loader.get_template("500.html").render())
