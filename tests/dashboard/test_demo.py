import io

import pytest

from dashboard.models import JstMilestone, SupportedJst
from demo.content import dashboard as demo

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(home_page):
    demo.load(home=home_page, sections={}, stdout=io.StringIO())
    counts = SupportedJst.objects.count(), JstMilestone.objects.count()
    demo.load(home=home_page, sections={}, stdout=io.StringIO())
    assert (SupportedJst.objects.count(), JstMilestone.objects.count()) == counts == (4, 12)
    for jst in SupportedJst.objects.all():
        jst.full_clean()  # every demo TERYT code is valid for its type
