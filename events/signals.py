"""Domain events of training events (sent after commit through cms.domain_events.announce).

Subscribers receive plain values, never model instances of this app.
"""

from django.dispatch import Signal

# A registration became confirmed. Payload: registration_id, session_id, email.
registration_confirmed = Signal()

# A seat was freed in a session (cancellation, capacity raised). Payload: session_id.
seat_freed = Signal()

# Attendance was marked for a registration. Payload: registration_id, session_id, event_id,
# event_title, attended (bool), email (verified, lower-case), user_id (or None for guests),
# first_name, last_name, organisation_type ("jst" / "ngo" / "other"), voivodeship (TERYT
# WW code or ""), format ("stacjonarne" / "online" / "hybrydowe"), instrument_slugs (list[str]),
# session_date (date), marked_at (aware datetime).
attendance_marked = Signal()
