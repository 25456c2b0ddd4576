"""Request ids and structured logs.

`RequestIdMiddleware` gives every request an id: the proxy's `X-Request-ID` when it sends a
sane one (so one id follows a request from nginx through gunicorn into the logs), otherwise a
new one. The id is returned in the response's `X-Request-ID`, attached to every log record made
while the request runs (`RequestIdFilter`), and one access line per request is logged on
`mwf.request`. `JSONFormatter` writes each record as one JSON object per line (production.py).
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from django.core.signals import request_finished

HEADER = "X-Request-ID"
# Accept only what cannot forge a log line or carry a payload.
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
_request_id = contextvars.ContextVar("request_id", default=None)

access_logger = logging.getLogger("mwf.request")


def current_request_id():
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request_id = given if _VALID_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed (request_finished below), so that Django's own
        # line about a 4xx/5xx, written after the middleware, carries the id too.
        _request_id.set(request_id)
        started = time.monotonic()
        response = self.get_response(request)
        response[HEADER] = request_id
        access_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            },
        )
        return response


def _forget_request_id(**kwargs):
    _request_id.set(None)


request_finished.connect(_forget_request_id, dispatch_uid="cms.request_log")


class RequestIdFilter(logging.Filter):
    """Puts the running request's id (or None outside a request) on every record."""

    def filter(self, record):
        record.request_id = _request_id.get()
        return True


# Attributes every LogRecord has; anything else was passed in `extra` and goes into the JSON.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def json_logging(level="INFO"):
    """The LOGGING setting for one JSON object per line on stderr."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "cms.request_log.RequestIdFilter"}},
        "formatters": {"json": {"()": "cms.request_log.JSONFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "mwf.request": {"level": level},
            "django": {"level": level if level != "DEBUG" else "INFO"},
            "django-q": {"level": level},
        },
    }
