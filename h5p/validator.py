"""Validation of uploaded `.h5p` packages.

A package is a zip: `h5p.json`, `content/content.json` (+ content files) and one folder per
library named `Machine.Name-MAJOR.MINOR/` with a `library.json`. `validate_package()` checks
every rule below and returns a `ValidatedPackage` whose files wait in a private temporary folder;
nothing reaches the storage until every rule has passed (`h5p.packages.store_validated`).
Reading the zip itself safely (names, sizes, zip bombs) is h5p/zip_safety.py. The rest stays in
one module (some 480 lines) on purpose: it is the checklist below, in the order it is checked,
and a reviewer checking the package rules reads them top to bottom in one place.

Rules (each failure names the file and the rule):
- the upload is a zip no larger than the upload limit, with at most `H5P_MAX_ENTRIES` entries;
- entry names: no absolute paths, `..`, backslashes, NUL or control characters, symlinks,
  duplicates (also ignoring case), encrypted entries, nothing resolving outside the target;
- file types: the allow-list of H5P core (content files without svg/xml/html/js; library
  folders may add js, css, svg, xml);
- sizes are counted while unpacking (per file, in total, and the compression ratio), never
  taken from the zip headers, which an attacker writes;
- `h5p.json` with its required fields, `content/content.json` that parses;
- every library folder named `Machine.Name-MAJOR.MINOR` with a valid `library.json` matching
  the folder name, whose listed JS/CSS files exist; every preloaded or dynamic dependency (of
  `h5p.json` and of every library) present in the package.
"""

import hashlib
import json
import re
import shutil
import tempfile
import weakref
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from cms import json_input
from h5p import conf
from h5p.zip_safety import (
    MAX_ERRORS,
    InvalidPackage,
    PackageError,
    UnpackedFile,
    check_name,
    extension,
    ignored_by_h5p,
    unpack,
)

# H5P core (h5p-php-library, H5PCore): the default content allow-list, and what library folders
# may add. svg and xml are not allowed in content (they can carry scripts).
# Real H5P content nests a few dozen levels at most (interactive videos holding quizzes).
MAX_JSON_DEPTH = 100
CONTENT_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt "
    "pdf rtf doc docx xls xlsx ppt pptx odt ods odp csv diff patch swf md textile vtt webvtt "
    "gltf glb".split()
)
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css", "svg", "xml"}

LIBRARY_FOLDER_RE = re.compile(
    r"^(?P<name>[A-Za-z][A-Za-z0-9_.\-]{0,254})-(?P<major>\d{1,5})\.(?P<minor>\d{1,5})$"
)
MACHINE_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]{0,254}$")
H5P_JSON_REQUIRED = ("title", "language", "mainLibrary", "embedTypes", "preloadedDependencies")
LIBRARY_JSON_REQUIRED = (
    "title",
    "machineName",
    "majorVersion",
    "minorVersion",
    "patchVersion",
    "runnable",
)


@dataclass
class LibraryInfo:
    folder: str  # Machine.Name-1.2
    machine_name: str
    major: int
    minor: int
    patch: int
    title: str
    runnable: bool
    meta: dict
    files: dict = field(default_factory=dict)  # path inside the folder -> UnpackedFile

    def tree_hash(self) -> str:
        digest = hashlib.sha256()
        for rel in sorted(self.files):
            digest.update(f"{rel}\0{self.files[rel].sha256}\n".encode())
        return digest.hexdigest()


@dataclass
class ValidatedPackage:
    h5p_json: dict
    content_json: dict
    content_files: dict  # "content/..." and "h5p.json" -> UnpackedFile
    libraries: dict  # folder -> LibraryInfo
    upload_size: int
    unpacked_size: int
    tmpdir: Path

    def content_hash(self) -> str:
        digest = hashlib.sha256()
        for rel in sorted(self.content_files):
            digest.update(f"{rel}\0{self.content_files[rel].sha256}\n".encode())
        return digest.hexdigest()

    @property
    def main_library(self) -> str:
        main = self.h5p_json["mainLibrary"]
        for dep in self.h5p_json["preloadedDependencies"]:
            if dep["machineName"] == main:
                return f"{main} {dep['majorVersion']}.{dep['minorVersion']}"
        return main

    def cleanup(self):
        shutil.rmtree(self.tmpdir, ignore_errors=True)


