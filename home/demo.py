"""The site skeleton of the demo content: locales, the home page, the section pages, site
settings and the demo editor. Every step finds what exists before creating it, so loading twice
changes nothing."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale, Page, Site

from cms.models import SiteSettings
from courses.models import CourseIndexPage
from events.models import EventIndexPage
from home.models import HomePage, StandardPage
from newsletter.models import NewsletterIndexPage
from practices.models import InstrumentIndexPage, PracticeIndexPage, PublicationIndexPage

DEMO_EDITOR_EMAIL = "redaktor@mwf.example.pl"
DEMO_EDITOR_PASSWORD = "Redaktor-MWF-2026"  # noqa: S105  (demo only, printed by `make run`)


def get_or_create_child(parent, model, slug, **fields):
    """The child page of `parent` with `slug`, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_site():
    pl, _ = Locale.objects.get_or_create(language_code="pl")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=pl).first()
    if home is None:
        home = HomePage(
            title="Współpraca finansowa samorządów i organizacji pozarządowych",
            slug="start",
            locale=pl,
            lead=(
                "Program MWF pomaga gminom, powiatom i organizacjom pozarządowym sięgać po "
                "sprawdzone sposoby wspólnego finansowania zadań publicznych: od małych grantów "
                "po budżet obywatelski."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        # Wagtail's installation leaves a "Welcome" page as the site root: replace it.
        Site.objects.filter(is_default_site=True).delete()
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Program MWF",
        )
        Page.objects.filter(depth=2).exclude(pk=home.pk).exclude(
            locale__language_code="en"
        ).delete()
    return home


def load_sections(home):
    sections = {
        "kursy": get_or_create_child(
            home,
            CourseIndexPage,
            "kursy",
            title="Kursy online",
            show_in_menus=True,
            intro="<p>Moduły do samodzielnej nauki w dowolnym tempie, zakończone zaświadczeniem.</p>",
        ),
        "wydarzenia": get_or_create_child(
            home,
            EventIndexPage,
            "wydarzenia",
            title="Szkolenia i wydarzenia",
            show_in_menus=True,
            intro="<p>Szkolenia stacjonarne i online dla samorządów oraz organizacji.</p>",
        ),
        "dobre-praktyki": get_or_create_child(
            home,
            PracticeIndexPage,
            "dobre-praktyki",
            title="Dobre praktyki",
            show_in_menus=True,
            intro="<p>Katalog przykładów współpracy finansowej JST z organizacjami pozarządowymi.</p>",
        ),
        "instrumenty": get_or_create_child(
            home,
            InstrumentIndexPage,
            "instrumenty",
            title="Instrumenty współpracy",
            show_in_menus=True,
            intro="<p>Przewodniki po narzędziach współpracy: podstawa prawna, kroki i dokumenty.</p>",
        ),
        "publikacje": get_or_create_child(
            home,
            PublicationIndexPage,
            "publikacje",
            title="Publikacje",
            show_in_menus=True,
            intro="<p>Raporty i opracowania ekspertów programu.</p>",
        ),
        "newsletter": get_or_create_child(
            home,
            NewsletterIndexPage,
            "newsletter",
            title="Newsletter",
            show_in_menus=True,
            intro="<p>Informacje o nowych szkoleniach, kursach i dobrych praktykach.</p>",
        ),
        "o-projekcie": get_or_create_child(
            home,
            StandardPage,
            "o-projekcie",
            title="O projekcie",
            show_in_menus=True,
        ),
        "polityka-prywatnosci": get_or_create_child(
            home,
            StandardPage,
            "polityka-prywatnosci",
            title="Polityka prywatności",
        ),
    }
    return sections


def load_settings(home, sections):
    site = Site.objects.get(root_page=home)
    settings_obj = SiteSettings.for_site(site)
    if not settings_obj.organisation:
        settings_obj.organisation = (
            "Małopolska Szkoła Administracji Publicznej Uniwersytetu Ekonomicznego w Krakowie"
        )
        settings_obj.contact_email = "mwf@example.pl"
        settings_obj.contact_phone = "+48 12 000 00 00"
        settings_obj.address = "ul. Przykładowa 1\n31-000 Kraków"
        settings_obj.privacy_policy = sections["polityka-prywatnosci"]
    settings_obj.save()
    return settings_obj


def load_editor():
    """A demo editor in the "Redaktorzy" group: edits content, not users or settings."""
    group, _ = Group.objects.get_or_create(name="Redaktorzy")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None and not group.permissions.exists():
        group.permissions.set(
            moderators.permissions.exclude(
                codename__in=["change_sitesettings", "add_user", "change_user", "delete_user"]
            )
        )
        for gpp in moderators.page_permissions.all():
            group.page_permissions.get_or_create(page=gpp.page, permission=gpp.permission)
        for cpp in moderators.collection_permissions.all():
            group.collection_permissions.get_or_create(
                collection=cpp.collection, permission=cpp.permission
            )
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    User = get_user_model()
    editor = User.objects.filter(email=DEMO_EDITOR_EMAIL).first()
    if editor is None:
        editor = User.objects.create_user(
            username="redaktor",
            email=DEMO_EDITOR_EMAIL,
            password=DEMO_EDITOR_PASSWORD,
            first_name="Anna",
            last_name="Redaktorska",
        )
    editor.groups.add(group)
    return editor
