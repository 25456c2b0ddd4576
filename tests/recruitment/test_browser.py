"""The recruitment in a real browser (Chromium): a gmina's secretary saves a draft, is told what
is missing, attaches the files and submits; two programme staff members score it in the Wagtail
admin without seeing each other's points, and one selects it, which adds the JST to the dashboard's
tracker. axe-core checks every public page on the way, in Polish and English."""

import pytest
from allauth.account.models import EmailAddress

from cms import roles
from dashboard.models import Milestone, SupportedJst
from recruitment.models import Application, Status
from tests.conftest import assert_no_axe_violations
from tests.recruitment.conftest import PDF, make_call, make_user

PASSWORD = "Haslo-testowe-123"


def log_in(page, base, email):
    page.goto(f"{base}/konto/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def log_in_admin(page, base, email):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{base}/admin/")


def score(page, base, application, points, comment):
    page.goto(f"{base}/admin/nabor-jst/zgloszenie/{application.pk}/")
    page.check("input[name=conflict][value=no]")
    for field, value in zip(page.locator("input[name^=points_]").all(), points, strict=True):
        field.fill(str(value))
    page.fill("textarea[name=comment]", comment)
    page.get_by_role("button", name="Złóż ocenę").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_from_draft_to_selection(live_server, page, home_page, instruments, locales, tmp_path):
    base = live_server.url
    call = make_call(home_page)
    english = call.copy_for_translation(locales["en"], copy_parents=True)
    english.title, english.slug = "Call for JSTs", "jst-support"
    english.save_revision().publish()
    applicant = make_user("sekretarz@wieliczka.example.pl", first_name="Ewa", last_name="Kowal")
    EmailAddress.objects.create(user=applicant, email=applicant.email, verified=True, primary=True)
    first = make_user("ocena1@mwf.example.pl", roles.PROGRAMME_STAFF, first_name="Ola")
    second = make_user("ocena2@mwf.example.pl", roles.PROGRAMME_STAFF, first_name="Piotr")
    files = []
    for name in ("program.pdf", "list.pdf"):
        path = tmp_path / name
        path.write_bytes(PDF)
        files.append(str(path))

    # The call, in both languages.
    page.goto(f"{base}/en/jst-support/")
    assert page.locator("h1").inner_text() == "Call for JSTs"
    assert_no_axe_violations(page)
    page.goto(f"{base}/wsparcie-jst/")
    assert_no_axe_violations(page)

    # A draft with a mistake: saved, the mistake explained, nothing lost.
    log_in(page, base, applicant.email)
    page.goto(f"{base}/wsparcie-jst/")
    page.get_by_role("link", name="Złóż zgłoszenie").click()
    page.wait_for_url(f"**/wsparcie-jst/{call.pk}/zgloszenie/")
    assert_no_axe_violations(page)
    page.fill("#id_jst_name", "Gmina Wieliczka")
    page.select_option("#id_jst_type", "gmina_miejsko_wiejska")
    page.fill("#id_teryt", "1219069")
    page.fill("#id_barriers", "Mało organizacji na terenach wiejskich.")
    page.locator("button[value=save]").first.click()
    page.wait_for_load_state()
    assert page.locator("#id_teryt").input_value() == "1219069"
    assert page.get_attribute("#id_teryt", "aria-invalid") == "true"
    assert "Szkic zapisaliśmy" in page.content()
    assert_no_axe_violations(page)
    assert Application.objects.get().barriers == "Mało organizacji na terenach wiejskich."

    # Corrected and completed, then submitted.
    page.fill("#id_teryt", "1219063")
    page.fill("#id_contact_name", "Ewa Kowal")
    page.fill("#id_contact_email", "ewa.kowal@wieliczka.example.pl")
    page.fill("#id_contact_phone", "+48 12 345 67 89")
    page.check("input[name=instruments] >> nth=0")
    page.select_option("#id_cooperation_programme", "yes")
    page.fill("#id_calls_last_year", "4")
    page.fill("#id_grants_last_year", "250000")
    page.fill("#id_goals", "Uruchomić małe granty dla sołectw.")
    page.check("#id_authorised")
    for field, path in zip(page.locator("input[type=file]").all(), files, strict=True):
        field.set_input_files(path)
    page.get_by_role("button", name="Złóż zgłoszenie").click()
    page.wait_for_load_state()
    assert "zostało złożone" in page.content(), page.content()[-4000:]
    assert_no_axe_violations(page)
    application = Application.objects.get()
    assert application.status == Status.SUBMITTED
    page.goto(f"{base}/moje-zgloszenia/")
    assert "złożone" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # Two independent scorers in the admin.
    log_in_admin(page, base, first.email)
    score(page, base, application, (5, 4, 3), "Pierwsza ocena")
    assert "Twoja ocena jest złożona" in page.content()
    log_in_admin(page, base, second.email)
    page.goto(f"{base}/admin/nabor-jst/zgloszenie/{application.pk}/")
    assert "Pierwsza ocena" not in page.content()
    score(page, base, application, (3, 3, 2), "Druga ocena")
    assert "Pierwsza ocena" in page.content()
    page.goto(f"{base}/admin/nabor-jst/nabor/{call.pk}/")
    assert "69,00" in page.locator("table.recruitment-ranking").inner_text()

    # Selection: the JST joins the tracker with its instrument and first milestone.
    page.goto(f"{base}/admin/nabor-jst/zgloszenie/{application.pk}/")
    page.get_by_role("button", name="Wybierz do wsparcia").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == Status.SELECTED
    jst = SupportedJst.objects.get(teryt="1219063")
    assert jst.instruments.count() == 1
    assert jst.milestones.get().stage == Milestone.DIAGNOSIS

    # The applicant sees the result.
    page.context.clear_cookies()
    log_in(page, base, applicant.email)
    page.goto(f"{base}/moje-zgloszenia/")
    assert "wybrane" in page.locator("main").inner_text()
