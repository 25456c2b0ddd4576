"""The H5P app's settings, read in one place with their defaults.

Only `H5P_ORIGIN`, `BASE_URL` and `NODE_MODULES_DIR` exist in config/settings; every other name
here is optional and falls back to the default shown.
"""

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

MiB = 1024 * 1024


def h5p_origin() -> str:
    """The separate origin that serves the player and the package files."""
    return getattr(settings, "H5P_ORIGIN", "http://127.0.0.1:8001").rstrip("/")


def site_origin() -> str:
    """The site's own origin: the only page allowed to frame the player and to receive its
    messages."""
    return getattr(settings, "H5P_SITE_ORIGIN", None) or getattr(
        settings, "BASE_URL", "http://127.0.0.1:8000"
    ).rstrip("/")


@lru_cache(maxsize=16)
def origin_netloc(origin: str) -> str:
    """`host[:port]` as `request.get_host()` reports it (the default port is left out)."""
    parts = urlsplit(origin)
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme)
    if parts.port and parts.port != default:
        return f"{host}:{parts.port}"
    return host


def standalone_dist() -> Path:
    """The h5p-standalone player's `dist/` folder (npm, never committed)."""
    base = Path(getattr(settings, "NODE_MODULES_DIR", Path(settings.BASE_DIR) / "node_modules"))
    return base / "h5p-standalone" / "dist"


# Upload limits. Counted on the bytes actually unpacked, never taken from the zip headers.
def max_upload_bytes() -> int:
    return getattr(settings, "H5P_MAX_UPLOAD_BYTES", 64 * MiB)


def max_entries() -> int:
    return getattr(settings, "H5P_MAX_ENTRIES", 5000)


def max_file_bytes() -> int:
    return getattr(settings, "H5P_MAX_FILE_BYTES", 32 * MiB)


def max_total_bytes() -> int:
    return getattr(settings, "H5P_MAX_TOTAL_BYTES", 160 * MiB)


def max_compression_ratio() -> int:
    return getattr(settings, "H5P_MAX_COMPRESSION_RATIO", 100)


def url_max_age_days() -> int:
    """How long a player/file URL handed to a participant stays valid (whole days)."""
    return getattr(settings, "H5P_URL_MAX_AGE_DAYS", 1)


def max_statement_bytes() -> int:
    return getattr(settings, "H5P_MAX_STATEMENT_BYTES", 64 * 1024)


def max_state_bytes() -> int:
    return getattr(settings, "H5P_MAX_STATE_BYTES", 256 * 1024)


STORAGE_PREFIX = "h5p"
# The private storage of unpacked packages: STORAGES["h5p"] (config/settings/base.py).
STORAGE_ALIAS = "h5p"
