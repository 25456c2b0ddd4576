"""Small interfaces between domain apps, kept on the ground floor: an app that can answer a
question registers a provider at start-up (in its AppConfig.ready), an app that needs the answer
asks this registry and copes with none being registered. Neither imports the other.

Known questions:

- UPCOMING_TRAININGS: `provider(limit=3)` returns published training pages with a session
  still to come, soonest first, each with `next_start` (the start of its next session).
  Registered by events; asked by the newsletter's "Upcoming trainings" block.
- MY_LEARNING_PATHS: `provider(request)` returns the HTML of the signed-in participant's
  learning paths (their place and next step on each), or "" when they follow none.
  Registered by paths; asked by courses for "Moje kursy".
"""

UPCOMING_TRAININGS = "upcoming_trainings"
MY_LEARNING_PATHS = "my_learning_paths"

_providers = {}


def register(question, provider):
    """Make `provider` (a callable) the answer to `question`; a later call replaces it."""
    _providers[question] = provider


def unregister(question):
    _providers.pop(question, None)


def get(question):
    """The registered provider of `question`, or None when no app provides it."""
    return _providers.get(question)
