"""Crafted bad archives: each is rejected with its reason, and nothing reaches the storage."""

import io
import json
import warnings
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from h5p.models import H5PLibrary, H5PPackage
from h5p.packages import import_package
from h5p.validator import validate_package
from h5p.zip_safety import InvalidPackage
from tests.h5p.conftest import SHARED, build_zip, tiny_files, tiny_zip

LIB = "MWF.TinyQuiz-1.0"


def with_entry(name, data=b"{}", **changes):
    files = tiny_files()
    files.update(changes)
    return build_zip([*files.items(), (name, data)])


def symlink_zip():
    info = zipfile.ZipInfo("content/link.json")
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    return build_zip([*tiny_files().items(), (info, b"/etc/passwd")])


def encrypted_zip():
    # zipfile cannot write encrypted entries: set the "encrypted" flag bit in the headers.
    raw = bytearray(with_entry("content/secret.json"))
    name = b"content/secret.json"
    for signature, name_at, flag_at in ((b"PK\x01\x02", 46, 8), (b"PK\x03\x04", 30, 6)):
        pos = raw.find(signature)
        while raw[pos + name_at : pos + name_at + len(name)] != name:
            pos = raw.find(signature, pos + 4)
        raw[pos + flag_at] |= 0x1
    return bytes(raw)


def nul_zip():
    raw = with_entry("content/aXb.json")
    return raw.replace(b"content/aXb.json", b"content/a\x00b.json")


def duplicate_zip():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_zip([*tiny_files().items(), ("content/content.json", b"{}")])


def bomb_zip():
    return with_entry("content/bomb.json", b" " * (20 * 1024 * 1024))


def missing_h5p_json():
    files = tiny_files()
    del files["h5p.json"]
    return build_zip(files)


def missing_dependency():
    meta = json.loads(tiny_files()["h5p.json"])
    meta["preloadedDependencies"].append(
        {"machineName": "H5P.Missing", "majorVersion": 1, "minorVersion": 0}
    )
    return tiny_zip(**{"h5p.json": json.dumps(meta).encode()})


def bad_library_folder():
    files = {
        (name.replace(LIB, "MWF.TinyQuiz") if name.startswith(LIB) else name): data
        for name, data in tiny_files().items()
    }
    return build_zip(files)


def library_json_mismatch():
    meta = json.loads(tiny_files()[f"{LIB}/library.json"])
    meta["majorVersion"] = 2
    return tiny_zip(**{f"{LIB}/library.json": json.dumps(meta).encode()})


def missing_library_js():
    files = tiny_files()
    del files[f"{LIB}/tiny-quiz.js"]
    return build_zip(files)


def h5p_json_missing_field():
    meta = json.loads(tiny_files()["h5p.json"])
    del meta["mainLibrary"]
    return tiny_zip(**{"h5p.json": json.dumps(meta).encode()})


BAD_ARCHIVES = [
    ("path traversal", lambda: with_entry("content/../../evil.json"), "path-traversal"),
    ("absolute path", lambda: with_entry("/etc/evil.json"), "absolute-path"),
    ("backslash", lambda: with_entry("content\\..\\evil.json"), "backslash"),
    ("NUL byte", nul_zip, "nul-byte"),
    ("symlink", symlink_zip, "symlink"),
    ("encrypted entry", encrypted_zip, "encrypted"),
    ("php in content", lambda: with_entry("content/shell.php", b"<?php ?>"), "file-type"),
    ("html in content", lambda: with_entry("content/page.html", b"<script>"), "file-type"),
    ("js in content", lambda: with_entry("content/evil.js", b"alert(1)"), "file-type"),
    ("svg in content", lambda: with_entry("content/image.svg", b"<svg/>"), "file-type"),
    ("html in a library", lambda: with_entry(f"{LIB}/page.html", b"<p>"), "file-type"),
    ("zip bomb", bomb_zip, "compression-ratio"),
    ("missing h5p.json", missing_h5p_json, "missing-h5p-json"),
    (
        "broken JSON",
        lambda: tiny_zip(**{"content/content.json": b'{"question": '}),
        "invalid-json",
    ),
    ("h5p.json without mainLibrary", h5p_json_missing_field, "missing-field"),
    ("missing dependency", missing_dependency, "missing-dependency"),
    ("bad library folder name", bad_library_folder, "library-folder-name"),
    ("library.json does not match its folder", library_json_mismatch, "library-json"),
    ("library file listed but missing", missing_library_js, "missing-library-file"),
    ("duplicate entry", duplicate_zip, "duplicate-entry"),
    (
        "entries differing only in case",
        lambda: with_entry("content/Content.json"),
        "duplicate-entry",
    ),
    ("not a zip", lambda: b"%PDF-1.4 not a zip", "not-a-zip"),
]


def assert_nothing_stored():
    assert H5PPackage.objects.count() == 0
    assert H5PLibrary.objects.count() == 0
    assert not (Path(settings.MEDIA_ROOT) / "h5p").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "build", "code"), BAD_ARCHIVES, ids=[a[0] for a in BAD_ARCHIVES])
def test_bad_archive_is_rejected_and_nothing_is_stored(label, build, code):
    with pytest.raises(InvalidPackage) as caught:
        import_package(io.BytesIO(build()))
    assert code in caught.value.codes, caught.value.messages
    # Each message is one sentence an editor can act on, naming the file when there is one.
    assert all(message.strip() for message in caught.value.messages)
    assert_nothing_stored()


