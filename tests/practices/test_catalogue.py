"""The catalogue: each filter and their combination, facet counts, folded search, sorting,
pagination, bad input and the query budget."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices import catalogue
from practices.models import PracticePage
from practices.text import fold, query_terms

from .factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(catalogue_page, instruments):
    i = instruments
    return {
        "lodz": make_practice(
            catalogue_page,
            [i["regranting"]],
            title="Regranting dla organizacji z Łodzi",
            jst_name="Miasto Łódź",
            jst_type="miasto_na_prawach_powiatu",
            teryt="1061011",
            start_year=2018,
            budget_total=900000,
        ),
        "small": make_practice(
            catalogue_page,
            [i["male-granty"]],
            title="Małe granty na kulturę",
            jst_name="Gmina Żółkiewo",
            jst_type="gmina_wiejska",
            teryt="1206052",
            start_year=2021,
            budget_total=40000,
        ),
        "local": make_practice(
            catalogue_page,
            [i["inicjatywa-lokalna"], i["male-granty"]],
            title="Plac zabaw z inicjatywy mieszkańców",
            jst_name="Gmina Nowe Pole",
            jst_type="gmina_miejsko_wiejska",
            teryt="3010033",
            start_year=2023,
            budget_total=120000,
        ),
        "county": make_practice(
            catalogue_page,
            [i["budzet-obywatelski"]],
            title="Powiatowy budżet dla młodzieży",
            jst_name="Powiat Zielony",
            jst_type="powiat",
            teryt="3010",
            start_year=2024,
            budget_total=None,
        ),
    }


def titles(response):
    return [p.title for p in response.context["result"].items]


def get(client, index, **params):
    response = client.get(index.url, params)
    assert response.status_code == 200
    return response


def test_fold_and_terms():
    assert fold("Łódź, ŻÓŁW!") == "lodz zolw"
    first, second = query_terms("Inicjatywy LOKALNEJ", "pl")[0].concepts
    assert "inicjatywa" in first
    assert "lokalny" in second


def test_no_filters_lists_everything_newest_first(client, catalogue_page, sample):
    response = get(client, catalogue_page)
    assert titles(response) == [
        "Powiatowy budżet dla młodzieży",
        "Plac zabaw z inicjatywy mieszkańców",
        "Małe granty na kulturę",
        "Regranting dla organizacji z Łodzi",
    ]
    html = response.content.decode()
    assert 'role="status"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"instrument": "male-granty"}, {"small", "local"}),
        ({"instrument": ["regranting", "budzet-obywatelski"]}, {"lodz", "county"}),
        ({"jst": "gmina_wiejska"}, {"small"}),
        ({"jst": ["powiat", "miasto_na_prawach_powiatu"]}, {"lodz", "county"}),
        ({"woj": "30"}, {"local", "county"}),
        ({"year_from": "2021", "year_to": "2023"}, {"small", "local"}),
        ({"year_from": "2023"}, {"local", "county"}),
        ({"budget_min": "50000"}, {"lodz", "local"}),
        ({"budget_max": "150000"}, {"small", "local"}),
        ({"budget_min": "50000", "budget_max": "150000"}, {"local"}),
        ({"q": "lodz"}, {"lodz"}),
        ({"q": "ŁÓDŹ"}, {"lodz"}),
        ({"q": "inicjatywa lokalna"}, {"local"}),
        ({"q": "zolkiewo"}, {"small"}),
        ({"q": "łódzkie"}, {"lodz"}),
        ({"instrument": "male-granty", "woj": "30", "year_from": "2020", "q": "plac"}, {"local"}),
        ({"instrument": "male-granty", "jst": "gmina_wiejska", "budget_max": "50000"}, {"small"}),
    ],
)
def test_filters_and_their_combination(client, catalogue_page, sample, params, expected):
    response = get(client, catalogue_page, **params)
    assert set(titles(response)) == {sample[key].title for key in expected}
    assert response.context["result"].total == len(expected)


def test_facet_counts_apply_the_other_filters(client, catalogue_page, sample):
    response = get(client, catalogue_page, woj="30")
    facets = {
        name: {o["value"]: o["count"] for o in opts}
        for name, opts in response.context["result"].facets.items()
    }
    # Within wielkopolskie (30): one practice with small grants, one with participatory budget.
    assert facets["instrument"]["male-granty"] == 1
    assert facets["instrument"]["budzet-obywatelski"] == 1
    assert facets["instrument"]["regranting"] == 0
    # The województwo facet ignores its own filter: it shows what ticking another would give.
    assert facets["woj"]["10"] == 1
    assert facets["woj"]["12"] == 1
    html = response.content.decode()
    assert "wielkopolskie" in html and '<th scope="row">' in html


def test_sorting(client, catalogue_page, sample):
    by_name = titles(get(client, catalogue_page, sort="name"))
    assert by_name == sorted(by_name, key=fold)
    by_budget = titles(get(client, catalogue_page, sort="budget"))
    assert by_budget[0] == sample["lodz"].title
    assert by_budget[-1] == sample["county"].title  # no budget: last


def test_pagination_and_url_state(client, catalogue_page, instruments):
    for n in range(catalogue.PAGE_SIZE + 5):
        make_practice(catalogue_page, [instruments["regranting"]], title=f"Praktyka {n:02d}")
    response = get(client, catalogue_page, instrument="regranting", sort="name", page="2")
    result = response.context["result"]
    assert result.page == 2 and len(result.items) == 5
    html = response.content.decode()
    assert "instrument=regranting&amp;sort=name" in html  # links keep the filters
    assert 'aria-current="page"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"instrument": "nie-ma-takiego"}, "nie-ma-takiego"),
        ({"woj": "99"}, "99"),
        ({"jst": "kraj"}, "kraj"),
        ({"year_from": "-5"}, "-5"),
        ({"year_from": "abc"}, "abc"),
        ({"budget_min": "-100"}, "budget"),
        ({"budget_min": "dużo"}, "dużo"),
        ({"budget_min": "NaN"}, "NaN"),
        ({"page": "999"}, "999"),
        ({"page": "zero"}, "zero"),
        ({"sort": "random"}, "random"),
        ({"q": "x" * 5000}, "200"),
    ],
)
def test_bad_input_gives_a_normal_page_with_a_message(
    client, catalogue_page, sample, params, message
):
    response = get(client, catalogue_page, **params)
    filters = response.context["filters"]
    assert filters.messages, params
    html = response.content.decode()
    assert 'id="filter-notices"' in html
    assert message.lower() in " ".join(str(m) for m in filters.messages).lower() or message in html


def test_reversed_ranges_are_swapped(client, catalogue_page, sample):
    response = get(
        client,
        catalogue_page,
        year_from="2023",
        year_to="2021",
        budget_min="150000",
        budget_max="50000",
    )
    assert set(titles(response)) == {sample["local"].title}
    assert len(response.context["filters"].messages) == 2


def test_page_past_the_end_shows_the_last_page(client, catalogue_page, sample):
    response = get(client, catalogue_page, page="50")
    assert response.context["result"].page == 1
    assert len(titles(response)) == 4


def test_empty_result_explains_which_filter_to_loosen(client, catalogue_page, sample):
    response = get(client, catalogue_page, instrument="regranting", woj="30")
    result = response.context["result"]
    assert result.total == 0
    # Without the województwo filter 1 practice matches; without the instrument filter, 2.
    assert [a["count"] for a in result.advice] == [2, 1]
    html = response.content.decode()
    assert "woj=30" in html and "instrument=regranting" in html


def _count_queries(index, params):
    """Queries of the catalogue itself (filters, facets, results, advice, result URLs),
    without Wagtail's routing and the cached site chrome of base.html
    whose query count depends on the state of the platform's cache."""
    from django.test import RequestFactory

    from practices import views

    request = RequestFactory().get(index.url, params)
    with CaptureQueriesContext(connection) as ctx:
        context = views.catalogue_context(request, index)
        list(context["result"].items)
        for item in context["result"].items:
            item.get_url(request)
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"instrument": "male-granty", "woj": "12", "q": "gmina"},
        {
            "jst": "gmina_wiejska",
            "year_from": "2019",
            "budget_max": "100000",
            "sort": "budget",
            "page": "2",
        },
        {"instrument": "regranting", "woj": "02"},  # empty: the advice query
    ],
)
def test_query_budget_does_not_grow_with_the_catalogue(
    client, catalogue_page, instruments, params, settings
):
    # The catalogue filters and searches its own folded columns, not Wagtail's search index.
    # Keeping the index out of these 200 saves matters on PostgreSQL, where Wagtail's backend
    # refreshes every entry's title norm on each insert (quadratic, minutes per case).
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }

    def add(n):
        for k in range(n):
            make_practice(
                catalogue_page,
                [instruments["male-granty"], instruments["regranting"]][: 1 + k % 2],
                jst_name=f"Gmina {k}",
                start_year=2019 + k % 5,
                budget_total=10000 * (k % 20),
                publish=True,
            )

    add(10)
    client.get(catalogue_page.url, params)  # warm Wagtail's site root paths
    # The first request creates the site settings, a content change: the search vocabulary
    # (cms.search.indexed_words, read once per content version) is built again after it.
    client.get(catalogue_page.url, params)
    small = _count_queries(catalogue_page, params)
    add(190)
    client.get(catalogue_page.url, params)
    large = _count_queries(catalogue_page, params)
    assert small == large
    # instruments, one GROUP BY for the total and every facet count, the page of results,
    # the site lookup for result URLs (+1 aggregate for the advice when nothing matches)
    assert large <= 6
    # The whole request, with Wagtail's routing and the site chrome, stays small too.
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(catalogue_page.url, params).status_code == 200
    assert len(ctx.captured_queries) <= 35


