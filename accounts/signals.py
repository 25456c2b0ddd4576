"""What accounts tell the other apps (domain events, sent after commit by cms.domain_events)."""

from django.dispatch import Signal

# A participant's first and last name are now both given (at sign-up or in "Twój profil").
# Payload: user_id. Courses issue the certificates that waited for a name.
names_given = Signal()
