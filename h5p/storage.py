"""Unpacked, content-addressed storage of H5P packages in Django's default storage (so S3 or
any other backend works later).

    h5p/libraries/<Machine.Name-MAJOR.MINOR>-<tree hash>/<file>   (one copy per distinct library)
    h5p/packages/<content hash>/h5p.json, content/<file>          (one copy per distinct content)

A library's tree hash covers every path and file hash in its folder, so identical libraries in
many packages are stored once, and a changed library never overwrites the copy others use.
"""

from django.core.files import File
from django.core.files.storage import default_storage

from h5p.conf import STORAGE_PREFIX


def library_prefix(folder: str, tree_hash: str) -> str:
    return f"{STORAGE_PREFIX}/libraries/{folder}-{tree_hash[:24]}"


def package_prefix(content_hash: str) -> str:
    return f"{STORAGE_PREFIX}/packages/{content_hash[:32]}"


def _put(name, unpacked):
    """Write one file at exactly `name` (content-addressed: replace a leftover of a broken
    earlier write instead of letting the storage pick another name)."""
    if default_storage.exists(name):
        if default_storage.size(name) == unpacked.size:
            return
        default_storage.delete(name)
    with open(unpacked.local, "rb") as fh:
        saved = default_storage.save(name, File(fh, name=name))
    if saved != name:  # pragma: no cover - a storage that renames would break addressing
        raise RuntimeError(f"storage saved {name} as {saved}")


def store_files(prefix: str, files: dict):
    """`files`: path inside the folder -> UnpackedFile."""
    for rel, unpacked in files.items():
        _put(f"{prefix}/{rel}", unpacked)


def open_file(name: str):
    return default_storage.open(name, "rb")