@pytest.mark.postgres
def test_folded_search_on_postgresql(client, catalogue_page, sample):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://...")
    for query, key in [
        ("lodz", "lodz"),
        ("ŁÓDŹ", "lodz"),
        ("Żółkiewo", "small"),
        ("inicjatywa lokalna", "local"),
    ]:
        response = get(client, catalogue_page, q=query)
        assert titles(response) == [sample[key].title]


def test_a_draft_does_not_change_the_live_catalogue_until_published(
    client, catalogue_page, instruments
):
    practice = make_practice(
        catalogue_page, [instruments["regranting"]], title="Regranting w Zielonce"
    )
    practice.instruments = [instruments["male-granty"]]
    practice.teryt, practice.jst_type = "3010033", "gmina_miejsko_wiejska"
    revision = practice.save_revision()
    assert titles(get(client, catalogue_page, instrument="regranting", woj="12")) == [
        "Regranting w Zielonce"
    ]
    assert titles(get(client, catalogue_page, instrument="male-granty")) == []
    revision.publish()
    assert titles(get(client, catalogue_page, instrument="male-granty", woj="30")) == [
        "Regranting w Zielonce"
    ]


def _facet_count(response, name, value):
    return next(o["count"] for o in response.context["result"].facets[name] if o["value"] == value)


