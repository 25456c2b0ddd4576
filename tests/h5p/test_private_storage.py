"""H5P packages live in their own storage outside MEDIA_ROOT: the site has no route to them
(an SVG or XHTML file inside a library must never run on the site's origin); only the H5P
origin serves them, by signed URL. Files an earlier version left in MEDIA_ROOT/h5p/ move over."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from h5p import storage
from tests.h5p.conftest import H5P_HOST, SITE_HOST
from tests.h5p.test_serving import file_url

pytestmark = pytest.mark.django_db


def test_package_files_are_outside_media_and_only_the_h5p_origin_serves_them(
    client, tiny_package, settings
):
    library = tiny_package.libraries.get()
    name = f"{library.storage_prefix}/tiny-quiz.js"
    assert (Path(settings.H5P_FILES_ROOT) / name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / "h5p").exists()
    for host in (SITE_HOST, H5P_HOST):
        assert client.get(f"/media/{name}", headers={"host": host}).status_code == 404
    response = client.get(
        file_url(tiny_package, 1, f"{library.folder}/tiny-quiz.js"), headers={"host": H5P_HOST}
    )
    assert response.status_code == 200
    response.close()


def test_files_left_in_media_move_to_the_private_storage(settings):
    old = "h5p/libraries/X.Lib-1.0-abc/evil.svg"
    default_storage.save(old, ContentFile(b"<svg/>"))
    default_storage.save("h5p/packages/123/h5p.json", ContentFile(b"{}"))
    assert storage.move_from_media(default_storage) == 2
    assert not default_storage.exists(old)
    with storage.open_file(old) as fh:
        assert fh.read() == b"<svg/>"
    assert storage.h5p_storage().exists("h5p/packages/123/h5p.json")
    assert storage.move_from_media(default_storage) == 0  # idempotent
