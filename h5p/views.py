"""Thin views. Two kinds, never mixed:

- on the H5P origin (no session used): the player page, the package files and the player
  assets, each answering 404 on any other host;
- on the site's origin (session + CSRF): the xAPI statement endpoint and the saved state,
  answering 404 on the H5P origin.
"""

import posixpath

from django.contrib.staticfiles import finders
from django.db import IntegrityError
from django.http import (
    FileResponse,
    Http404,
    HttpResponseNotFound,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cms import json_input
from cms import storage as file_storage
from h5p import activities, conf, packages, player_urls, storage
from h5p import state as saved_state
from h5p import xapi as statements
from h5p.models import H5PPackage

# Explicit types: the system's mimetypes table differs between machines, and nosniff makes
# browsers trust exactly what is sent.
MIME_TYPES = {
    "json": "application/json",
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "svg": "image/svg+xml",
    "xml": "application/xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "eot": "application/vnd.ms-fontobject",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "webm": "video/webm",
    "mp4": "video/mp4",
    "ogg": "audio/ogg",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "wav": "audio/wav",
    "txt": "text/plain; charset=utf-8",
    "md": "text/plain; charset=utf-8",
    "textile": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "diff": "text/plain; charset=utf-8",
    "patch": "text/plain; charset=utf-8",
    "vtt": "text/vtt; charset=utf-8",
    "webvtt": "text/vtt; charset=utf-8",
    "pdf": "application/pdf",
    "gltf": "model/gltf+json",
    "glb": "model/gltf-binary",
}
# Served inline (subresources of the player); anything else is a download.
INLINE = {
    "json", "js", "css", "svg", "png", "jpg", "jpeg", "gif", "bmp", "eot", "ttf", "otf", "woff",
    "woff2", "webm", "mp4", "ogg", "mp3", "m4a", "wav", "vtt", "webvtt", "txt",
}  # fmt: skip
ASSET_EXTENSIONS = {"js", "css", "woff", "woff2", "ttf", "eot", "svg", "gif", "png"}
# Package files are never meant to be documents: if one is opened directly, it gets no
# scripts, no plugins and an opaque origin.
FILE_CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'self'; "
    "sandbox; frame-ancestors 'none'"
)


def on_h5p_origin(request) -> bool:
    return request.get_host().lower() == conf.origin_netloc(conf.h5p_origin())


def _require_h5p_origin(request):
    if not on_h5p_origin(request):
        raise Http404


def _require_site_origin(request):
    if on_h5p_origin(request):
        raise Http404


def _mime(name):
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return ext, MIME_TYPES.get(ext, "application/octet-stream")


def _file_headers(response, ext, filename):
    response["X-Content-Type-Options"] = "nosniff"
    # The player runs in a sandbox with an opaque origin: its fetches of JSON and fonts are
    # cross-origin. The files carry no credentials and the URL itself is the permission.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Content-Security-Policy"] = FILE_CSP
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, max-age=86400"
    if ext not in INLINE:
        response["Content-Disposition"] = f'attachment; filename="{posixpath.basename(filename)}"'
    return response


def _package_from_token(token):
    ids = player_urls.read_token(token)
    if ids is None:
        raise Http404
    package = H5PPackage.objects.filter(pk=ids[0]).first()
    if package is None or not package.content_prefix:
        raise Http404
    return package, ids[1]


