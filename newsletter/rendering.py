"""An issue as an e-mail: HTML that survives common mail clients (tables, inline styles, no
external CSS) plus a plain-text part, and the headers every newsletter message carries.

The issue is rendered once per dispatch with placeholders for the personal links; each
recipient's copy only replaces the placeholders, which keeps sending 10,000 messages cheap.
"""

import html
import re
from dataclasses import dataclass
from email import quoprimime
from email.utils import formatdate
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail.message import make_msgid, sanitize_address
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from cms import mail
from newsletter.tokens import personal_token

UNSUBSCRIBE = "%%NL_UNSUBSCRIBE_URL%%"
PREFERENCES = "%%NL_PREFERENCES_URL%%"

FONT = "font-family:Arial,Helvetica,sans-serif;"
INLINE_RULES = {
    "p": FONT + "margin:0 0 16px 0;font-size:16px;line-height:1.5;color:#1a1a1a;",
    "a": "color:#0b4f9c;text-decoration:underline;",
    "h2": FONT + "margin:24px 0 12px 0;font-size:22px;line-height:1.3;color:#1a1a1a;",
    "h3": FONT + "margin:20px 0 8px 0;font-size:18px;line-height:1.3;color:#1a1a1a;",
    "h4": FONT + "margin:16px 0 8px 0;font-size:16px;line-height:1.3;color:#1a1a1a;",
    "ul": FONT + "margin:0 0 16px 0;padding-left:24px;font-size:16px;line-height:1.5;",
    "ol": FONT + "margin:0 0 16px 0;padding-left:24px;font-size:16px;line-height:1.5;",
    "li": "margin:0 0 6px 0;",
}


def absolute(url):
    if url.startswith("/") and not url.startswith("//"):
        return settings.BASE_URL + url
    return url


class _Inliner(HTMLParser):
    """Adds the style of INLINE_RULES to each matching tag (after any style it has) and makes
    site-relative links absolute. Everything else passes through unchanged."""

    def __init__(self, rules):
        super().__init__(convert_charrefs=False)
        self.rules, self.out = rules, []

    def _tag(self, tag, attrs, closing):
        attrs = dict(attrs)
        if tag in self.rules:
            attrs["style"] = (attrs.get("style") or "") + self.rules[tag]
        for name in ("href", "src"):
            if attrs.get(name):
                attrs[name] = absolute(attrs[name])
        text = "".join(
            f' {k}="{html.escape(v, quote=True)}"' if v is not None else f" {k}"
            for k, v in attrs.items()
        )
        self.out.append(f"<{tag}{text}{' /' if closing else ''}>")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, True)

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def inline_styles(markup, rules=None):
    parser = _Inliner(INLINE_RULES if rules is None else rules)
    parser.feed(markup)
    parser.close()
    return "".join(parser.out)


class _TextExtractor(HTMLParser):
    """Rich text to readable plain text: paragraphs separated, list items dashed, links as
    "text (address)"."""

    def __init__(self):
        super().__init__()
        self.out, self.href = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.out.append("\n- ")
        elif tag == "br":
            self.out.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag in ("p", "h2", "h3", "h4", "ul", "ol"):
            self.out.append("\n\n")
        elif tag == "a" and self.href:
            self.out.append(f" ({absolute(self.href)})")
            self.href = None

    def handle_data(self, data):
        self.out.append(data)


