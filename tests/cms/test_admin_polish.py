"""The admin an editor uses is Polish: no visible text of the main admin views is a Wagtail or
wagtail-localize msgid that the Polish catalogues (theirs, locale/ and locale_admin/) leave
untranslated. Also the JS catalogue and the renamed moderation workflow."""

import importlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import wagtail
import wagtail_localize
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real
from wagtail.models import Page, Task, Workflow, WorkflowPage

from demo.content.site import load_editor
from home.models import StandardPage

WAGTAIL_PACKAGES = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]
ATTRIBUTES_READ = {"title", "aria-label", "placeholder", "alt", "aria-description"}
# Placeholders as Django formats them: %(name)s, %s, {name}, {0}.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdrfi]|%[sdrfi]|\{[\w.]*\}")
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[A-Za-z]{3,}")

WORKFLOW_MODULE = importlib.import_module("cms.migrations.0003_polish_moderation_workflow")


def squash(text):
    return " ".join(text.split())


class VisibleText(HTMLParser):
    """Text nodes outside script and style, plus the attributes a user reads or hears
    (titles, aria-labels, placeholders) and the values of buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        attrs = dict(attrs)
        for name in ATTRIBUTES_READ & attrs.keys():
            self.texts.append(attrs[name] or "")
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
            self.texts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.texts.append(data)


def visible_texts(html):
    parser = VisibleText()
    parser.feed(html)
    return {squash(text) for text in parser.texts if squash(text)}


def is_translated(entry):
    """True when the Polish catalogue Django merged translates the entry. A catalogue key rather
    than a comparison alone: some Polish translations equal the English ("Minimum", "Token")."""
    catalogue = trans_real.translation("pl")._catalog
    key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    if entry.msgid_plural:
        return (key, 0) in catalogue
    with translation.override("pl"):
        if entry.msgctxt:
            unchanged = translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgid
        else:
            unchanged = translation.gettext(entry.msgid) == entry.msgid
    return not unchanged or key in catalogue


def patterns_of(msgid):
    """One full-match pattern per text node the msgid renders to: its HTML splits it into
    several nodes, its placeholders match any text. Pieces with no English word of 3+ letters
    ("%(count)s", "?") would match anything and are left out."""
    for piece in TAG.split(msgid):
        piece = squash(piece)
        literal = PLACEHOLDER.sub(" ", piece)
        if not WORD.search(literal):
            continue
        parts = [re.escape(part) for part in PLACEHOLDER.split(piece)]
        yield re.compile(".+?".join(parts).replace(r"\ ", " "))


def untranslated_patterns(domain="django.po"):
    patterns = {}
    for package in WAGTAIL_PACKAGES:
        for path in package.glob(f"**/locale/en/LC_MESSAGES/{domain}"):
            for entry in polib.pofile(str(path)):
                if entry.obsolete or is_translated(entry):
                    continue
                for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
                    for pattern in patterns_of(msgid):
                        patterns[pattern.pattern] = (pattern, msgid)
    return list(patterns.values())


@pytest.fixture(scope="module")
def english_leftovers():
    return untranslated_patterns()


def english_in(html, leftovers):
    found = set()
    for text in visible_texts(html):
        for pattern, msgid in leftovers:
            if pattern.fullmatch(text):
                found.add(f"{text!r} (msgid {msgid!r})")
    return sorted(found)


@pytest.fixture
def editor_client(client, home_page):
    editor = load_editor()
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "pl"
    return client


@pytest.fixture
def standard_page(home_page):
    page = StandardPage(title="O projekcie", slug="o-projekcie")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def admin_views(home_page, standard_page):
    add_standard = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk])
    return {
        "dashboard": ("get", reverse("wagtailadmin_home"), None),
        "page explorer": ("get", reverse("wagtailadmin_explore", args=[home_page.pk]), None),
        "page edit (with the moderation menu)": (
            "get",
            reverse("wagtailadmin_pages:edit", args=[standard_page.pk]),
            None,
        ),
        "page creation form": ("get", add_standard, None),
        "page creation with a validation error": (
            "post",
            add_standard,
            {"title": "", "slug": "", "body-count": "0"},
        ),
        "images": ("get", reverse("wagtailimages:index"), None),
        "image upload": ("get", reverse("wagtailimages:add_multiple"), None),
        "documents": ("get", reverse("wagtaildocs:index"), None),
        "document upload": ("get", reverse("wagtaildocs:add_multiple"), None),
        # Every snippet an editor may touch has its own menu item, so Wagtail's snippets index
        # sends editors away; the instruments listing stands for the snippet views.
        "snippets": ("get", reverse("wagtailsnippets_practices_instrument:list"), None),
        "page search": ("get", reverse("wagtailadmin_pages:search") + "?q=projekt", None),
    }


def test_the_editors_admin_views_show_no_untranslated_wagtail_string(
    editor_client, home_page, standard_page, english_leftovers
):
    english, texts = {}, {}
    for name, (method, url, data) in admin_views(home_page, standard_page).items():
        response = getattr(editor_client, method)(url, data or {})
        assert response.status_code == 200, (name, url, response.status_code)
        html = response.content.decode()
        assert '<html lang="pl"' in html, f"{name} is not in Polish"
        texts[name] = visible_texts(html)
        if found := english_in(html, english_leftovers):
            english[name] = found
    assert not english, "English left in the Polish admin:\n" + json.dumps(
        english, indent=1, ensure_ascii=False
    )
    # The views do show the strings editors met in English, now in Polish: the check above
    # read real admin screens, not error pages or empty ones.
    assert (
        "Nie można utworzyć strony z powodu błędów walidacji."
        in texts["page creation with a validation error"]
    )
    assert any(re.fullmatch(r"\d+ obraz(y|ów)?", text) for text in texts["dashboard"])
    edit = texts["page edit (with the moderation menu)"]
    assert "Wyślij do akceptacji: Zatwierdzenie przez moderatorów" in edit
    assert "Kontrole" in edit


def test_the_leftover_finder_reads_text_and_attributes_and_skips_scripts():
    leftovers = [
        (pattern, msgid)
        for msgid in ["%(total)s Image <span>created in %(site_name)s</span>", "Checks"]
        for pattern in patterns_of(msgid)
    ]
    html = (
        '<p>1 Image <span>created in MWF</span></p><button aria-label="Checks">x</button>'
        "<script>'Checks'</script><p>Kontrole: 1 obraz <span>w serwisie MWF</span></p>"
    )
    assert english_in(html, leftovers) == [
        "'1 Image' (msgid '%(total)s Image <span>created in %(site_name)s</span>')",
        "'Checks' (msgid 'Checks')",
        "'created in MWF' (msgid '%(total)s Image <span>created in %(site_name)s</span>')",
    ]


def test_the_admin_javascript_catalogue_is_complete_in_polish(editor_client):
    """Wagtail's admin JS reads its strings from its own JavaScriptCatalog view, which merges
    LOCALE_PATHS (locale_admin/) with wagtail.admin's catalogue."""
    response = editor_client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    served = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    polish = json.loads(served.group(1))
    english = polib.pofile(
        str(Path(wagtail.__file__).parent / "admin/locale/en/LC_MESSAGES/djangojs.po")
    )
    assert polish["Autosave in progress…"] == "Trwa autozapis…"
    missing = [entry.msgid for entry in english if entry.msgid not in polish]
    assert not missing, missing


