import pytest


@pytest.fixture(autouse=True)
def _account_adapter(settings):
    # The line the platform owner adds to config/settings/base.py (see the courses report).
    settings.ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
