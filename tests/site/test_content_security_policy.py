"""The browser enforces the site's Content-Security-Policy, and the tests hear it when it does:
the listener of tests/conftest.py (which the demo walk relies on) records a refused inline
script."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inline_script_is_refused_and_reported(live_server, page, home_page):
    page.goto(live_server.url + "/")
    assert page.csp_violations == []
    with pytest.raises(Exception):  # noqa: B017, PT011 - Playwright's error for a blocked script
        page.add_script_tag(content="window.injected = true;")
    assert page.evaluate("() => window.injected === undefined")
    page.wait_for_timeout(200)  # the console event arrives after the refusal
    assert any("script-src" in violation for violation in page.csp_violations), page.csp_violations