@pytest.mark.django_db
def test_wagtails_moderation_workflow_and_task_have_polish_names():
    workflow = Workflow.objects.get(name=WORKFLOW_MODULE.WORKFLOW_NAME)
    assert [task.name for task in workflow.tasks] == [WORKFLOW_MODULE.TASK_NAME]
    assert WorkflowPage.objects.filter(workflow=workflow, page=Page.get_first_root_node()).exists()
    assert not Workflow.objects.filter(name=WORKFLOW_MODULE.WAGTAIL_NAME).exists()
    assert not Task.objects.filter(name=WORKFLOW_MODULE.WAGTAIL_NAME).exists()


@pytest.mark.django_db
def test_the_rename_keeps_an_editors_names_and_can_run_again():
    workflow = Workflow.objects.get(name=WORKFLOW_MODULE.WORKFLOW_NAME)
    workflow.name = "Akceptacja redakcji"
    workflow.save()
    Workflow.objects.create(name=WORKFLOW_MODULE.WAGTAIL_NAME)
    WORKFLOW_MODULE.to_polish(apps, None)
    WORKFLOW_MODULE.to_polish(apps, None)
    names = sorted(Workflow.objects.values_list("name", flat=True))
    assert names == ["Akceptacja redakcji", WORKFLOW_MODULE.WORKFLOW_NAME]
    assert Task.objects.filter(name=WORKFLOW_MODULE.TASK_NAME).count() == 1