def html_to_text(markup):
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = [line.rstrip() for line in "".join(parser.out).splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


@dataclass
class RenderedIssue:
    subject: str
    html: str
    text: str


def issue_sections(page):
    """The issue's blocks as plain data for both parts of the e-mail."""
    sections = []
    for block in page.body:
        kind, value = block.block_type, block.value
        if kind == "heading":
            sections.append({"kind": "heading", "text": value})
        elif kind == "paragraph":
            rich = str(value)
            sections.append(
                {"kind": "paragraph", "html": inline_styles(rich), "text": html_to_text(rich)}
            )
        elif kind == "button":
            sections.append(
                {"kind": "button", "text": value["text"], "url": block.block.link(value)}
            )
        else:
            sections.append(
                {"kind": "list", "heading": value["heading"], "items": block.block.get_items(value)}
            )
    return sections


def render_issue(page, *, preview=False):
    """Subject, HTML and text of the issue, with placeholders for the personal links (or "#"
    in a browser preview)."""
    with translation.override(page.locale.language_code if page.locale_id else None):
        sections = issue_sections(page)
        context = {
            "page": page,
            "sections": sections,
            "web_url": page.get_full_url() or "",
            "unsubscribe_url": UNSUBSCRIBE,
            "preferences_url": PREFERENCES,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        markup = inline_styles(render_to_string("newsletter/email/issue.html", context), {})
        text = render_text(page, sections, context)
    if preview:
        markup = markup.replace(UNSUBSCRIBE, "#").replace(PREFERENCES, "#")
        text = text.replace(UNSUBSCRIBE, "#").replace(PREFERENCES, "#")
    return RenderedIssue(subject=page.title, html=markup, text=text)


def render_text(page, sections, context):
    parts = [page.title.upper(), ""]
    if page.preheader:
        parts += [page.preheader, ""]
    for section in sections:
        if section["kind"] == "heading":
            parts += [section["text"].upper(), ""]
        elif section["kind"] == "paragraph":
            parts += [section["text"], ""]
        elif section["kind"] == "button":
            parts += [f"{section['text']}: {section['url']}", ""]
        elif section["items"]:
            parts += [section["heading"].upper(), ""]
            for item in section["items"]:
                when = (
                    f" ({date_format(localtime(item['date']), 'j E Y, H:i')})"
                    if item.get("date")
                    else ""
                )
                parts.append(f"- {item['title']}{when}\n  {item['url']}")
            parts.append("")
    parts += [
        "--",
        _("Read in the browser: %(url)s") % {"url": context["web_url"]},
        _("Change your lists: %(url)s") % {"url": PREFERENCES},
        _("Unsubscribe: %(url)s") % {"url": UNSUBSCRIBE},
    ]
    return "\n".join(parts)


def personal_urls(subscriber, templates=None, language=None):
    """The subscriber's unsubscribe, one-click and preferences addresses. `templates` (from
    `personal_url_templates()`) saves resolving the URLs again for every message of a send."""
    templates = templates or personal_url_templates(language)
    token = personal_token(subscriber)
    return {key: url.replace(_TOKEN, token) for key, url in templates.items()}


_TOKEN = "--nl-token--"  # noqa: S105  (a placeholder, not a secret)


def personal_url_templates(language=None):
    """The personal addresses in the issue's language (its URL segments are translated); the
    site's default language when not given. Never the worker thread's active language: a task
    runs with none, and a reverse() without a language would give untranslated segments."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return {
            key: settings.BASE_URL + reverse(f"newsletter:{name}", args=[_TOKEN])
            for key, name in (
                ("unsubscribe", "unsubscribe"),
                ("one_click", "one_click"),
                ("preferences", "preferences"),
            )
        }


def issue_language(page):
    return page.locale.language_code if page is not None and page.locale_id else None


def list_id():
    host = urlsplit(settings.BASE_URL).hostname or "localhost"
    return f"Newsletter MWF <newsletter.{host}>"


def build_message(rendered, email, urls, *, subject_prefix=""):
    """One recipient's message, with RFC 2369 / RFC 8058 unsubscribe headers."""
    html_body = rendered.html.replace(UNSUBSCRIBE, urls["unsubscribe"]).replace(
        PREFERENCES, urls["preferences"]
    )
    text_body = rendered.text.replace(UNSUBSCRIBE, urls["unsubscribe"]).replace(
        PREFERENCES, urls["preferences"]
    )
    return mail.build(
        subject=subject_prefix + rendered.subject,
        text=text_body,
        html=html_body,
        to=[email],
        headers={
            "List-Unsubscribe": f"<{urls['one_click']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": list_id(),
        },
    )


class MessageTemplate:
    """A dispatch's message as bytes, built once per send; each recipient's copy only fills in
    the personal parts: To, Date, Message-ID, the one-click address in List-Unsubscribe and the
    unsubscribe and preferences addresses in both parts. Building a full MIME message per
    recipient (`build_message`) costs more than the rest of sending one; this is a byte join.

    The skeleton (headers, boundaries) comes from `build_message` itself, with markers in place
    of the personal values; both parts are quoted-printable UTF-8, encoded here in pieces
    around the personal addresses, which are joined in with soft line breaks (RFC 2045 6.7), so
    a decoded copy is exactly the text and HTML `build_message` would give.
    """

    _TO = "nl-mark-to@nl-mark.invalid"
    _DATE = "NLMARKDATE"
    _MESSAGE_ID = "<NLMARKMESSAGEID@nl-mark.invalid>"
    _ONE_CLICK = "NLMARKONECLICK"
    _TEXT = "NLMARKTEXTBODY"
    _HTML = "NLMARKHTMLBODY"

    def __init__(self, rendered):
        skeleton = build_message(
            RenderedIssue(rendered.subject, self._HTML, self._TEXT),
            self._TO,
            {"unsubscribe": "", "preferences": "", "one_click": self._ONE_CLICK},
        )
        skeleton.extra_headers.update({"Date": self._DATE, "Message-ID": self._MESSAGE_ID})
        self.from_email = skeleton.from_email
        self.encoding = skeleton.encoding or settings.DEFAULT_CHARSET
        raw = skeleton.message().as_bytes(linesep="\r\n")
        pieces = []
        rest = raw
        for mark, body in ((self._TEXT, rendered.text), (self._HTML, rendered.html)):
            seven_bit = f"Content-Transfer-Encoding: 7bit\r\n\r\n{mark}".encode()
            if rest.count(seven_bit) != 1:
                raise ValueError("Unexpected message skeleton: cannot place the body.")
            head, rest = rest.split(seven_bit)
            pieces += self._header_pieces(head)
            pieces.append(b"Content-Transfer-Encoding: quoted-printable\r\n\r\n")
            pieces += self._body_pieces(body)
        pieces += self._header_pieces(rest)
        self.pieces = [p for p in pieces if p != b""]
        for mark in (self._TO, self._DATE, self._MESSAGE_ID, self._ONE_CLICK):
            if mark not in self.pieces:
                raise ValueError(f"Unexpected message skeleton: {mark} missing.")

    def _header_pieces(self, raw):
        marks = (self._TO, self._DATE, self._MESSAGE_ID, self._ONE_CLICK)
        pattern = "|".join(re.escape(m) for m in marks).encode()
        pieces = []
        for i, piece in enumerate(re.split(b"(" + pattern + b")", raw)):
            pieces.append(piece.decode() if i % 2 else piece)
        return pieces

    @staticmethod
    def _body_pieces(body):
        pieces = []
        parts = re.split(f"({re.escape(UNSUBSCRIBE)}|{re.escape(PREFERENCES)})", body)
        for i, part in enumerate(parts):
            if i % 2:
                pieces.append(part)  # a placeholder, filled per recipient
            elif part:
                pieces.append(_qp(part))
        # Soft line breaks around each address: the encoded pieces stay valid lines.
        out = []
        for i, piece in enumerate(pieces):
            if isinstance(piece, str):
                if out:
                    out.append(b"=\r\n")
                out.append(piece)
                if i + 1 < len(pieces):
                    out.append(b"=\r\n")
            else:
                out.append(piece)
        return out

    def render(self, email, urls):
        """The bytes of one recipient's message (CRLF line endings, not yet dot-stuffed)."""
        values = {
            self._TO: self.recipient(email).encode(),
            self._DATE: formatdate(localtime=settings.EMAIL_USE_LOCALTIME).encode(),
            self._MESSAGE_ID: make_msgid(domain=DNS_NAME).encode(),
            self._ONE_CLICK: urls["one_click"].encode(),
            UNSUBSCRIBE: _qp(urls["unsubscribe"]),
            PREFERENCES: _qp(urls["preferences"]),
        }
        return b"".join(values[p] if isinstance(p, str) else p for p in self.pieces)

    def recipient(self, email):
        """The address as Django's SMTP backend would give it (`sanitize_address`, which parses
        the address: costly); a plain ASCII address is already in that form."""
        if _PLAIN_ADDRESS.fullmatch(email):
            return email
        return sanitize_address(email, self.encoding)

    @cached_property
    def sender(self):
        return sanitize_address(self.from_email, self.encoding)


_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def _qp(text):
    """UTF-8 quoted-printable with CRLF line ends, as Django encodes a long-lined part."""
    return quoprimime.body_encode(text.encode("utf-8").decode("latin-1"), eol="\r\n").encode(
        "ascii"
    )
