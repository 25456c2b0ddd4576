"""The site skeleton of the demo content: locales, the home page, the section pages with their
English versions, the legal pages, site settings and the demo editor. Every step finds what
exists before creating it, so loading twice changes nothing.

All text here was written by the team for the demo; facts come from the programme's public
description. Contact data are examples (example.pl)."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)
from wagtail.rich_text import RichText

from cms import roles
from cms.models import SiteSettings
from courses.models import CourseIndexPage
from demo.content import accessible_texts
from demo.content import site_texts as texts
from demo.login import (
    DEMO_EDITOR_EMAIL,
    DEMO_EDITOR_PASSWORD,
    DEMO_EDITOR_USERNAME,
)
from events.models import EventIndexPage
from home.models import (
    AccessibilityStatementPage,
    EasyReadPage,
    HomePage,
    SignLanguagePage,
    StandardPage,
)
from newsletter.models import NewsletterIndexPage
from practices.models import InstrumentIndexPage, PracticeIndexPage, PublicationIndexPage

__all__ = ["DEMO_EDITOR_EMAIL", "DEMO_EDITOR_PASSWORD", "load_site", "load_sections"]


def stream(items):
    """StreamField content from (block name, value) pairs; paragraphs are HTML strings."""
    return [(name, RichText(value) if name == "paragraph" else value) for name, value in items]


def get_or_create_child(parent, model, slug, **fields):
    """The child page of `parent` with `slug`, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def get_or_create_translation(page, locale, **fields):
    """The translation of `page` into `locale`, created (with `fields`) and published if
    missing. Editors later update it in the admin or through wagtail-localize."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    translated.save_revision().publish()
    return translated


def load_site():
    pl, _ = Locale.objects.get_or_create(language_code="pl")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=pl).first()
    if home is None:
        home = HomePage(slug="start", locale=pl, **texts.HOME_PL)
        home.body = stream(texts.HOME_BODY_PL)
        root.add_child(instance=home)
        home.save_revision().publish()
        # Wagtail's installation leaves a "Welcome" page as the site root: replace it. The site
        # answers at BASE_URL, so full URLs (sitemap, the statement's meta tag) point there.
        base = urlsplit(settings.BASE_URL)
        Site.objects.filter(is_default_site=True).delete()
        Site.objects.create(
            hostname=base.hostname or "localhost",
            port=base.port or (443 if base.scheme == "https" else 80),
            root_page=home,
            is_default_site=True,
            site_name="Program MWF",
        )
        Page.objects.filter(depth=2).exclude(pk=home.pk).exclude(
            locale__language_code="en"
        ).delete()
    return home


def load_sections(home):
    section_fields = {"show_in_menus": True}
    sections = {}
    for slug, model in [
        ("kursy", CourseIndexPage),
        ("wydarzenia", EventIndexPage),
        ("dobre-praktyki", PracticeIndexPage),
        ("instrumenty", InstrumentIndexPage),
        ("publikacje", PublicationIndexPage),
        ("newsletter", NewsletterIndexPage),
    ]:
        pl = texts.SECTIONS[slug]["pl"]
        sections[slug] = get_or_create_child(
            home,
            model,
            slug,
            title=pl["title"],
            search_description=pl["description"],
            intro=pl["intro"],
            **section_fields,
        )
    sections["o-projekcie"] = get_or_create_child(
        home,
        StandardPage,
        "o-projekcie",
        title="O projekcie",
        show_in_menus=True,
        lead=texts.ABOUT_LEAD_PL,
        body=stream(texts.ABOUT_BODY_PL),
        search_description="Cele, wskaźniki, partnerzy i rezultaty programu MWF.",
    )
    sections["polityka-prywatnosci"] = get_or_create_child(
        home,
        StandardPage,
        "polityka-prywatnosci",
        title="Polityka prywatności",
        lead=texts.PRIVACY_LEAD_PL,
        body=stream(texts.PRIVACY_BODY_PL),
        search_description="Jak przetwarzamy dane osobowe uczestników i subskrybentów.",
    )
    sections["deklaracja-dostepnosci"] = get_or_create_child(
        home,
        AccessibilityStatementPage,
        "deklaracja-dostepnosci",
        **statement_fields_pl(),
    )
    load_accessible_information(home, sections)
    load_translations(home, sections)
    return sections


MEDIA = Path(__file__).resolve().parent / "media"


def demo_document(title, filename):
    """A Wagtail document made from a file of demo/content/media/, found by its title."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = Document(title=title)
    with (MEDIA / filename).open("rb") as source:
        document.file.save(filename, File(source), save=False)
    document.save()
    return document


def easy_read_stream(items):
    """The easy-to-read StreamField content from (block name, text) pairs."""
    return [
        (name, {"text": value, "pictogram": None, "pictogram_alt": ""})
        if name == "paragraph"
        else (name, value)
        for name, value in items
    ]


def load_accessible_information(home, sections):
    """The easy-to-read text and the sign-language page (Polish; English in load_translations)."""
    sections["etr"] = get_or_create_child(
        home,
        EasyReadPage,
        accessible_texts.EASY_READ_PL["slug"],
        title=accessible_texts.EASY_READ_PL["title"],
        search_description=accessible_texts.EASY_READ_PL["search_description"],
        body=easy_read_stream(accessible_texts.EASY_READ_BODY_PL),
    )
    video = demo_document("PJM – nagranie demonstracyjne", "pjm_demo.webm")
    pl = {k: v for k, v in accessible_texts.SIGN_LANGUAGE_PL.items() if k != "slug"}
    sections["pjm"] = get_or_create_child(
        home,
        SignLanguagePage,
        accessible_texts.SIGN_LANGUAGE_PL["slug"],
        video_file=video,
        captions=demo_document("PJM – napisy (polski)", "pjm_pl.vtt"),
        **pl,
    )


