from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /django-admin/
Disallow: /konto/
Disallow: /en/konto/
Disallow: /szukaj/
Disallow: /en/szukaj/
Sitemap: {base}/sitemap.xml
"""


@require_GET
def robots_txt(request):
    base = f"{request.scheme}://{request.get_host()}"
    return HttpResponse(ROBOTS.format(base=base), content_type="text/plain; charset=utf-8")


@cache_page(60 * 15)
def sitemap(request):
    return wagtail_sitemap(request)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors and no database: whatever broke must not break the error page too.
    return HttpResponseServerError(loader.get_template("500.html").render())
