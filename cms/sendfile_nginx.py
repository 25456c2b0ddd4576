"""Documents handed to nginx after Django's permission check (SENDFILE_BACKEND, set when
`DOCUMENTS_X_ACCEL_REDIRECT=1`). Wagtail's document view checks the collection's privacy and
then calls this backend: the response carries only headers and `X-Accel-Redirect`, and nginx
sends the file from its `internal` location /_protected/documents/ (deploy/nginx/), which no
visitor can request directly. Without nginx in front, leave it off: Wagtail streams the file."""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse

INTERNAL_PREFIX = "/_protected/documents/"


class _AcceleratedResponse(HttpResponse):
    """Headers only. Wagtail sets Content-Length to the file's size after the backend returns;
    kept, it would promise a body this response never sends (nginx sends the file with its own
    length)."""

    def __setitem__(self, header, value):
        if header.lower() != "content-length":
            super().__setitem__(header, value)


def sendfile(request, filename, **kwargs):
    documents = (Path(settings.MEDIA_ROOT) / "documents").resolve()
    path = Path(filename).resolve()
    if not path.is_relative_to(documents):
        raise Http404  # only documents have an internal location
    response = _AcceleratedResponse()
    response["X-Accel-Redirect"] = INTERNAL_PREFIX + quote(path.relative_to(documents).as_posix())
    return response
