"""Uploaded and generated files on local disk (the default) or in S3-compatible object storage
(`MWF_S3_BUCKET`, config/settings/base.py), through Django's storage API only, and the one way
the application hands a stored file out after its own permission check.

Nothing in a bucket is public: objects are written without an ACL and every URL a page shows
points at the application. A private file (a document of a restricted collection, a proposal
attachment, a certificate, a private image rendition) leaves as a redirect to a presigned URL
valid for `MWF_S3_URL_EXPIRE` seconds, given only after the check; a file whose response needs
the site's own headers (public image renditions, cacheable at a stable address; H5P package
files, which must keep the H5P origin's sandbox) is streamed through the application. On local
disk every file is streamed (`FileResponse`), as before.
"""

from django.conf import settings
from django.http import FileResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils.encoding import filepath_to_uri
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage

CHUNK = 64 * 1024


class PrivateS3Storage(S3Storage):
    """An S3 bucket (or a folder of one) that no visitor reads directly: objects are written
    without an ACL and names are never overwritten (Django's rule, which Wagtail's uploads
    expect: a second `report.pdf` becomes `report_<random>.pdf`)."""

    default_acl = None
    file_overwrite = False
    querystring_auth = True

    def signed_url(self, name, *, expire=None, parameters=None):
        """A presigned GET URL of the object, valid for `expire` seconds."""
        return S3Storage.url(self, name, parameters=parameters, expire=expire)


class MediaS3Storage(PrivateS3Storage):
    """The default storage (Wagtail's images and documents, generated files) in a bucket.
    `url()` gives the same addresses as on local disk (`MEDIA_URL` + name: image renditions are
    served there by `cms.media` after its rule, originals and the rest are a 404), so neither a
    page's HTML nor a stray `.url` ever carries a credential. Documents alone get a presigned
    URL: Wagtail's serve view asks for it only after the collection's check
    (`WAGTAILDOCS_SERVE_METHOD = "redirect"`)."""

    signed_folders = ("documents",)

    def url(self, name, parameters=None, expire=None, http_method=None):
        if name.split("/", 1)[0] in self.signed_folders:
            return super().url(name, parameters=parameters, expire=expire, http_method=http_method)
        return settings.MEDIA_URL + filepath_to_uri(name)


def is_remote(storage) -> bool:
    return isinstance(storage, S3Storage)


def _disposition(filename, attachment):
    return content_disposition_header(attachment, filename)


def stream(storage, name, content_type, *, filename=None, attachment=False):
    """The file streamed through the application, never read into memory or onto disk whole.
    Raises FileNotFoundError when it does not exist."""
    if is_remote(storage):
        # The object's body straight from the bucket (storage.open() would download all of it
        # into a temporary file first).
        client = storage.connection.meta.client
        try:
            obj = client.get_object(Bucket=storage.bucket_name, Key=storage._normalize_name(name))
        except client.exceptions.NoSuchKey:
            raise FileNotFoundError(name) from None
        body = obj["Body"]
        response = StreamingHttpResponse(body.iter_chunks(CHUNK), content_type=content_type)
        response._resource_closers.append(body.close)
        response["Content-Length"] = str(obj["ContentLength"])
    else:
        try:
            handle = storage.open(name, "rb")
        except (IsADirectoryError, NotADirectoryError, PermissionError):
            raise FileNotFoundError(name) from None
        response = FileResponse(handle, content_type=content_type)
    if filename:
        response["Content-Disposition"] = _disposition(filename, attachment)
    return response


def serve_private(storage, name, content_type, *, filename=None, attachment=False):
    """A private file for someone the caller has checked: on object storage a redirect to a
    short-lived presigned URL (the object is never public), locally the file streamed."""
    if not is_remote(storage):
        return stream(storage, name, content_type, filename=filename, attachment=attachment)
    parameters = {"ResponseContentType": content_type, "ResponseCacheControl": "private, no-store"}
    if filename:
        parameters["ResponseContentDisposition"] = _disposition(filename, attachment)
    url = storage.signed_url(name, expire=settings.MWF_S3_URL_EXPIRE, parameters=parameters)
    response = HttpResponseRedirect(url)
    # The redirect carries a credential for a few minutes: no cache keeps it.
    response["Cache-Control"] = "private, no-store"
    return response


def save_exactly(storage, name, content):
    """Store `content` at exactly `name` (a deterministic, content-addressed name). When a
    concurrent writer got there first the storage picks another name: drop that copy, the
    file at `name` is the same."""
    saved = storage.save(name, content)
    if saved != name:
        storage.delete(saved)
    return name
