"""Domain events of quizzes (sent after commit through cms.domain_events.announce).

Subscribers receive plain values, never model instances of this app.
"""

from django.dispatch import Signal

# A person finished a quiz attempt (a course's pre-test or post-test, or a lesson's quiz).
# Payload: user_id, quiz_id, course_id (or None), lesson_id (or None), passed (bool or None).
attempt_finished = Signal()
