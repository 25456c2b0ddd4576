"""Reading an untrusted zip safely: entry names that cannot escape the target folder (no
absolute paths, `..`, backslashes, NUL or control characters, symlinks, encrypted entries), the
files H5P core ignores, and unpacking with the sizes counted while reading (per file, in total,
and the compression ratio), never taken from the zip headers, which an attacker writes. The H5P
rules on top of it are in h5p/validator.py."""

import hashlib
import posixpath
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from h5p import conf

CHUNK = 64 * 1024
# The ratio check starts once an entry has produced this much: small, well-compressed text
# files (JSON, CSS) are normal, a megabyte from a few hundred bytes is not.
RATIO_FLOOR = 1024 * 1024
MAX_ERRORS = 20


class PackageError(Exception):
    """One broken rule. `code` is stable (tests and logs), `message` is for the editor."""

    def __init__(self, code, file, message):
        self.code = code
        self.file = file
        self.message = message
        super().__init__(f"{code}: {file}: {message}")

    def __str__(self):
        if self.file:
            return f"{self.file}: {self.message}"
        return str(self.message)


class InvalidPackage(Exception):
    """The package breaks one or more rules; `errors` lists them all (up to MAX_ERRORS)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.code}: {e.file}: {e.message}" for e in self.errors))

    @property
    def codes(self):
        return [e.code for e in self.errors]

    @property
    def messages(self):
        return [str(e) for e in self.errors]


@dataclass
class UnpackedFile:
    path: str  # path inside the package, e.g. "content/content.json"
    local: Path  # where it waits in the temporary folder
    size: int
    sha256: str


def extension(name):
    base = posixpath.basename(name)
    if "." not in base:
        return ""
    return base.rsplit(".", 1)[1].lower()


def check_name(info, errors):
    """Structural checks of one entry's name and flags. Returns the clean name or None."""
    name = info.filename
    # zipfile turns backslashes into slashes on Windows only; look at the raw name as well.
    raw = getattr(info, "orig_filename", name)
    if "\x00" in raw or "\x00" in name:
        errors.append(PackageError("nul-byte", name.replace("\x00", "\\0"), _("NUL byte in name")))
        return None
    if any(unicodedata.category(ch) == "Cc" for ch in raw):
        errors.append(PackageError("control-character", repr(raw), _("control character in name")))
        return None
    if "\\" in raw:
        errors.append(PackageError("backslash", raw, _("backslashes are not allowed in paths")))
        return None
    if raw.startswith("/") or re.match(r"^[A-Za-z]:", raw):
        errors.append(PackageError("absolute-path", raw, _("absolute paths are not allowed")))
        return None
    parts = raw.rstrip("/").split("/")
    if ".." in parts:
        errors.append(
            PackageError("path-traversal", raw, _("'..' would write outside the package folder"))
        )
        return None
    if any(p in ("", ".") for p in parts):
        errors.append(PackageError("bad-path", raw, _("empty or '.' path segment")))
        return None
    if info.flag_bits & 0x1:
        errors.append(PackageError("encrypted", raw, _("encrypted entries are not allowed")))
        return None
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        errors.append(PackageError("symlink", raw, _("symbolic links are not allowed")))
        return None
    # Belt and braces: the name must stay inside the target once resolved.
    target = "/pkg"
    resolved = posixpath.normpath(posixpath.join(target, raw))
    if not resolved.startswith(target + "/"):
        errors.append(PackageError("path-traversal", raw, _("resolves outside the package")))
        return None
    return raw


def ignored_by_h5p(name):
    """Files H5P core skips: anything under a top-level folder or file starting with '.' or '_'
    (`.git/`, `__MACOSX/`), and stray files at the top level other than h5p.json."""
    parts = name.rstrip("/").split("/")
    if parts[0].startswith((".", "_")) or parts[-1].startswith("."):
        return True
    return len(parts) == 1 and parts[0] != "h5p.json"


def unpack(archive, wanted, tmpdir, upload_size):
    files = {}
    total = 0
    for index, (name, info) in enumerate(wanted):
        local = tmpdir / f"{index:06d}"
        digest = hashlib.sha256()
        size = 0
        compressed = max(info.compress_size, 1)
        with archive.open(info) as src, open(local, "wb") as dst:
            while True:
                chunk = src.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                total += len(chunk)
                if size > conf.max_file_bytes():
                    raise InvalidPackage(
                        [
                            PackageError(
                                "file-too-large",
                                name,
                                _("larger than %(limit)s bytes once unpacked")
                                % {"limit": conf.max_file_bytes()},
                            )
                        ]
                    )
                if size > RATIO_FLOOR and size / compressed > conf.max_compression_ratio():
                    raise InvalidPackage(
                        [
                            PackageError(
                                "compression-ratio",
                                name,
                                _(
                                    "unpacks to more than %(ratio)s times its compressed size "
                                    "(a zip bomb?)"
                                )
                                % {"ratio": conf.max_compression_ratio()},
                            )
                        ]
                    )
                if total > conf.max_total_bytes():
                    raise InvalidPackage(
                        [
                            PackageError(
                                "total-too-large",
                                name,
                                _("the package unpacks to more than %(limit)s bytes")
                                % {"limit": conf.max_total_bytes()},
                            )
                        ]
                    )
                if total > RATIO_FLOOR and total / max(upload_size, 1) > (
                    conf.max_compression_ratio()
                ):
                    raise InvalidPackage(
                        [
                            PackageError(
                                "compression-ratio",
                                name,
                                _(
                                    "the package unpacks to more than %(ratio)s times its size "
                                    "(a zip bomb?)"
                                )
                                % {"ratio": conf.max_compression_ratio()},
                            )
                        ]
                    )
                digest.update(chunk)
                dst.write(chunk)
        files[name] = UnpackedFile(name, local, size, digest.hexdigest())
    return files
