"""Domain events of online courses (sent after commit through cms.domain_events.announce).

Subscribers (certificates, e-mails, indicators) receive plain values, never model instances of
this app, so they do not depend on its internals.
"""

from django.dispatch import Signal

# A participant completed a lesson. Payload: user_id, lesson_id, course_id, completed_at.
lesson_completed = Signal()

# A participant completed a whole course. Payload: user_id, course_id, course_title,
# hours (Decimal or None), instrument_slugs (list[str]), completed_at (aware datetime).
course_completed = Signal()

# A participant enrolled. Payload: user_id, course_id, enrolled_at.
enrolled = Signal()
