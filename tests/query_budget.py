"""The one way the tests count a page's SQL queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

BUDGET = 15  # queries per public page (README, "Benchmarks")


def warm_query_count(client, url):
    """(queries, response) of `url` once warm: the first two visits fill the process caches
    (the site chrome settles on the second), the third is counted."""
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response
