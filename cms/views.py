from django.conf import settings
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.urls import translate_url
from django.utils import translation
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
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


def english_segments_redirect(request, path):
    """/en/ followed by a Polish URL segment (`/en/konto/login/`, `/en/moje-kursy/`): the
    addresses English pages used before their segments were translated, still in e-mails and
    bookmarks. 301 to the same view's English URL; a Polish request or an unknown path is a
    404 like any other."""
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE:
        raise Http404
    polish = "/" + path
    with translation.override(settings.LANGUAGE_CODE):
        english = translate_url(polish, language)
    # Unchanged, or only prefixed: no view has this Polish path but this redirect itself.
    if english in (polish, f"/{language}{polish}"):
        raise Http404
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{english}?{query}" if query else english)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors and no database: whatever broke must not break the error page too.
    return HttpResponseServerError(loader.get_template("500.html").render())
