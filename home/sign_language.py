"""The Polish Sign Language page ("Polski język migowy", PJM): the information about the
programme as a recording in PJM (act of 19 July 2019 on ensuring accessibility, art. 6 pt 3 (c)),
with captions and a transcript.

The recording is either uploaded (a Wagtail document: MP4 or WebM, with a WebVTT captions file
played as the video's track) or embedded from YouTube or Vimeo. An embedded player loads
nothing from the host until the visitor asks for it: the page shows a link (the facade) that
static JavaScript turns into the privacy-enhanced player (youtube-nocookie.com, Vimeo with
dnt=1) on click; without JavaScript the link leads to the video on the host's site. The
player origins are in the site's Content-Security-Policy (settings.CSP_VIDEO_ORIGINS)."""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.search import NORMALISED_SEARCH_FIELD, NormalisedSearchMixin

VIDEO_EXTENSIONS = {"mp4": "video/mp4", "webm": "video/webm"}
CAPTIONS_EXTENSION = "vtt"
TRANSCRIPT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{1,12}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
YOUTUBE_NOCOOKIE_HOSTS = {"youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def parse_video_url(url):
    """(provider, video id) of a YouTube or Vimeo address, or None for any other address."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    video_id = None
    if host == "youtu.be" and segments:
        video_id = segments[0]
    elif host in YOUTUBE_HOSTS | YOUTUBE_NOCOOKIE_HOSTS:
        if segments[:1] == ["watch"]:
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live"):
            video_id = segments[1]
    elif host in VIMEO_HOSTS:
        if host == "player.vimeo.com" and segments[:1] == ["video"]:
            segments = segments[1:]
        video_id = segments[0] if segments else None
        return ("vimeo", video_id) if video_id and _VIMEO_ID.match(video_id) else None
    if video_id and _YOUTUBE_ID.match(video_id):
        return ("youtube", video_id)
    return None


def embed_urls(url, language):
    """{"player": the privacy-enhanced player address, "page": the video on the host's site}."""
    provider, video_id = parse_video_url(url)
    if provider == "youtube":
        return {
            "provider": "YouTube",
            "player": f"https://www.youtube-nocookie.com/embed/{video_id}"
            f"?autoplay=1&cc_load_policy=1&hl={language}&cc_lang_pref={language}&rel=0",
            "page": f"https://www.youtube.com/watch?v={video_id}",
        }
    return {
        "provider": "Vimeo",
        "player": f"https://player.vimeo.com/video/{video_id}?dnt=1&autoplay=1",
        "page": f"https://vimeo.com/{video_id}",
    }


def _extension(document):
    return (document.file_extension or "").lower() if document is not None else ""


class SignLanguagePage(NormalisedSearchMixin, Page):
    """The information about the programme in Polish Sign Language, with captions and its
    transcript. Linked from every page's header through the site settings
    (SiteSettings.sign_language_page)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two short sentences above the recording."),
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("recording (file)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP4 or WebM file. Give either a file or an address, not both."),
    )
    video_url = models.URLField(
        _("recording (YouTube or Vimeo address)"),
        blank=True,
        help_text=_(
            "E.g. https://www.youtube.com/watch?v=… or https://vimeo.com/…; the player loads "
            "only when the visitor presses play."
        ),
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("captions (WebVTT file)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A .vtt file. Required for an uploaded recording."),
    )
    transcript = RichTextField(
        _("transcript"),
        features=TRANSCRIPT_FEATURES,
        help_text=_("Everything the recording says, as text."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("video_file"), FieldPanel("video_url"), FieldPanel("captions")],
            heading=_("Recording"),
        ),
        FieldPanel("transcript"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("transcript"),
        NORMALISED_SEARCH_FIELD,
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Polish Sign Language recording")

    def clean(self):
        super().clean()
        errors = {}
        if self.video_file_id and self.video_url:
            errors["video_url"] = _("Give either a recording file or an address, not both.")
        elif not self.video_file_id and not self.video_url:
            errors["video_file"] = _("Add the recording: upload a file or give its address.")
        if self.video_file_id and _extension(self.video_file) not in VIDEO_EXTENSIONS:
            errors["video_file"] = _("The recording must be an MP4 or WebM file.")
        if self.video_url and parse_video_url(self.video_url) is None:
            errors["video_url"] = _(
                "Only YouTube and Vimeo video addresses can be embedded, e.g. "
                "https://www.youtube.com/watch?v=… or https://vimeo.com/123456."
            )
        if self.captions_id and _extension(self.captions) != CAPTIONS_EXTENSION:
            errors["captions"] = _("Captions must be a WebVTT file (.vtt).")
        elif self.video_file_id and not self.captions_id:
            errors["captions"] = _("An uploaded recording needs its captions (a .vtt file).")
        if errors:
            raise ValidationError(errors)

    @property
    def video_type(self):
        return VIDEO_EXTENSIONS.get(_extension(self.video_file), "")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.video_url and parse_video_url(self.video_url):
            context["embed"] = embed_urls(self.video_url, self.locale.language_code)
        return context
