"""The live learning paths as plain, immutable values, read once per content version.

Every page save changes the content stamp (cms.chrome.content_version), so each process
rebuilds this after an editor's change and otherwise answers from memory: a training page asks
"is this training a step of a path?" without a query. A step's target is its page's whole
translation group (`Target.ids`), so progress in any language counts.
"""

import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F
from django.utils import translation
from wagtail.models import Page

from cms.chrome import content_version
from paths.models import LearningPathPage, PathStep, StepKind

_lock = threading.Lock()
_cache = {}


@dataclass(frozen=True)
class Target:
    """A course or training page in all its languages."""

    key: str
    ids: tuple
    titles: dict = field(hash=False, compare=False)
    urls: dict = field(hash=False, compare=False)

    def title(self, language=None):
        language = language or translation.get_language()
        return (
            self.titles.get(language)
            or self.titles.get(settings.LANGUAGE_CODE)
            or next(iter(self.titles.values()), "")
        )

    def url(self, language=None):
        language = language or translation.get_language()
        return (
            self.urls.get(language)
            or self.urls.get(settings.LANGUAGE_CODE)
            or next(iter(self.urls.values()), "")
        )


@dataclass(frozen=True)
class Step:
    pk: int
    number: int
    kind: str
    label: str
    required: bool
    requires_earlier_steps: bool
    target: Target

    @property
    def fact(self):
        """What makes the step done: (kind, target key)."""
        return (self.kind, self.target.key)

    @property
    def kind_label(self):
        return self.label or StepKind(self.kind).label


@dataclass(frozen=True)
class Path:
    pk: int
    key: str
    language: str
    title: str
    url: str
    steps: tuple
    certificate_enabled: bool
    hours: object = None
    outcomes: tuple = ()

    @property
    def required_steps(self):
        return [step for step in self.steps if step.required]

    def earlier_required(self, step):
        return [s for s in self.steps if s.number < step.number and s.required]


def _targets(keys):
    """{translation key: Target} of every page (live or not) in these translation groups."""
    pages = Page.objects.filter(translation_key__in=list(keys)).select_related("locale")
    ids, titles, urls = {}, {}, {}
    for page in pages:
        key = str(page.translation_key)
        ids.setdefault(key, []).append(page.pk)
        if page.live:
            language = page.locale.language_code
            titles.setdefault(key, {})[language] = page.title
            urls.setdefault(key, {})[language] = page.get_url() or ""
    return {
        key: Target(key, tuple(sorted(ids[key])), titles.get(key, {}), urls.get(key, {}))
        for key in ids
    }


def build(pages, steps_by_page):
    """Paths from path pages and their steps ({page id: [PathStep with target loaded]})."""
    keys = {str(step.target_translation_key) for steps in steps_by_page.values() for step in steps}
    targets = _targets(keys)
    paths = []
    for page in pages:
        steps = tuple(
            Step(
                pk=step.pk,
                number=number,
                kind=step.kind,
                label=step.label,
                required=step.required,
                requires_earlier_steps=step.requires_earlier_steps,
                target=targets[str(step.target_translation_key)],
            )
            for number, step in enumerate(steps_by_page.get(page.pk, []), start=1)
            if str(step.target_translation_key) in targets
        )
        paths.append(
            Path(
                pk=page.pk,
                key=str(page.translation_key),
                language=page.locale.language_code,
                title=page.title,
                # A new page in preview has no place in the tree yet, so no URL.
                url=(page.get_url() or "") if page.url_path else "",
                steps=steps,
                certificate_enabled=page.certificate_enabled,
                hours=page.hours,
                outcomes=tuple(page.outcomes_list),
            )
        )
    return paths


def steps_with_keys(queryset):
    """PathSteps annotated with their target's translation key (no page fetched)."""
    return queryset.annotate(target_translation_key=F("target__translation_key")).order_by(
        "path_page_id", "sort_order", "pk"
    )


def _load():
    pages = list(LearningPathPage.objects.live().public().select_related("locale").order_by("path"))
    steps_by_page = {}
    for step in steps_with_keys(PathStep.objects.filter(path_page__in=[p.pk for p in pages])):
        steps_by_page.setdefault(step.path_page_id, []).append(step)
    return build(pages, steps_by_page)


def live_paths(request=None):
    """Every live, public path in every language, in tree order (kept per content version)."""
    version = content_version(request)
    found = _cache.get(version)
    if found is None:
        found = _load()
        with _lock:
            _cache.clear()
            _cache[version] = found
    return found


def path_of_page(page, request=None):
    """The path of a LearningPathPage: from the live paths when it is one of them, else (a
    draft, a preview) built from the page itself and its steps as they are in memory."""
    if not getattr(request, "is_preview", False):
        for path in live_paths(request):
            if path.pk == page.pk:
                return path
    steps = [step for step in page.steps.all() if step.target_id]
    for step in steps:
        step.target_translation_key = step.target.translation_key
    return build([page], {page.pk: steps})[0]


def groups(request=None):
    """{path translation key: [its live pages' paths, the default language's first]}."""
    found = {}
    for path in live_paths(request):
        found.setdefault(path.key, []).append(path)
    for paths in found.values():
        paths.sort(key=lambda p: p.language != settings.LANGUAGE_CODE)
    return found


def in_language(paths, language):
    """Of one group's paths, the one in `language`, else the default language's."""
    return next((p for p in paths if p.language == language), paths[0])
