"""Health endpoints for process supervisors and load balancers.

- `/healthz`: the process answers (liveness). Touches nothing else: no database, no session, no
  cache, so a database outage never makes a supervisor restart healthy web processes.
- `/readyz`: this node can serve (readiness): the database, the cache, the task broker
  (django-q2) and every file storage answer. 200 when all do; otherwise 503 and, in JSON, which
  part failed, so a load balancer takes the node out and an operator sees why.

Both sit outside the language prefixes (no locale redirect), send no cookie, carry no
Content-Security-Policy (JSON, never rendered) and are exempt from the HTTPS redirect, so a
probe on the internal HTTP port gets its answer.
"""

import logging
import os
import uuid

from csp.decorators import csp_exempt
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_q.brokers import get_broker

from cms.storage import is_remote

logger = logging.getLogger(__name__)

_broker = None


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def _check_broker():
    global _broker  # one broker (and its connection pool) per process, made on first use
    if _broker is None:
        _broker = get_broker()
    if _broker.ping() is False:
        raise RuntimeError("the broker did not answer")
    # django-q2's database broker answers ping without asking anything: count its queue.
    _broker.queue_size()


def _check_storage():
    for alias in settings.STORAGES:
        if alias == "staticfiles":
            continue  # served from the release itself, not shared state
        storage = storages[alias]
        if is_remote(storage):
            storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
        else:
            location = storage.location
            os.makedirs(location, exist_ok=True)
            if not os.access(location, os.W_OK):
                raise PermissionError(f"{alias}: cannot write")


CHECKS = {
    "database": _check_database,
    "cache": _check_cache,
    "broker": _check_broker,
    "storage": _check_storage,
}


@csp_exempt()
@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@csp_exempt()
@never_cache
@require_safe
def readyz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure of a part is that part's answer, never a 500
            logger.warning("readyz: %s failed: %s", name, exc.__class__.__name__)
            # The exception's class only: its message may hold an address or a credential.
            results[name] = f"failed: {exc.__class__.__name__}"
        else:
            results[name] = "ok"
    failed = sorted(name for name, result in results.items() if result != "ok")
    body = {"status": "unavailable" if failed else "ok", "failed": failed, "checks": results}
    return JsonResponse(body, status=503 if failed else 200)
