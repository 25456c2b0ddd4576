"""The volume generator for the benchmark writes valid, routable, searchable pages in bulk."""

import pytest
from django.core.management import call_command

from practices.models import PracticePage

pytestmark = pytest.mark.django_db


def test_generate_load_data_tops_up_and_pages_work(client, catalogue_page, instruments):
    call_command("generate_load_data", count=30)
    call_command("generate_load_data", count=45)
    generated = PracticePage.objects.filter(slug__startswith="gen-")
    assert generated.count() == 45
    catalogue_page.refresh_from_db()
    assert catalogue_page.numchild == 45
    page = generated.order_by("path").last()
    assert client.get(page.url).status_code == 200
    response = client.get(catalogue_page.url, {"q": "swietlica"})
    assert response.status_code == 200
    assert all("Świetlica" in p.title for p in response.context["result"].items)
    # treebeard's own view of the tree agrees
    assert catalogue_page.get_children().count() == 45
    assert page.get_parent().pk == catalogue_page.pk