def _load_json(file: UnpackedFile, errors, code="invalid-json"):
    try:
        with open(file.local, "rb") as fh:
            text = fh.read().decode("utf-8-sig")
        # Python's parser recurses once per level: a file nested thousands deep raised
        # RecursionError (a 500 that left the unpacked folder behind) instead of an error here.
        if json_input.depth(text) > MAX_JSON_DEPTH:
            errors.append(
                PackageError(
                    code,
                    file.path,
                    _("the JSON nests more than %(max)s levels deep") % {"max": MAX_JSON_DEPTH},
                )
            )
            return None
        return json.loads(text)
    except UnicodeDecodeError:
        errors.append(PackageError(code, file.path, _("not UTF-8 text")))
    except json.JSONDecodeError as exc:
        errors.append(
            PackageError(
                code,
                file.path,
                _("broken JSON (line %(line)s, column %(col)s: %(msg)s)")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg},
            )
        )
    return None


def _version(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _dependencies(meta, key, where, errors):
    deps = meta.get(key, [])
    if not isinstance(deps, list):
        errors.append(
            PackageError("bad-field", where, _("'%(key)s' must be a list") % {"key": key})
        )
        return []
    found = []
    for dep in deps:
        if (
            not isinstance(dep, dict)
            or not isinstance(dep.get("machineName"), str)
            or _version(dep.get("majorVersion")) is None
            or _version(dep.get("minorVersion")) is None
        ):
            errors.append(
                PackageError(
                    "bad-field",
                    where,
                    _("every entry of '%(key)s' needs machineName, majorVersion and minorVersion")
                    % {"key": key},
                )
            )
            continue
        found.append(
            f"{dep['machineName']}-{_version(dep['majorVersion'])}.{_version(dep['minorVersion'])}"
        )
    return found


def validate_package(upload) -> ValidatedPackage:
    """Check `upload` (a path or a binary file object) against every rule; raise
    `InvalidPackage` with all the broken rules, or return the unpacked package (call
    `.cleanup()` when done with it)."""
    errors = []

    # --- the upload itself ---------------------------------------------------------------
    if hasattr(upload, "seek"):
        upload.seek(0, 2)
        upload_size = upload.tell()
        upload.seek(0)
    else:
        upload_size = Path(upload).stat().st_size
    if upload_size > conf.max_upload_bytes():
        raise InvalidPackage(
            [
                PackageError(
                    "upload-too-large",
                    "",
                    _("the file has %(size)s bytes; the limit is %(limit)s")
                    % {"size": upload_size, "limit": conf.max_upload_bytes()},
                )
            ]
        )
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InvalidPackage(
            [PackageError("not-a-zip", "", _("this is not a zip archive (.h5p)"))]
        ) from None

    with archive:
        infos = archive.infolist()
        if len(infos) > conf.max_entries():
            raise InvalidPackage(
                [
                    PackageError(
                        "too-many-entries",
                        "",
                        _("%(count)s entries; the limit is %(limit)s")
                        % {"count": len(infos), "limit": conf.max_entries()},
                    )
                ]
            )

        # --- names, flags and types, before anything is unpacked --------------------------
        seen, seen_folded, wanted = set(), set(), []
        for info in infos:
            name = check_name(info, errors)
            if name is None:
                continue
            key = name.rstrip("/")
            if key in seen:
                errors.append(PackageError("duplicate-entry", name, _("the entry appears twice")))
                continue
            if key.casefold() in seen_folded:
                errors.append(
                    PackageError(
                        "duplicate-entry", name, _("another entry differs from it only in case")
                    )
                )
                continue
            seen.add(key)
            seen_folded.add(key.casefold())
            if info.is_dir() or ignored_by_h5p(name):
                continue
            top = name.split("/", 1)[0]
            ext = extension(name)
            if top == "content" or name == "h5p.json":
                allowed = CONTENT_EXTENSIONS
                where = _("content files")
            else:
                allowed = LIBRARY_EXTENSIONS
                where = _("library files")
            if ext not in allowed:
                errors.append(
                    PackageError(
                        "file-type",
                        name,
                        _("files of type '.%(ext)s' are not allowed in %(where)s")
                        % {"ext": ext or "", "where": where},
                    )
                )
                continue
            if top != "content" and name != "h5p.json" and not LIBRARY_FOLDER_RE.match(top):
                errors.append(
                    PackageError(
                        "library-folder-name",
                        top + "/",
                        _("a library folder must be named Machine.Name-MAJOR.MINOR"),
                    )
                )
                continue
            wanted.append((name, info))
        if errors:
            raise InvalidPackage(errors[:MAX_ERRORS])

        # --- unpack into a private folder, counting the real bytes -------------------------
        tmpdir = Path(tempfile.mkdtemp(prefix="h5p-upload-"))

        def cleanup():
            shutil.rmtree(tmpdir, ignore_errors=True)

        try:
            files = unpack(archive, wanted, tmpdir, upload_size)
        except InvalidPackage:
            cleanup()
            raise
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            cleanup()
            raise InvalidPackage(
                [PackageError("corrupt-zip", "", _("the archive is damaged: %(e)s") % {"e": exc})]
            ) from None

    try:
        package = _check_structure(files, tmpdir, upload_size)
    except BaseException:
        # Whatever stops the check, the unpacked files must not stay behind.
        cleanup()
        raise
    # The folder goes away with the object even if a caller forgets `cleanup()`.
    weakref.finalize(package, shutil.rmtree, tmpdir, True)
    return package


def _check_structure(files, tmpdir, upload_size):
    errors = []
    h5p_file = files.get("h5p.json")
    content_file = files.get("content/content.json")
    if h5p_file is None:
        errors.append(
            PackageError("missing-h5p-json", "h5p.json", _("the package has no h5p.json"))
        )
    if content_file is None:
        errors.append(
            PackageError(
                "missing-content-json", "content/content.json", _("the package has no content")
            )
        )
    if errors:
        raise InvalidPackage(errors)

    h5p_json = _load_json(h5p_file, errors)
    content_json = _load_json(content_file, errors)
    if errors:
        raise InvalidPackage(errors)
    if not isinstance(h5p_json, dict):
        raise InvalidPackage([PackageError("invalid-json", "h5p.json", _("must be a JSON object"))])
    if not isinstance(content_json, dict):
        raise InvalidPackage(
            [PackageError("invalid-json", "content/content.json", _("must be a JSON object"))]
        )
    for key in H5P_JSON_REQUIRED:
        if key not in h5p_json or h5p_json[key] in ("", None, []):
            errors.append(
                PackageError(
                    "missing-field",
                    "h5p.json",
                    _("required field '%(key)s' is missing") % {"key": key},
                )
            )
    if errors:
        raise InvalidPackage(errors)
    if not isinstance(h5p_json["title"], str) or len(h5p_json["title"]) > 255:
        errors.append(PackageError("bad-field", "h5p.json", _("'title' must be text (≤ 255)")))
    if not isinstance(h5p_json["mainLibrary"], str) or not MACHINE_NAME_RE.match(
        h5p_json["mainLibrary"]
    ):
        errors.append(
            PackageError("bad-field", "h5p.json", _("'mainLibrary' is not a library name"))
        )
    if not isinstance(h5p_json["embedTypes"], list) or not set(h5p_json["embedTypes"]) <= {
        "div",
        "iframe",
    }:
        errors.append(
            PackageError("bad-field", "h5p.json", _("'embedTypes' must list 'div' and/or 'iframe'"))
        )
    package_deps = _dependencies(h5p_json, "preloadedDependencies", "h5p.json", errors)
    if errors:
        raise InvalidPackage(errors)
    if not any(dep.rsplit("-", 1)[0] == h5p_json["mainLibrary"] for dep in package_deps):
        errors.append(
            PackageError(
                "missing-dependency",
                "h5p.json",
                _("the main library '%(lib)s' is not among preloadedDependencies")
                % {"lib": h5p_json["mainLibrary"]},
            )
        )

    # --- libraries --------------------------------------------------------------------------
    libraries = {}
    content_files = {}
    for name, file in files.items():
        top, _sep, rest = name.partition("/")
        if top == "content" or name == "h5p.json":
            content_files[name] = file
            continue
        match = LIBRARY_FOLDER_RE.match(top)
        lib = libraries.get(top)
        if lib is None:
            lib = libraries[top] = LibraryInfo(
                folder=top,
                machine_name=match["name"],
                major=int(match["major"]),
                minor=int(match["minor"]),
                patch=0,
                title="",
                runnable=False,
                meta={},
            )
        lib.files[rest] = file

    dependency_edges = [("h5p.json", dep) for dep in package_deps]
    for folder, lib in sorted(libraries.items()):
        where = f"{folder}/library.json"
        meta_file = lib.files.get("library.json")
        if meta_file is None:
            errors.append(
                PackageError("missing-library-json", where, _("the library has no library.json"))
            )
            continue
        meta = _load_json(meta_file, errors, code="library-json")
        if meta is None:
            continue
        if not isinstance(meta, dict):
            errors.append(PackageError("library-json", where, _("must be a JSON object")))
            continue
        missing = [key for key in LIBRARY_JSON_REQUIRED if key not in meta]
        if missing:
            errors.append(
                PackageError(
                    "library-json",
                    where,
                    _("required fields missing: %(fields)s") % {"fields": ", ".join(missing)},
                )
            )
            continue
        major, minor, patch = (
            _version(meta["majorVersion"]),
            _version(meta["minorVersion"]),
            _version(meta["patchVersion"]),
        )
        if (
            meta["machineName"] != lib.machine_name
            or major != lib.major
            or minor != lib.minor
            or patch is None
        ):
            errors.append(
                PackageError(
                    "library-json",
                    where,
                    _("machineName and version (%(found)s) do not match the folder name")
                    % {
                        "found": f"{meta['machineName']}-{meta['majorVersion']}."
                        f"{meta['minorVersion']}.{meta['patchVersion']}"
                    },
                )
            )
            continue
        lib.patch = patch
        lib.title = str(meta["title"])[:255]
        lib.runnable = bool(meta["runnable"])
        lib.meta = meta
        for key in ("preloadedJs", "preloadedCss"):
            entries = meta.get(key, [])
            if not isinstance(entries, list):
                errors.append(
                    PackageError(
                        "library-json", where, _("'%(key)s' must be a list") % {"key": key}
                    )
                )
                continue
            for entry in entries:
                path = entry.get("path") if isinstance(entry, dict) else None
                if not isinstance(path, str) or path not in lib.files:
                    errors.append(
                        PackageError(
                            "missing-library-file",
                            f"{folder}/{path}",
                            _("listed in %(key)s of library.json but not in the package")
                            % {"key": key},
                        )
                    )
        for key in ("preloadedDependencies", "dynamicDependencies"):
            for dep in _dependencies(meta, key, where, errors):
                dependency_edges.append((where, dep))

    for where, dep in dependency_edges:
        if dep not in libraries:
            errors.append(
                PackageError(
                    "missing-dependency",
                    where,
                    _("depends on %(dep)s, which is not in the package") % {"dep": dep},
                )
            )
    if errors:
        # One missing library is often reported by several dependants: say it once each.
        unique, keys = [], set()
        for error in errors:
            key = (error.code, error.file, str(error.message))
            if key not in keys:
                keys.add(key)
                unique.append(error)
        raise InvalidPackage(unique[:MAX_ERRORS])

    return ValidatedPackage(
        h5p_json=h5p_json,
        content_json=content_json,
        content_files=content_files,
        libraries=libraries,
        upload_size=upload_size,
        unpacked_size=sum(f.size for f in files.values()),
        tmpdir=tmpdir,
    )