def statement_fields_pl():
    base_url = settings.BASE_URL.rstrip("/") + "/"
    return {
        "title": "Deklaracja dostępności",
        "search_description": "Dostępność cyfrowa serwisu programu MWF.",
        "entity_name": (
            "Małopolska Szkoła Administracji Publicznej Uniwersytetu Ekonomicznego w Krakowie"
        ),
        "scope": "strony internetowej",
        "site_name": "Platforma szkoleniowa programu MWF",
        "site_url": base_url,
        "published_on": datetime.date(2026, 3, 2),
        "updated_on": datetime.date(2026, 11, 20),
        "prepared_on": datetime.date(2026, 3, 2),
        "reviewed_on": datetime.date(2026, 11, 20),
        "status": AccessibilityStatementPage.STATUS_PARTIAL,
        **texts.STATEMENT_PL,
    }


def load_translations(home, sections):
    """English versions of the home page, the sections and the legal pages, under /en/."""
    en = Locale.objects.get(language_code="en")
    home_en = get_or_create_translation(home, en, **texts.HOME_EN, body=stream(texts.HOME_BODY_EN))
    for slug, fields in texts.SECTIONS.items():
        english = fields["en"]
        get_or_create_translation(
            sections[slug],
            en,
            title=english["title"],
            slug=english["slug"],
            search_description=english["description"],
            intro=english["intro"],
        )
    get_or_create_translation(
        sections["o-projekcie"],
        en,
        title="About the project",
        slug="about",
        lead=texts.ABOUT_LEAD_EN,
        body=stream(texts.ABOUT_BODY_EN),
        search_description="Goals, targets, partners and outputs of the MWF programme.",
    )
    get_or_create_translation(
        sections["polityka-prywatnosci"],
        en,
        title="Privacy policy",
        slug="privacy-policy",
        lead=texts.PRIVACY_LEAD_EN,
        body=stream(texts.PRIVACY_BODY_EN),
        search_description="How we process the personal data of participants and subscribers.",
    )
    get_or_create_translation(
        sections["deklaracja-dostepnosci"],
        en,
        title="Accessibility statement",
        slug="accessibility-statement",
        search_description="Digital accessibility of the MWF programme website.",
        entity_name=(
            "Małopolska School of Public Administration, Krakow University of Economics "
            "(Małopolska Szkoła Administracji Publicznej Uniwersytetu Ekonomicznego w Krakowie)"
        ),
        scope="the website",
        site_name="MWF programme training platform",
        **texts.STATEMENT_EN,
    )
    english = accessible_texts.EASY_READ_EN
    get_or_create_translation(
        sections["etr"],
        en,
        title=english["title"],
        slug=english["slug"],
        search_description=english["search_description"],
        body=easy_read_stream(accessible_texts.EASY_READ_BODY_EN),
    )
    get_or_create_translation(
        sections["pjm"],
        en,
        captions=demo_document("PJM – captions (English)", "pjm_en.vtt"),
        **accessible_texts.SIGN_LANGUAGE_EN,
    )
    return home_en


def load_settings(home, sections):
    site = Site.objects.get(root_page=home)
    settings_obj = SiteSettings.for_site(site)
    defaults = {
        "organisation": (
            "Małopolska Szkoła Administracji Publicznej Uniwersytetu Ekonomicznego w Krakowie"
        ),
        "contact_email": "mwf@example.pl",
        "contact_phone": "+48 12 000 00 00",
        "address": "ul. Rakowicka 27\n31-510 Kraków",
        "funding_note": texts.FUNDING_NOTE_PL,
        "funding_note_en": texts.FUNDING_NOTE_EN,
    }
    for name, value in defaults.items():
        if not getattr(settings_obj, name):
            setattr(settings_obj, name, value)
    if not settings_obj.partners:
        settings_obj.partners = [("partner", partner) for partner in texts.PARTNERS]
    if settings_obj.privacy_policy_id is None:
        settings_obj.privacy_policy = sections["polityka-prywatnosci"]
    if settings_obj.accessibility_statement_id is None:
        settings_obj.accessibility_statement = sections["deklaracja-dostepnosci"]
    if settings_obj.easy_read_page_id is None:
        settings_obj.easy_read_page = sections["etr"]
    if settings_obj.sign_language_page_id is None:
        settings_obj.sign_language_page = sections["pjm"]
    settings_obj.save()
    return settings_obj


# Apps whose models are content that editors manage. Left out on purpose: users and their
# profiles (auth, wagtailusers, accounts, allauth) and the site settings (cms).
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def load_editor():
    """The demo editor in Wagtail's "Editors" group: edits, publishes and translates pages,
    images, documents and snippets; cannot manage users or change the site settings."""
    # The group's model permissions are the editor role of cms.roles, one place for them. Not
    # strict: after `migrate` every permission exists, but a test database flushed by an earlier
    # live-server test lacks the few that packages create in migrations (wagtail_localize's).
    group = roles.sync_group(roles.EDITOR, strict=False)
    root = Page.get_first_root_node()
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    root_collection = Collection.get_first_root_node()
    for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    User = get_user_model()
    editor = User.objects.filter(username=DEMO_EDITOR_USERNAME).first()
    if editor is None:
        editor = User.objects.create_user(
            username=DEMO_EDITOR_USERNAME,
            email=DEMO_EDITOR_EMAIL,
            password=DEMO_EDITOR_PASSWORD,
            first_name="Anna",
            last_name="Redaktorska",
        )
    editor.groups.add(group)
    # The address is the login on the public site too (allauth wants it verified).
    EmailAddress.objects.get_or_create(
        user=editor, email=DEMO_EDITOR_EMAIL, defaults={"verified": True, "primary": True}
    )
    return editor
