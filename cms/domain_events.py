"""Domain events: how one app tells the others what happened without importing their internals.

Each app declares its events as Django signals in its own `signals.py` (the app's public
vocabulary) and announces them with `announce()`, which sends the signal only once the current
transaction commits: a subscriber never sees a fact that is later rolled back.
"""

from django.db import transaction


def announce(signal, sender, **payload):
    transaction.on_commit(lambda: signal.send(sender=sender, **payload), robust=False)
