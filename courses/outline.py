"""The course tree as plain values, kept in process memory.

Every participant of a course reads the same outline (lessons in order, their modules, URLs,
which lessons count toward completion), so it is built once per course from one lean query and
kept under the site's content version: the stamp cms.chrome keeps in the shared cache, which
changes whenever any page is saved, published, moved or deleted. A page request reads that stamp
once anyway (the site chrome uses it), so a warm outline costs no query at all.

Without a request (completion reported by quizzes and H5P, the admin) nothing is cached: the outline
is built from the database each time, so it is never stale there.
"""

import copy
import threading
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from cms.chrome import content_version as site_content_version
from courses.models import LessonPage
from courses.models.pages import CompletionRule

_store = {}
_lock = threading.Lock()
_MAX_ENTRIES = 2048
_current_version = None


def content_version(request):
    """The content version stamp for this request (None without a request: no caching)."""
    if request is None:
        return None
    return site_content_version(request)


def remember(version, key, build):
    """`build()` once per (version, key) in this process; a None version never caches. A new
    version drops everything kept under older ones, so memory holds one version's worth."""
    global _current_version
    if version is None:
        return build()
    full_key = (version, *key)
    try:
        return _store[full_key]
    except KeyError:
        pass
    value = build()
    with _lock:
        if version != _current_version or len(_store) > _MAX_ENTRIES:
            _store.clear()
            _current_version = version
        _store[full_key] = value
    return value


def page_by_url_path(request, models, url_path, under_path):
    """The page of one of `models` at `url_path` (inside the tree at `under_path`), or None.

    Cached per content version; each call gets its own shallow copy, so nothing a request sets
    on the page leaks into the next one. The body of a lesson is a fresh, lazy stream on every
    copy (blocks that fetch objects, like a quiz, fetch them per request as before)."""

    def find():
        for model in models:
            page = model.objects.filter(url_path=url_path, path__startswith=under_path).first()
            if page is not None:
                return page
        return None

    page = remember(content_version(request), ("page", url_path), find)
    if page is None:
        return None
    page = copy.copy(page)
    body = page.__dict__.get("body")
    if body is not None and hasattr(body, "raw_data"):
        stream_block = page._meta.get_field("body").stream_block
        page.body = stream_block.to_python(list(body.raw_data))
    return page


@dataclass
class OutlineLesson:
    """One lesson of the outline: what navigation, the outline and the completion rule need."""

    pk: int
    title: str
    path: str
    depth: int
    required: bool
    completion_mode: str
    module: str | None  # the module's title, None for a lesson straight under the course
    url: str | None


@dataclass
class Outline:
    course_id: int
    course_url: str
    lessons: list
    index: dict = field(default_factory=dict)  # lesson pk → position in `lessons`
    groups: list = field(default_factory=list)  # [(module title or None, [OutlineLesson])]
    counted_ids: frozenset = frozenset()  # lessons the completion rule counts
    instruments: list = field(default_factory=list)  # names of the instruments it covers

    def position(self, lesson_id):
        return self.index.get(lesson_id)


def _url(page_like, request):
    # Without a request nobody shows the outline (only the completion rule reads it).
    return Page.get_url(page_like, request) if request is not None else None


def build(course, request=None):
    """The outline of `course` from one query (lessons with their parent's title)."""
    parent_title = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - LessonPage.steplen)
    ).values("title")[:1]
    rows = (
        LessonPage.objects.descendant_of(course)
        .live()
        .order_by("path")
        .annotate(parent_title=Subquery(parent_title))
        .only(
            "id",
            "title",
            "path",
            "depth",
            "url_path",
            "slug",
            "locale_id",
            "required",
            "completion_mode",
        )
    )
    lessons = []
    for row in rows:
        lessons.append(
            OutlineLesson(
                pk=row.pk,
                title=row.title,
                path=row.path,
                depth=row.depth,
                required=row.required,
                completion_mode=row.completion_mode,
                module=row.parent_title if row.depth > course.depth + 1 else None,
                url=_url(row, request),
            )
        )
    groups = []
    previous_parent = None
    for lesson in lessons:
        parent = lesson.path[: -LessonPage.steplen]
        if groups and parent == previous_parent:
            groups[-1][1].append(lesson)
        else:
            groups.append((lesson.module, [lesson]))
        previous_parent = parent
    if course.completion_rule == CompletionRule.ALL:
        counted = lessons
    else:
        counted = [lesson for lesson in lessons if lesson.required] or lessons
    return Outline(
        course_id=course.pk,
        course_url=_url(course, request),
        lessons=lessons,
        index={lesson.pk: i for i, lesson in enumerate(lessons)},
        groups=groups,
        counted_ids=frozenset(lesson.pk for lesson in counted),
        instruments=[i.display_name for i in course.instruments.all()]
        if request is not None
        else [],
    )


def outline_of(course, request=None):
    """The course's outline: cached per content version and host when there is a request (the
    URLs in it are relative to the request's site)."""
    host = request.get_host() if request is not None else None
    return remember(
        content_version(request), ("outline", course.pk, host), lambda: build(course, request)
    )
