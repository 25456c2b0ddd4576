"""Site search benchmark.

`/szukaj/?q=inicjatywy lokalnej` (a two-word inflected query, read by cms.search) against the
running site at `base_url`, 8 connections, after an unmeasured warm-up: requests per second,
p95 and p99, and the SQL queries of one such request (counted in a subprocess with Django's test
client on the same database). Measured over the demo content as it is, then again after
`generate_load_data` has topped the site up to 10,000 practices and `update_index` has indexed
them (generated practices are made without index entries).

`run(base_url, python) -> [{name, value, unit}]`; `python bench/search.py [base_url]` prints them.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import figure, load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COUNT = int(os.environ.get("BENCH_PRACTICES_COUNT", "10000"))
QUERY = "inicjatywy lokalnej"

_QUERY_COUNTER = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
setup_test_environment()  # so that the response carries its template context (the count)
client = Client(HTTP_HOST="localhost")
client.get("/szukaj/", {"q": sys.argv[1]})
with CaptureQueriesContext(connection) as ctx:
    response = client.get("/szukaj/", {"q": sys.argv[1]})
print(json.dumps({"status": response.status_code, "queries": len(ctx.captured_queries),
                  "results": response.context["page_obj"].paginator.count}))
"""


def _manage(python, *args):
    subprocess.run([python, "manage.py", *args], cwd=ROOT, check=True, capture_output=True)


def _count_queries(python):
    out = subprocess.run(
        [python, "-c", _QUERY_COUNTER, QUERY],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "config.settings.dev"
            ),
        },
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _measure(base_url, python, label):
    counted = _count_queries(python)
    result = load(base_url.rstrip("/") + "/szukaj/?q=" + quote(QUERY))
    name = f"search: site search '{QUERY}', {label}, 8 connections"
    return [
        figure(f"{name}: requests/s", round(result["rps"], 1), "req/s"),
        figure(f"{name}: p95", round(result["p95"], 1), "ms"),
        figure(f"{name}: p99", round(result["p99"], 1), "ms"),
        figure(f"{name}: SQL queries", counted["queries"], "queries"),
        figure(f"{name}: results", counted["results"], "pages"),
        figure(f"{name}: errors", result["errors"], "responses"),
    ]


def run(base_url, python=sys.executable):
    rows = _measure(base_url, python, "demo content")
    _manage(python, "generate_load_data", "--count", str(COUNT))
    _manage(python, "update_index")
    rows += _measure(base_url, python, f"{COUNT} practices")
    return rows


if __name__ == "__main__":
    for row in run(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"):
        print(f"{row['name']}: {row['value']} {row['unit']}")
