"""Domain events of the JST recruitment (sent after commit through cms.domain_events.announce).

Subscribers receive plain values, never this app's model instances.
"""

from django.dispatch import Signal

# Staff selected an application: the JST joins the programme's support. Payload: application_id,
# call_title, teryt, name, jst_type (cms.teryt.JstType value), instrument_slugs (list[str]),
# selected_on (date).
jst_selected = Signal()
