"""Demo content of the JST recruitment: the call `/wsparcie-jst/` (English `/en/jst-support/`)
with its criteria and required attachments, and a few applications: two scored by both
demo scorers, one waiting for its scorers, one draft. Idempotent: the call is found by its slug,
accounts by e-mail, applications by their call and account.

The TERYT codes are written in the right format for the kind of unit; an editor checks them
against the GUS register before the demo is shown as real data."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Locale

from cms import roles
from demo.content.site import get_or_create_child, get_or_create_translation
from practices.models import Instrument
from recruitment.models import (
    Application,
    ApplicationAttachment,
    CallCriterion,
    CriterionScore,
    Evaluation,
    RecruitmentCallPage,
    RequiredAttachment,
    Status,
)

CALL_SLUG = "wsparcie-jst"
DEADLINE = datetime.datetime(
    2027, 2, 15, 15, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
)

INTRO = (
    "<p>Szukamy 20 gmin i powiatów, które chcą wdrożyć lub rozwinąć instrumenty finansowej "
    "współpracy z organizacjami pozarządowymi. Wybrane samorządy otrzymają roczne wsparcie "
    "doradcy, warsztaty dla zespołu i pomoc w przygotowaniu uchwał.</p>"
)
RULES = (
    "<h3>Kto może się zgłosić</h3>"
    "<p>Gmina (miejska, wiejska, miejsko-wiejska, także miasto na prawach powiatu) albo powiat. "
    "Jedna jednostka składa jedno zgłoszenie; składa je osoba upoważniona przez wójta, "
    "burmistrza, prezydenta miasta albo zarząd powiatu.</p>"
    "<h3>Jak się zgłosić</h3>"
    "<p>Wypełnij formularz po zalogowaniu. Formularz zapisuje szkic, więc możesz wracać do niego "
    "wiele razy. Zgłoszenie złożone przed terminem nie może być już zmieniane; potwierdzenie "
    "z plikiem PDF przyjdzie e-mailem.</p>"
    "<h3>Jak oceniamy</h3>"
    "<p>Każde zgłoszenie oceniają niezależnie dwie osoby z zespołu programu, które wcześniej "
    "oświadczają, że nie mają konfliktu interesów. O kolejności decyduje średnia ich ocen. "
    "Wyniki zobaczysz w serwisie, w zakładce „Moje zgłoszenia”.</p>"
)
CRITERIA = [
    (
        "Gotowość władz do zmian",
        "Czy wójt, burmistrz albo zarząd powiatu popiera wdrożenie i wyznaczył osobę, która się "
        "nim zajmie.",
        30,
    ),
    (
        "Trafność diagnozy",
        "Czy zgłoszenie rzetelnie opisuje obecną współpracę, jej liczby i bariery.",
        30,
    ),
    (
        "Potencjał współpracy z organizacjami",
        "Liczba i aktywność organizacji działających w jednostce, dotychczasowe konkursy.",
        25,
    ),
    (
        "Trwałość i upowszechnienie",
        "Czy efekty przetrwają koniec wsparcia i czy inne samorządy mogą z nich skorzystać.",
        15,
    ),
]
CRITERIA_EN = [
    (
        "Leaders' readiness for change",
        "Does the mayor or the county board back the change and name a person to carry it?",
    ),
    (
        "Quality of the diagnosis",
        "Does the application describe today's cooperation, its figures and barriers honestly?",
    ),
    (
        "Potential for cooperation with NGOs",
        "How many active organisations the JST has and which calls it has run.",
    ),
    (
        "Durability and spread",
        "Will the results outlast the support, and can other local governments use them?",
    ),
]
ATTACHMENTS = [
    (
        "Uchwała w sprawie programu współpracy na 2026 r.",
        "Albo jej projekt, jeśli program nie został jeszcze uchwalony.",
    ),
    ("List intencyjny", "Podpisany przez wójta, burmistrza, prezydenta miasta albo starostę."),
]
ATTACHMENTS_EN = [
    ("Resolution on the 2026 cooperation programme", "Or its draft if not yet adopted."),
    ("Letter of intent", "Signed by the mayor or the county head."),
]
CALL_EN = {
    "title": "Implementation support for local governments: call for JSTs",
    "slug": "jst-support",
    "intro": (
        "<p>We are looking for 20 gminy and powiaty that want to introduce or develop "
        "instruments of financial cooperation with NGOs. The selected local governments get a "
        "year of an advisor's support, workshops for their team and help with drafting "
        "resolutions.</p>"
    ),
    "rules": (
        "<h3>Who may apply</h3><p>A gmina (urban, rural, urban-rural, or a city with county "
        "rights) or a powiat. One application per local government, submitted by a person the "
        "mayor or the county board has authorised.</p>"
        "<h3>How to apply</h3><p>Fill in the form after logging in. It keeps a draft, so you can "
        "come back as often as you like. Once submitted before the deadline the application can "
        "no longer be changed; a confirmation with a PDF arrives by e-mail.</p>"
        "<h3>How we score</h3><p>Two members of the programme team score each application "
        "independently, after declaring that they have no conflict of interest. The average of "
        "their scores decides the order. You will see the result under “My applications”.</p>"
    ),
}

SCORERS = [
    ("oceniajaca.demo@mwf.example.pl", "Katarzyna", "Wiśniewska"),
    ("oceniajacy.demo@mwf.example.pl", "Tomasz", "Zieliński"),
]
APPLICATIONS = [
    {
        "email": "sekretarz.demo@niepolomice.example.pl",
        "jst_name": "Gmina Niepołomice",
        "jst_type": "gmina_miejsko_wiejska",
        "teryt": "1219043",
        "contact": ("Magdalena Kos", "sekretarz gminy", "+48 12 000 10 01"),
        "instruments": ["male-granty", "inicjatywa-lokalna"],
        "programme": "yes",
        "calls": 6,
        "grants": Decimal("480000"),
        "barriers": "Konkursy obsługuje jedna osoba; organizacje z mniejszych sołectw rzadko "
        "składają oferty, bo nie znają procedur.",
        "goals": "Uruchomić tryb małych zleceń i inicjatywę lokalną dla sołectw.",
        "scores": [(3, 3, 2, 2), (3, 2, 3, 2)],
    },
    {
        "email": "wydzial.demo@powiat-tatrzanski.example.pl",
        "jst_name": "Powiat tatrzański",
        "jst_type": "powiat",
        "teryt": "1217",
        "contact": ("Paweł Gąsienica", "naczelnik wydziału promocji", "+48 18 000 20 02"),
        "instruments": ["regranting"],
        "programme": "late",
        "calls": 2,
        "grants": Decimal("120000"),
        "barriers": "Program współpracy uchwalamy po terminie, a organizacje górskie działają "
        "sezonowo i nie mają wkładu własnego.",
        "goals": "Wybrać operatora regrantingu dla małych organizacji turystycznych.",
        "scores": [(4, 5, 4, 3), (5, 4, 4, 4)],
    },
    {
        "email": "skarbnik.demo@miechow.example.pl",
        "jst_name": "Gmina Miechów",
        "jst_type": "gmina_miejsko_wiejska",
        "teryt": "1208033",
        "contact": ("Jan Nowicki", "skarbnik", "+48 41 000 30 03"),
        "instruments": ["regranting", "male-granty"],
        "programme": "yes",
        "calls": 3,
        "grants": Decimal("210000"),
        "barriers": "Mało organizacji poza miastem; brak doświadczenia z regrantingiem.",
        "goals": "Przygotować pierwszy konkurs na operatora mikrograntów.",
        "scores": [],
    },
]


def _pdf(text):
    """A small genuine PDF (one page, one line of ASCII text) for the demo attachments."""
    stream = f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def load_call(home):
    call = get_or_create_child(
        home,
        RecruitmentCallPage,
        CALL_SLUG,
        title="Wsparcie wdrożeniowe dla samorządów: nabór JST",
        intro=INTRO,
        rules=RULES,
        deadline=DEADLINE,
        places=20,
        criteria=[
            CallCriterion(name=name, description=text, weight=weight, max_points=5, sort_order=i)
            for i, (name, text, weight) in enumerate(CRITERIA)
        ],
        required_attachments=[
            RequiredAttachment(name=name, description=text, sort_order=i)
            for i, (name, text) in enumerate(ATTACHMENTS)
        ],
    )
    en = Locale.objects.filter(language_code="en").first()
    # The English call sits under the English home page (made by demo/content/site.py first).
    if (
        en is not None
        and home.get_translation_or_none(en) is not None
        and call.get_translation_or_none(en) is None
    ):
        english = get_or_create_translation(call, en, **CALL_EN)
        for row, (name, text) in zip(english.criteria.all(), CRITERIA_EN, strict=True):
            row.name, row.description = name, text
            row.save()
        for row, (name, text) in zip(
            english.required_attachments.all(), ATTACHMENTS_EN, strict=True
        ):
            row.name, row.description = name, text
            row.save()
        english.save_revision().publish()
    return call


def _account(email, first_name="", last_name="", role=None):
    User = get_user_model()
    user = User.objects.filter(username=email).first()
    if user is None:
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    if role is not None:
        roles.add_to_role(user, role)
    return user


def load_applications(call):
    scorers = [_account(e, f, last, roles.PROGRAMME_STAFF) for e, f, last in SCORERS]
    criteria = list(call.criteria.all())
    requirements = list(call.required_attachments.all())
    created = 0
    submitted_at = timezone.make_aware(datetime.datetime(2026, 12, 1, 10, 0))
    for n, spec in enumerate(APPLICATIONS):
        user = _account(spec["email"], *spec["contact"][0].split(" ", 1))
        if Application.objects.filter(call=call, applicant=user).exists():
            continue
        name, position, phone = spec["contact"]
        application = Application.objects.create(
            call=call,
            applicant=user,
            status=Status.UNDER_EVALUATION if spec["scores"] else Status.SUBMITTED,
            jst_name=spec["jst_name"],
            jst_type=spec["jst_type"],
            teryt=spec["teryt"],
            contact_name=name,
            contact_position=position,
            contact_email=spec["email"],
            contact_phone=phone,
            cooperation_programme=spec["programme"],
            calls_last_year=spec["calls"],
            grants_last_year=spec["grants"],
            barriers=spec["barriers"],
            goals=spec["goals"],
            authorised=True,
            submitted_at=submitted_at + datetime.timedelta(days=n),
        )
        application.instruments.set(Instrument.objects.filter(slug__in=spec["instruments"]))
        for number, requirement in enumerate(requirements, start=1):
            ApplicationAttachment.objects.create(
                application=application,
                requirement=requirement,
                file=ContentFile(
                    _pdf(f"Zalacznik demonstracyjny {number}"), name=f"zalacznik-{number}.pdf"
                ),
                original_name=f"zalacznik-{number}.pdf",
                size=600,
            )
        for scorer, given in zip(scorers, spec["scores"], strict=False):
            total = sum(
                (
                    Decimal(c.weight) * p / c.max_points
                    for c, p in zip(criteria, given, strict=True)
                ),
                Decimal(0),
            ).quantize(Decimal("0.01"))
            evaluation = Evaluation.objects.create(
                application=application,
                scorer=scorer,
                conflict=False,
                comment="Ocena przykładowa: zgłoszenie kompletne, diagnoza konkretna.",
                total=total,
            )
            CriterionScore.objects.bulk_create(
                CriterionScore(evaluation=evaluation, criterion=c, points=p)
                for c, p in zip(criteria, given, strict=True)
            )
        created += 1
    return created


def load(home, sections, stdout):
    call = load_call(home)
    created = load_applications(call)
    stdout.write(f"recruitment: the call and {created} applications added.")
