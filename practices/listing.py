"""A practice as the catalogue's result list shows it: read with one narrow query, labels and
formatted values prepared in advance (so a page of them can be cached), URLs set per request."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import Truncator

from cms.teryt import VOIVODESHIPS, JstType
from practices.models import PracticePage
from practices.templatetags.practices_tags import pln

# The columns a listed practice is read from.
LIST_FIELDS = (
    "pk",
    "title",
    "url_path",
    "lead",
    "jst_name",
    "jst_type",
    "voivodeship",
    "start_year",
    "end_year",
    "budget_total",
    "instrument_keys",
    "status",
)

JST_LABELS = dict(JstType.choices)
LEAD_WORDS = 40


@dataclass
class ListedPractice:
    """A practice as the result list shows it, read with one narrow query (no page objects, no
    StreamFields): its labels, formatted budget and shortened lead are prepared here, so the
    template only prints them, and a page of them can be cached. `url` is set per request by
    `attach_urls`."""

    pk: int
    title: str
    url_path: str
    jst_name: str
    jst_type_label: str
    voivodeship_name: str
    start_year: int
    end_year: int | None
    status: str
    budget_total: Decimal | None
    budget_label: str
    lead_short: str
    instrument_names: list
    url: str | None = None

    @classmethod
    def from_row(cls, row, instruments_by_id):
        keys = (int(k) for k in row["instrument_keys"].strip(",").split(",") if k)
        return cls(
            pk=row["pk"],
            title=row["title"],
            url_path=row["url_path"],
            jst_name=row["jst_name"],
            jst_type_label=str(JST_LABELS.get(row["jst_type"], row["jst_type"])),
            voivodeship_name=VOIVODESHIPS.get(row["voivodeship"], row["voivodeship"]),
            start_year=row["start_year"],
            end_year=row["end_year"],
            status=row["status"],
            budget_total=row["budget_total"],
            budget_label=pln(row["budget_total"]) if row["budget_total"] else "",
            lead_short=Truncator(row["lead"]).words(LEAD_WORDS, truncate=" …"),
            instrument_names=[
                instruments_by_id[k].display_name for k in keys if k in instruments_by_id
            ],
        )

    def get_url(self, request=None):
        return self.url


def attach_urls(items, index, request):
    """Set each listed practice's URL. A practice under the catalogue page (all of them, in
    practice) gets the catalogue's URL plus the rest of its path, with no per-item lookups;
    any other is resolved by Wagtail."""
    if not items:
        return
    index_url = index.get_url(request)
    prefix = index.url_path
    others = []
    for item in items:
        if index_url and item.url_path.startswith(prefix):
            item.url = index_url + item.url_path[len(prefix) :]
        else:
            others.append(item)
    if others:
        pages = PracticePage.objects.filter(pk__in=[i.pk for i in others]).only("url_path")
        urls = {page.pk: page.get_url(request) for page in pages}
        for item in others:
            item.url = urls.get(item.pk)
