"""Cached HTML of guide and practice pages: the parts drawn from the page's StreamFields and
inline models (partners, local law, sections, attachments, limits, steps, documents, FAQ) and
the JSON-LD, rendered once per published revision and language.

The entries live under the knowledge base's content version, which every save or deletion of a
guide, practice, instrument, document or image renews (practices.handlers), so a page never
shows a stale document title, size or image after such a change. Previews are never cached."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from practices import caching

VERSION_KEY = "practices:content:version"


def bump_version():
    caching.bump(VERSION_KEY)


def page_parts(page, request, template, extra=None):
    """{"body_html", "json_ld", **extra(page)} of a guide or practice page."""

    def compute():
        parts = {
            "body_html": render_to_string(template, {"page": page, "request": request}),
            "json_ld": str(page.json_ld(request)),
        }
        if extra:
            parts.update(extra(page))
        return parts

    if getattr(request, "is_preview", False) or not page.live:
        parts = compute()
    else:
        key = (
            page._meta.label,
            page.pk,
            page.live_revision_id,
            str(page.last_published_at),
            translation.get_language(),
            request.get_host() if request is not None else "",
        )
        parts = caching.versioned(VERSION_KEY, key, compute)
    return {
        **parts,
        "body_html": mark_safe(parts["body_html"]),  # noqa: S308 (rendered by our template)
        "json_ld": mark_safe(parts["json_ld"]),  # noqa: S308 (escaped by jsonld.dumps)
    }
