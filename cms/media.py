"""Which uploaded files anyone may fetch, and the two routes that hand them out.

- Public image renditions (MEDIA_ROOT/images/): plain files. The proxy serves them in
  production; `public_rendition` does the same in development and tests, so both follow one rule.
  With object storage (cms/storage.py) `public_rendition` streams them from the bucket.
- Renditions of images in a private collection (e.g. the photos of proposals waiting for
  moderation) are written to MEDIA_ROOT/private_images/ instead, which no proxy maps;
  `private_rendition` serves them to the people the collection's restrictions admit (the same
  rule as its documents), and to anyone once the image has become public.
- Originals (original_images/), documents (Wagtail's serve view) and everything else: never.

When an image moves between a private and a public collection, its renditions are dropped and
made again in the right folder on the next use (`rehome_renditions`).
"""

import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from cms import storage

# Exact types: with nosniff, browsers use what is sent. No SVG: it is never an upload here.
IMAGE_TYPES = {
    "gif": "image/gif",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "avif": "image/avif",
}


def is_private(image) -> bool:
    """The image's collection (or one above it) has a view restriction."""
    return image.collection.get_view_restrictions().exists()


def _folder(private: bool) -> str:
    return settings.PRIVATE_RENDITIONS_FOLDER if private else settings.PUBLIC_RENDITIONS_FOLDER


def rendition_upload_to(rendition, filename):
    """Replaces `Rendition.get_upload_to` (cms.apps): Wagtail offers no setting for the folder
    of a rendition, and the folder is what keeps a private image's renditions off the public
    path."""
    filename = rendition.file.field.storage.get_valid_name(filename)
    return posixpath.join(_folder(is_private(rendition.image)), filename)


def rehome_renditions(images) -> int:
    """Drop the renditions of `images` that lie in the wrong folder for the image's collection
    now; Wagtail makes them again, in the right one, when a page next shows the image. Call it
    after a queryset `update()` of collections (which sends no signals). Returns how many went."""
    dropped = 0
    for image in images:
        wrong = _folder(not is_private(image)) + "/"
        stale = [r for r in image.renditions.all() if r.file.name.startswith(wrong)]
        for rendition in stale:
            rendition.delete()  # Wagtail removes the file and the cache entry
        dropped += len(stale)
    return dropped


def image_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        rehome_renditions([instance])


def _response(name, private=False):
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in IMAGE_TYPES:
        raise Http404
    # Public renditions are streamed at their stable address (cacheable by browsers and the
    # proxy); private ones leave object storage by a short-lived signed URL (cms.storage).
    serve = storage.serve_private if private else storage.stream
    if private and not default_storage.exists(name):
        raise Http404
    try:
        response = serve(default_storage, name, IMAGE_TYPES[extension])
    except FileNotFoundError:
        raise Http404 from None
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _safe_name(folder, path):
    parts = path.split("/")
    if not path or "\\" in path or any(p in ("", ".", "..") for p in parts):
        raise Http404
    return f"{folder}/{path}"


@require_safe
def public_rendition(request, path):
    """A file of MEDIA_ROOT/images/, exactly as the production proxy serves it."""
    response = _response(_safe_name(settings.PUBLIC_RENDITIONS_FOLDER, path))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def private_rendition(request, path):
    """A rendition of an image in a private collection, for the people the collection admits."""
    name = _safe_name(settings.PRIVATE_RENDITIONS_FOLDER, path)
    Rendition = get_image_model().get_rendition_model()
    rendition = Rendition.objects.select_related("image__collection").filter(file=name).first()
    if rendition is None:
        raise Http404
    restrictions = list(rendition.image.collection.get_view_restrictions())
    if not all(restriction.accept_request(request) for restriction in restrictions):
        raise Http404
    response = _response(name, private=True)
    if not response.has_header("Cache-Control"):  # a signed URL's redirect is never kept
        response["Cache-Control"] = "private, no-store" if restrictions else "private, max-age=3600"
    return response
