"""Importing H5P packages (validated in full first, libraries shared by content hash) and
finding a file inside a stored package."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from h5p import storage
from h5p.models import H5PLibrary, H5PPackage, H5PUserData
from h5p.validator import ValidatedPackage, validate_package


def import_package(upload, *, title="", user=None, package=None) -> H5PPackage:
    """Validate `upload` (path or file object) in full, then store it: a new package, or a
    replacement of `package`. Raises `h5p.validator.InvalidPackage`; stores nothing then."""
    validated = validate_package(upload)
    try:
        return store_validated(validated, title=title, user=user, package=package)
    finally:
        validated.cleanup()


@transaction.atomic
def store_validated(
    validated: ValidatedPackage, *, title="", user=None, package=None
) -> H5PPackage:
    libraries = []
    for folder, info in sorted(validated.libraries.items()):
        tree_hash = info.tree_hash()
        library = H5PLibrary.objects.filter(tree_hash=tree_hash).first()
        if library is None:
            prefix = storage.library_prefix(folder, tree_hash)
            storage.store_files(prefix, info.files)
            try:
                with transaction.atomic():
                    library = H5PLibrary.objects.create(
                        machine_name=info.machine_name,
                        major_version=info.major,
                        minor_version=info.minor,
                        patch_version=info.patch,
                        title=info.title,
                        runnable=info.runnable,
                        tree_hash=tree_hash,
                        storage_prefix=prefix,
                        files=sorted(info.files),
                        size=sum(f.size for f in info.files.values()),
                    )
            except IntegrityError:  # stored by a concurrent upload of the same library
                library = H5PLibrary.objects.get(tree_hash=tree_hash)
        libraries.append(library)

    content_hash = validated.content_hash()
    prefix = storage.package_prefix(content_hash)
    storage.store_files(prefix, validated.content_files)

    meta = validated.h5p_json
    if package is None:
        package = H5PPackage()
    if package.pk is None:
        package.uploaded_by = user
    elif package.content_hash and package.content_hash != content_hash:
        # Saved states describe the old content: they would not fit the new one.
        H5PUserData.objects.filter(package=package).delete()
        package.replaced_at = timezone.now()
    package.title = (title or str(meta["title"]))[:255]
    package.main_library = validated.main_library
    package.licence = str(meta.get("license", ""))[:100]
    authors = meta.get("authors", [])
    package.authors = (
        [a for a in authors if isinstance(a, dict)] if isinstance(authors, list) else []
    )
    package.h5p_json = meta
    package.embed_type = "div" if "div" in meta.get("embedTypes", []) else "iframe"
    package.content_hash = content_hash
    package.content_prefix = prefix
    package.content_files = sorted(validated.content_files)
    package.size = validated.upload_size
    package.unpacked_size = validated.unpacked_size
    package.save()
    package.libraries.set(libraries)
    return package


def resolve_file(package: H5PPackage, path: str):
    """The storage name of `path` inside the unpacked package, or None."""
    if path in package.content_files:
        return f"{package.content_prefix}/{path}"
    folder, _sep, rest = path.partition("/")
    if not rest:
        return None
    for library in package.libraries.all():
        if library.folder == folder:
            return f"{library.storage_prefix}/{rest}" if rest in library.files else None
    return None