@pytest.mark.django_db
def test_oversize_upload_is_rejected(settings):
    settings.H5P_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(InvalidPackage) as caught:
        import_package(io.BytesIO(tiny_zip()))
    assert caught.value.codes == ["upload-too-large"]
    assert_nothing_stored()


@pytest.mark.django_db
def test_oversize_file_counted_while_unpacking(settings):
    settings.H5P_MAX_FILE_BYTES = 300
    with pytest.raises(InvalidPackage) as caught:
        import_package(io.BytesIO(tiny_zip()))
    assert caught.value.codes == ["file-too-large"]
    assert "tiny-quiz.js" in caught.value.messages[0] or "content" in caught.value.messages[0]
    assert_nothing_stored()


@pytest.mark.django_db
def test_forged_header_size_does_not_fool_the_limits(settings):
    """The central directory claims a tiny file; the real data is large. The limit counts what
    is actually unpacked."""
    settings.H5P_MAX_FILE_BYTES = 64 * 1024
    raw = bytearray(with_entry("content/big.json", b"[" + b"0," * 100_000 + b"0]"))
    name = b"content/big.json"
    pos = raw.find(b"PK\x01\x02")
    while raw[pos + 46 : pos + 46 + len(name)] != name:
        pos = raw.find(b"PK\x01\x02", pos + 4)
    raw[pos + 24 : pos + 28] = (10).to_bytes(4, "little")  # uncompressed size: 10 bytes
    with pytest.raises(InvalidPackage) as caught:
        import_package(io.BytesIO(bytes(raw)))
    assert set(caught.value.codes) & {"file-too-large", "corrupt-zip", "compression-ratio"}
    assert_nothing_stored()


@pytest.mark.django_db
def test_too_many_entries(settings):
    settings.H5P_MAX_ENTRIES = 3
    with pytest.raises(InvalidPackage) as caught:
        import_package(io.BytesIO(tiny_zip()))
    assert caught.value.codes == ["too-many-entries"]
    assert_nothing_stored()


@pytest.mark.django_db
def test_messages_name_the_file_and_the_rule():
    expected = {
        "en": "content/shell.php: files of type '.php' are not allowed in content files",
        "pl": "content/shell.php: pliki typu „.php” są niedozwolone w plikach treści",
    }
    for language, message in expected.items():
        with translation.override(language), pytest.raises(InvalidPackage) as caught:
            validate_package(io.BytesIO(with_entry("content/shell.php", b"x")))
        assert caught.value.messages == [message]


@pytest.mark.django_db
def test_tiny_package_is_accepted_and_stored_unpacked(tiny_path):
    package = import_package(tiny_path)
    assert package.title == "Mini quiz: tryb małych zleceń"
    assert package.main_library == "MWF.TinyQuiz 1.0"
    assert package.licence == "CC BY 4.0"
    assert package.author_names == "Zespół platformy MWF"
    assert [str(lib) for lib in package.libraries.all()] == ["MWF.TinyQuiz 1.0.0"]
    media = Path(settings.MEDIA_ROOT)
    assert (media / package.content_prefix / "content" / "content.json").is_file()
    library = package.libraries.get()
    assert (media / library.storage_prefix / "tiny-quiz.js").is_file()


@pytest.mark.django_db
def test_stray_and_hidden_files_are_skipped_not_stored():
    files = tiny_files()
    files["README.txt"] = b"notes"
    files["__MACOSX/._h5p.json"] = b"junk"
    package = import_package(io.BytesIO(build_zip(files)))
    assert "README.txt" not in package.content_files
    assert not (Path(settings.MEDIA_ROOT) / package.content_prefix / "README.txt").exists()


@pytest.mark.django_db
def test_identical_libraries_are_stored_once(tiny_path):
    first = import_package(tiny_path)
    changed = tiny_zip(
        **{"content/content.json": b'{"question": "Inne?", "answers": ["a"], "correct": 0}'}
    )
    second = import_package(io.BytesIO(changed))
    assert first.content_prefix != second.content_prefix
    assert H5PLibrary.objects.count() == 1
    assert list(first.libraries.all()) == list(second.libraries.all())
    folders = list((Path(settings.MEDIA_ROOT) / "h5p" / "libraries").iterdir())
    assert len(folders) == 1


def shared(name):
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared H5P samples exist only on the team's machines)")
    return path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "main"),
    [
        ("truefalse-hello.h5p", "H5P.TrueFalse 1.6"),
        ("questionset-hub-example.h5p", "H5P.QuestionSet 1.17"),
    ],
)
def test_shared_samples_are_accepted(name, main):
    package = import_package(shared(name))
    assert package.main_library == main
    assert package.libraries.count() >= 8


@pytest.mark.django_db
def test_shared_samples_share_their_common_libraries():
    first = import_package(shared("truefalse-hello.h5p"))
    second = import_package(shared("questionset-hub-example.h5p"))
    # Drop, FontAwesome, Tether ... are byte-identical in both packages: stored once. The two
    # carry different patch versions of H5P.TrueFalse: those are two libraries.
    common = set(first.libraries.all()) & set(second.libraries.all())
    assert {lib.folder for lib in common} >= {"Drop-1.0", "FontAwesome-4.5", "Tether-1.0"}
    assert H5PLibrary.objects.count() == 10 + 32 - len(common)
    assert H5PLibrary.objects.filter(machine_name="H5P.TrueFalse").count() == 2