def test_repeated_filters_reuse_the_cached_counts(client, catalogue_page, sample):
    params = {"instrument": "male-granty", "q": "gmina"}
    get(client, catalogue_page, **params)
    with CaptureQueriesContext(connection) as ctx:
        response = get(client, catalogue_page, **params)
    assert response.context["result"].total == 2
    assert not [q for q in ctx.captured_queries if "GROUP BY" in q["sql"].upper()]
    # Another filter combination is counted afresh.
    with CaptureQueriesContext(connection) as ctx:
        response = get(client, catalogue_page, instrument="male-granty", woj="12")
    assert response.context["result"].total == 1
    assert [q for q in ctx.captured_queries if "GROUP BY" in q["sql"].upper()]


def test_cached_counts_are_right_at_once_after_publish_unpublish_and_delete(
    client, catalogue_page, instruments, sample
):
    params = {"instrument": "male-granty", "woj": "12"}
    before = get(client, catalogue_page, **params)
    get(client, catalogue_page, **params)  # now served from the cache
    assert before.context["result"].total == 1
    assert _facet_count(before, "woj", "30") == 1
    assert _facet_count(before, "instrument", "regranting") == 0

    new = make_practice(
        catalogue_page,
        [instruments["male-granty"], instruments["regranting"]],
        jst_name="Gmina Nowa",
        teryt="1206052",
    )
    after_publish = get(client, catalogue_page, **params)
    assert after_publish.context["result"].total == 2
    assert _facet_count(after_publish, "instrument", "regranting") == 1
    assert new.title in titles(after_publish)

    new.unpublish()
    after_unpublish = get(client, catalogue_page, **params)
    assert after_unpublish.context["result"].total == 1
    assert _facet_count(after_unpublish, "instrument", "regranting") == 0

    sample["local"].delete()
    after_delete = get(client, catalogue_page, **params)
    assert _facet_count(after_delete, "woj", "30") == 0


def test_empty_result_advice_is_recounted_after_a_publication(
    client, catalogue_page, instruments, sample
):
    params = {"instrument": "regranting", "woj": "30"}
    get(client, catalogue_page, **params)
    assert get(client, catalogue_page, **params).context["result"].catalogue_size == 4
    make_practice(catalogue_page, [instruments["male-granty"]], teryt="1206052")
    result = get(client, catalogue_page, **params).context["result"]
    assert result.total == 0 and result.catalogue_size == 5


def test_listed_practice_shows_labels_budget_and_link(client, catalogue_page, sample):
    response = get(client, catalogue_page, q="lodz")
    [item] = response.context["result"].items
    assert item.url == sample["lodz"].url
    html = response.content.decode()
    assert f'href="{sample["lodz"].url}"' in html
    assert "miasto na prawach powiatu" in html.lower() or "city with county" in html.lower()
    assert "łódzkie" in html
    assert "900" in html and "zł" in html


def test_cached_result_page_follows_an_instrument_rename(
    client, catalogue_page, instruments, sample
):
    get(client, catalogue_page, q="lodz")
    assert "regranting" in get(client, catalogue_page, q="lodz").content.decode()
    instruments["regranting"].name = "regranting miejski"
    instruments["regranting"].save()
    html = get(client, catalogue_page, q="lodz").content.decode()
    assert '<span class="tag">regranting miejski</span>' in html


def test_refresh_catalogue_text_derives_the_search_text_again(catalogue_page, sample):
    PracticePage.objects.update(search_text="")
    call_command("refresh_catalogue_text", stdout=io.StringIO())
    texts = list(PracticePage.objects.values_list("search_text", flat=True))
    assert texts and all(text.strip() for text in texts)