@xframe_options_exempt
@require_safe
def player(request, token):
    """The page inside the lesson's iframe: h5p-standalone plays the package here."""
    _require_h5p_origin(request)
    package, lesson_id = _package_from_token(token)
    files_base = reverse(
        "h5p-file", urlconf="h5p.origin_urls", kwargs={"token": token, "path": "h5p.json"}
    ).removesuffix("/h5p.json")
    assets = reverse("h5p-asset", urlconf="h5p.origin_urls", kwargs={"path": "x.js"})[:-4]
    config = {
        "h5pJsonPath": files_base,
        "frameJs": assets + "standalone/frame.bundle.js",
        "frameCss": assets + "standalone/styles/h5p.css",
        "embedType": package.embed_type,
        "xAPIObjectIRI": activities.activity_iri(lesson_id, package.pk),
        "siteOrigin": conf.site_origin(),
    }
    response = render(
        request,
        "h5p/player.html",
        {"package": package, "config": config, "assets": assets},
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, max-age=300"
    # Framed only by the site; and even when opened on its own, the page runs in a sandbox
    # with an opaque origin (CSP `sandbox`), so package code never gets an origin of its own.
    response["Content-Security-Policy"] = (
        f"sandbox allow-scripts; frame-ancestors {conf.site_origin()}; base-uri 'none'; "
        "form-action 'none'; object-src 'none'"
    )
    return response


@require_safe
def package_file(request, token, path):
    _require_h5p_origin(request)
    package, _lesson_id = _package_from_token(token)
    name = packages.resolve_file(package, path)
    if name is None:
        raise Http404
    ext, mime = _mime(path)
    try:
        # Streamed through this origin, from disk or the bucket alike: the file must carry the
        # H5P origin's headers (sandbox CSP, nosniff), which a bucket's own URL would not.
        response = file_storage.stream(storage.h5p_storage(), name, mime)
    except (FileNotFoundError, OSError):
        raise Http404 from None
    return _file_headers(response, ext, path)


@require_safe
def player_asset(request, path):
    """h5p-standalone's dist (from npm) and this app's player script, on the H5P origin."""
    _require_h5p_origin(request)
    ext, mime = _mime(path)
    if ext not in ASSET_EXTENSIONS or ".." in path.split("/") or "\\" in path:
        raise Http404
    if path in ("player.js", "player.css"):
        found = finders.find(f"h5p/{path}")
    elif path.startswith("standalone/"):
        dist = conf.standalone_dist().resolve()
        candidate = (dist / path.removeprefix("standalone/")).resolve()
        found = candidate if candidate.is_relative_to(dist) and candidate.is_file() else None
    else:
        found = None
    if not found:
        raise Http404
    response = FileResponse(open(found, "rb"), content_type=mime)  # noqa: SIM115
    return _file_headers(response, ext, path)


# --- the site's side ---------------------------------------------------------------------------


def _error(code, message, status):
    return JsonResponse({"error": code, "message": str(message)}, status=status)


def _activity_for(request, lesson_id, package_id):
    _require_site_origin(request)
    try:
        return statements.activity_for(request.user, lesson_id, package_id), None
    except statements.StatementRejected as exc:
        return None, _error(exc.code, exc.message, exc.status)


def _json_body(request):
    try:
        return json_input.loads(request.body, max_bytes=conf.max_statement_bytes())
    except json_input.InvalidJSON as exc:
        raise statements.StatementRejected(
            exc.code, exc.message, status=413 if exc.code == "size" else 400
        ) from None


@require_POST
def xapi(request, lesson_id, package_id):
    """Accept one xAPI statement from the lesson page's script (CSRF-protected POST): 201 when
    stored, 200 when the same statement (same id) was stored before."""
    activity, error = _activity_for(request, lesson_id, package_id)
    if error:
        return error
    try:
        outcome = statements.record_statement(
            request.user, activity, _json_body(request), checked=True
        )
    except statements.StatementRejected as exc:
        return _error(exc.code, exc.message, exc.status)
    except IntegrityError:  # the package was deleted a moment ago
        return _error("activity", _("There is no such exercise in this lesson."), 404)
    result = outcome.result
    return JsonResponse(
        {
            "id": str(outcome.statement_id),
            "score": None if result is None else round(result.best_score or 0, 1),
            "passed": bool(result and result.passed),
            "lesson_completed": outcome.lesson_completed,
        },
        status=200 if outcome.duplicate else 201,
    )


@require_http_methods(["GET", "POST"])
def state(request, lesson_id, package_id):
    """The player's saved state for the logged-in participant: GET restores, POST saves
    (`{"state": "<json text>"}`, or `{"state": null}` to clear)."""
    activity, error = _activity_for(request, lesson_id, package_id)
    if error:
        return error
    package = H5PPackage.objects.get(pk=package_id)
    if request.method == "GET":
        response = JsonResponse({"state": saved_state.load_state(request.user, package)})
        response["Cache-Control"] = "private, no-store"
        return response
    try:
        body = _json_body(request)
        if not isinstance(body, dict) or "state" not in body:
            raise statements.StatementRejected("state", _('Send {"state": ...}.'))
        saved_state.save_state(request.user, package, body["state"])
    except statements.StatementRejected as exc:
        return _error(exc.code, exc.message, exc.status)
    return JsonResponse({"saved": True})


def origin_not_found(request, exception=None):
    response = HttpResponseNotFound(b"Not found", content_type="text/plain; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def origin_server_error(request):
    return HttpResponseServerError(b"Server error", content_type="text/plain; charset=utf-8")
