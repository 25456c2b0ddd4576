"""Where a person is on a path, read from the facts other apps keep: a completed course
(courses), a finished pre-test (quizzes), recorded attendance (events). Nothing is stored here,
so progress cannot drift from those facts; each kind of fact costs one query for any number of
paths and people (`facts`)."""

from dataclasses import dataclass, field

from courses import selectors as course_selectors
from events import selectors as event_selectors
from paths.models import StepKind
from quizzes import selectors as quiz_selectors

READERS = {
    StepKind.COURSE: course_selectors.completions,
    StepKind.PRE_TEST: quiz_selectors.pre_tests_taken,
    StepKind.TRAINING: event_selectors.attendances,
}


def facts(paths, user_ids=None):
    """{(kind, target key): {user_id: when}} for every step of these paths (of these people,
    when given): one query per kind of step present."""
    ids_by_kind, key_of = {}, {}
    for path in paths:
        for step in path.steps:
            ids_by_kind.setdefault(step.kind, set()).update(step.target.ids)
            for page_id in step.target.ids:
                key_of[page_id] = step.target.key
    found = {}
    for kind, page_ids in ids_by_kind.items():
        for (user_id, page_id), when in READERS[kind](page_ids, user_ids).items():
            people = found.setdefault((kind, key_of[page_id]), {})
            people[user_id] = min(people.get(user_id, when), when)
    return found


@dataclass
class StepState:
    step: object
    done_at: object = None
    # Earlier required steps still to do, when registration for this training waits for them.
    waits_for: list = field(default_factory=list)
    is_next: bool = False

    @property
    def done(self):
        return self.done_at is not None


@dataclass
class PathState:
    path: object
    steps: list

    @property
    def required_total(self):
        return sum(1 for s in self.steps if s.step.required)

    @property
    def required_done(self):
        return sum(1 for s in self.steps if s.step.required and s.done)

    @property
    def finished(self):
        return self.required_done == self.required_total and self.required_total > 0

    @property
    def started(self):
        return any(s.done for s in self.steps)

    @property
    def next_step(self):
        return next((s for s in self.steps if s.is_next), None)

    @property
    def dates(self):
        """(first, last) moment a required step was done, or (None, None)."""
        moments = [s.done_at for s in self.steps if s.step.required and s.done]
        return (min(moments), max(moments)) if moments else (None, None)


def state(path, found, user_id):
    """`user_id`'s place on `path` from `facts(...)`."""
    states = [StepState(step, done_at=found.get(step.fact, {}).get(user_id)) for step in path.steps]
    done = {s.step.number for s in states if s.done}
    for s in states:
        if s.step.requires_earlier_steps:
            s.waits_for = [e for e in path.earlier_required(s.step) if e.number not in done]
    following = next((s for s in states if s.step.required and not s.done), None)
    if following is not None:
        following.is_next = True
    return PathState(path, states)


def state_for(path, user):
    """`user`'s place on `path` (an anonymous visitor has done nothing)."""
    if user is None or not user.is_authenticated:
        return state(path, {}, None)
    return state(path, facts([path], [user.pk]), user.pk)
