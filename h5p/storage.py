"""Unpacked, content-addressed storage of H5P packages in their own private storage (the
`"h5p"` alias of STORAGES, a folder outside MEDIA_ROOT by default; S3 or any other backend works
too). No site route maps it: only the H5P origin reads these files, by signed URL.

    h5p/libraries/<Machine.Name-MAJOR.MINOR>-<tree hash>/<file>   (one copy per distinct library)
    h5p/packages/<content hash>/h5p.json, content/<file>          (one copy per distinct content)

A library's tree hash covers every path and file hash in its folder, so identical libraries in
many packages are stored once, and a changed library never overwrites the copy others use.
"""

from django.core.files import File
from django.core.files.storage import storages

from h5p.conf import STORAGE_ALIAS, STORAGE_PREFIX


def h5p_storage():
    # Looked up on every use: tests (and a changed STORAGES setting) get a fresh instance.
    return storages[STORAGE_ALIAS]


def library_prefix(folder: str, tree_hash: str) -> str:
    return f"{STORAGE_PREFIX}/libraries/{folder}-{tree_hash[:24]}"


def package_prefix(content_hash: str) -> str:
    return f"{STORAGE_PREFIX}/packages/{content_hash[:32]}"


def _put(name, unpacked):
    """Write one file at exactly `name` (content-addressed: replace a leftover of a broken
    earlier write instead of letting the storage pick another name)."""
    store = h5p_storage()
    if store.exists(name):
        if store.size(name) == unpacked.size:
            return
        store.delete(name)
    with open(unpacked.local, "rb") as fh:
        saved = store.save(name, File(fh, name=name))
    if saved != name:  # pragma: no cover - a storage that renames would break addressing
        raise RuntimeError(f"storage saved {name} as {saved}")


def store_files(prefix: str, files: dict):
    """`files`: path inside the folder -> UnpackedFile."""
    for rel, unpacked in files.items():
        _put(f"{prefix}/{rel}", unpacked)


def open_file(name: str):
    return h5p_storage().open(name, "rb")


def _walk(store, folder):
    directories, files = store.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from _walk(store, f"{folder}/{directory}")


def move_from_media(public_store) -> int:
    """Move files an earlier version stored under MEDIA_ROOT/h5p/ (publicly reachable there)
    into the private H5P storage, keeping their names. Idempotent; returns how many moved."""
    if not public_store.exists(STORAGE_PREFIX):
        return 0
    store = h5p_storage()
    moved = 0
    for name in list(_walk(public_store, STORAGE_PREFIX)):
        if not store.exists(name):
            with public_store.open(name, "rb") as fh:
                store.save(name, File(fh, name=name))
        public_store.delete(name)
        moved += 1
    return moved
