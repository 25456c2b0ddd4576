"""Demo trainings (written by the team): past and upcoming, in person and online.

Idempotent: a training is created only if its slug is missing under the index. Dates are set
relative to the day of the first load. Past sessions get a few anonymous-looking demo
attendees so the staff tools and counts have something to show; no e-mail is sent."""

import datetime

from django.utils import timezone

from demo.content.events_en import load_english
from events.models import (
    EventConsent,
    EventPage,
    EventQuestion,
    Registration,
    Session,
    Status,
)
from events.seats import recount_session
from practices.models import Instrument

CONSENT = (
    "Wyrażam zgodę na przetwarzanie moich danych osobowych przez organizatora w celu "
    "przeprowadzenia szkolenia i rozliczenia projektu MWF, zgodnie z informacją o "
    "przetwarzaniu danych."
)


def _at(days, hour, minute=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _agenda(items):
    blocks = []
    for item in items:
        if isinstance(item, str):
            blocks.append(("day", item))
        else:
            time, title, text = item
            blocks.append(("item", {"time": time, "title": title, "description": f"<p>{text}</p>"}))
    return blocks


KRAKOW = {
    "venue_name": "Uniwersytet Ekonomiczny w Krakowie, Pawilon Sowiński, sala 2.12",
    "street": "ul. Rakowicka 27",
    "postal_code": "31-510",
    "city": "Kraków",
    "voivodeship": "12",
    "accessibility": (
        "Wejście bez progów od strony parkingu, winda do sali, toaleta dostosowana na parterze. "
        "Pętla indukcyjna w sali. Potrzebę tłumacza PJM prosimy zgłosić w formularzu."
    ),
}
LUBLIN = {
    "venue_name": "Centrum Konferencyjne, sala A",
    "street": "ul. Spokojna 2",
    "postal_code": "20-074",
    "city": "Lublin",
    "voivodeship": "06",
    "accessibility": "Budynek bez barier, miejsca parkingowe dla osób z niepełnosprawnościami.",
}
ONLINE = {"online": True, "join_url": "https://spotkania.example.pl/mwf-szkolenie"}

TRAININGS = [
    {
        "slug": "regranting-krok-po-kroku",
        "title": "Regranting krok po kroku – jak wybrać operatora i rozliczyć mikrogranty",
        "lead": (
            "Całodniowe warsztaty dla urzędników i organizacji, które chcą powierzyć "
            "rozdzielanie małych dotacji doświadczonemu operatorowi."
        ),
        "format": "stacjonarne",
        "audience": "both",
        "instruments": ["regranting"],
        "hours": 7,
        "outcomes": (
            "Uczestnik wskazuje podstawę prawną regrantingu.\n"
            "Uczestnik przygotowuje ogłoszenie konkursu na operatora.\n"
            "Uczestnik planuje kontrolę i sprawozdawczość mikrograntów."
        ),
        "agenda": [
            (
                "9:30–11:00",
                "Czym jest regranting",
                "Art. 16a ustawy i słowniczek pojęć, rola operatora.",
            ),
            (
                "11:15–13:00",
                "Konkurs na operatora",
                "Ogłoszenie, kryteria oceny, umowa regrantingowa.",
            ),
            (
                "13:45–15:30",
                "Mikrogranty w praktyce",
                "Nabór, umowy z realizatorami, sprawozdania.",
            ),
        ],
        "sessions": [
            {"starts_at": _at(21, 9, 30), "hours": 6, "capacity": 25, **KRAKOW},
            {"starts_at": _at(49, 9, 30), "hours": 6, "capacity": 25, **LUBLIN},
        ],
        "questions": [("Czy masz szczególne potrzeby żywieniowe?", "text", False)],
    },
    {
        "slug": "male-granty-online",
        "title": "Małe granty bez tajemnic – webinarium",
        "lead": (
            "Dwugodzinne spotkanie online o trybie pozakonkursowym: od oferty organizacji do "
            "sprawozdania, z omówieniem najczęstszych błędów."
        ),
        "format": "online",
        "audience": "ngo",
        "instruments": ["male-granty"],
        "hours": 2,
        "outcomes": "Uczestnik przygotowuje uproszczoną ofertę realizacji zadania publicznego.",
        "agenda": [
            ("10:00–10:45", "Warunki trybu małych zleceń", "Limity kwot i czasu, zadania lokalne."),
            (
                "10:45–11:30",
                "Oferta i sprawozdanie",
                "Wzory dokumentów, terminy, uwagi mieszkańców.",
            ),
            ("11:30–12:00", "Pytania uczestników", "Odpowiadamy na pytania zadane na czacie."),
        ],
        "sessions": [{"starts_at": _at(10, 10), "hours": 2, "capacity": 80, **ONLINE}],
        "questions": [
            ("Jaką organizację reprezentujesz (np. stowarzyszenie, fundacja)?", "text", True)
        ],
    },
    {
        "slug": "program-wspolpracy-warsztat",
        "title": "Roczny program współpracy – warsztat dla gmin i powiatów",
        "lead": (
            "Jak przygotować program współpracy z organizacjami, poprowadzić konsultacje i "
            "napisać sprawozdanie, które coś mówi o efektach."
        ),
        "format": "stacjonarne",
        "audience": "jst",
        "instruments": ["program-wspolpracy"],
        "hours": 6,
        "outcomes": "Uczestnik zna obowiązkowe elementy programu współpracy.",
        "agenda": [
            ("10:00–12:00", "Elementy programu", "Przegląd wymaganych elementów i dobrych wzorów."),
            (
                "12:30–14:00",
                "Konsultacje",
                "Formy konsultacji z organizacjami i ich dokumentowanie.",
            ),
            ("14:00–15:30", "Sprawozdanie", "Wskaźniki i terminy; publikacja w BIP."),
        ],
        "sessions": [{"starts_at": _at(-30, 10), "hours": 5.5, "capacity": 20, **KRAKOW}],
        "past_attendees": 14,
    },
    {
        "slug": "inicjatywa-lokalna-online",
        "title": "Inicjatywa lokalna: mieszkańcy współrealizują zadania gminy",
        "lead": (
            "Spotkanie online o tym, jak przygotować uchwałę o trybie i kryteriach oraz jak "
            "ocenić wnioski mieszkańców."
        ),
        "format": "online",
        "audience": "both",
        "instruments": ["inicjatywa-lokalna"],
        "hours": 3,
        "agenda": [
            ("13:00–14:00", "Uchwała rady", "Tryb i szczegółowe kryteria oceny wniosków."),
            (
                "14:00–15:00",
                "Wkład mieszkańców",
                "Praca społeczna, świadczenia rzeczowe, pieniądze.",
            ),
            ("15:00–16:00", "Umowa i rozliczenie", "Przykłady z gmin, które robią to od lat."),
        ],
        "sessions": [{"starts_at": _at(-12, 13), "hours": 3, "capacity": 100, **ONLINE}],
        "past_attendees": 22,
    },
    {
        "slug": "otwarty-konkurs-ofert-dwudniowy",
        "title": "Otwarty konkurs ofert od ogłoszenia do kontroli – szkolenie dwudniowe",
        "lead": (
            "Intensywne szkolenie dla pracowników urzędów: ogłoszenie, komisja konkursowa, "
            "umowy, kontrola i sprawozdania – z ćwiczeniami na dokumentach."
        ),
        "format": "hybrydowe",
        "audience": "jst",
        "instruments": ["otwarty-konkurs-ofert"],
        "hours": 12,
        "manual_approval": True,
        "agenda": [
            "Dzień pierwszy",
            ("9:00–12:00", "Ogłoszenie konkursu", "Terminy, miejsca publikacji, kryteria."),
            ("12:45–16:00", "Praca komisji", "Ocena formalna i merytoryczna, protokół."),
            "Dzień drugi",
            ("9:00–12:00", "Umowa i aneksy", "Zmiany w harmonogramie i budżecie zadania."),
            ("12:45–15:00", "Kontrola i sprawozdanie", "Plan kontroli, korekty, zwrot dotacji."),
        ],
        "sessions": [
            {
                "starts_at": _at(35, 9),
                "ends_at": _at(36, 15),
                "capacity": 18,
                **KRAKOW,
            }
        ],
        "questions": [
            ("Stanowisko w urzędzie", "text", True),
            ("Czy będziesz potrzebować noclegu?", "checkbox", False),
        ],
    },
    {
        "slug": "budzet-obywatelski-dla-ngo",
        "title": "Budżet obywatelski: jak organizacje mogą wspierać mieszkańców",
        "lead": (
            "Webinarium dla organizacji pozarządowych o pomocy mieszkańcom w pisaniu projektów "
            "i prowadzeniu kampanii przed głosowaniem."
        ),
        "format": "online",
        "audience": "ngo",
        "instruments": ["budzet-obywatelski"],
        "hours": 2,
        "agenda": [
            (
                "17:00–18:00",
                "Zasady budżetu obywatelskiego",
                "Kto może zgłaszać projekty i jak są weryfikowane.",
            ),
            ("18:00–19:00", "Rola organizacji", "Wsparcie mieszkańców bez konfliktu interesów."),
        ],
        "sessions": [
            {"starts_at": _at(14, 17), "hours": 2, "capacity": 10, "waiting_list": True, **ONLINE}
        ],
    },
    {
        "slug": "fundusz-solecki-warsztat",
        "title": "Fundusz sołecki w praktyce – warsztat w Lublinie",
        "lead": "Warsztat dla sołtysów, skarbników i pracowników gmin wiejskich.",
        "format": "stacjonarne",
        "audience": "jst",
        "instruments": ["fundusz-solecki"],
        "hours": 5,
        "agenda": [
            ("10:00–12:00", "Terminy i uchwały", "Kalendarz funduszu i wniosek sołectwa."),
            (
                "12:30–15:00",
                "Zwrot z budżetu państwa",
                "Jak przygotować dokumenty do zwrotu części wydatków.",
            ),
        ],
        "sessions": [{"starts_at": _at(-60, 10), "hours": 5, "capacity": 30, **LUBLIN}],
        "past_attendees": 19,
    },
    # The workshop and the consultations of the learning path "Małe granty" (demo/content/
    # paths.py): the workshop takes those who have completed the online course.
    {
        "slug": "male-granty-warsztat",
        "title": "Mały grant od oferty do sprawozdania – warsztat",
        "lead": (
            "Warsztat dla osób, które ukończyły kurs online o małych grantach: na przykładach "
            "z gmin oceniamy oferty, piszemy umowę i rozliczamy zadanie."
        ),
        "format": "stacjonarne",
        "audience": "both",
        "instruments": ["male-granty"],
        "hours": 5,
        "outcomes": (
            "Ocenia uproszczoną ofertę pod względem formalnym i merytorycznym.\n"
            "Przygotowuje umowę i rozlicza zadanie w trybie małych zleceń."
        ),
        "agenda": [
            ("10:00–11:30", "Ocena oferty", "Ćwiczenie na trzech prawdziwych ofertach."),
            ("11:45–13:15", "Umowa", "Co wpisać, by zadanie dało się rozliczyć."),
            ("13:45–15:00", "Sprawozdanie", "Typowe błędy i jak ich uniknąć."),
        ],
        "sessions": [{"starts_at": _at(28, 10), "hours": 5, "capacity": 20, **KRAKOW}],
        "questions": [("Czy masz szczególne potrzeby żywieniowe?", "text", False)],
    },
    {
        "slug": "male-granty-konsultacje",
        "title": "Konsultacje indywidualne: mały grant w Twojej gminie",
        "lead": (
            "Godzina rozmowy online z ekspertką: omawiamy Twoją ofertę, umowę albo sprawozdanie "
            "w trybie małych zleceń."
        ),
        "format": "online",
        "audience": "both",
        "instruments": ["male-granty"],
        "hours": 1,
        "outcomes": "Wie, co poprawić we własnych dokumentach małego grantu.",
        "agenda": [("10:00–11:00", "Rozmowa", "Twoje pytania i dokumenty.")],
        "sessions": [
            {"starts_at": _at(35, 10), "hours": 1, "capacity": 6, **ONLINE},
            {"starts_at": _at(42, 10), "hours": 1, "capacity": 6, **ONLINE},
        ],
        "questions": [("Czego dotyczy Twoje pytanie?", "textarea", False)],
    },
]

FIRST_NAMES = ["Anna", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Paweł", "Agnieszka", "Marcin"]
LAST_NAMES = ["Nowak", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski", "Zielińska", "Mazur"]


def _make(index, spec):
    page = EventPage(
        title=spec["title"],
        slug=spec["slug"],
        lead=spec["lead"],
        format=spec["format"],
        audience=spec["audience"],
        hours=spec.get("hours", 0),
        outcomes=spec.get("outcomes", ""),
        manual_approval=spec.get("manual_approval", False),
        description=[
            ("paragraph", f"<p>{spec['lead']}</p>"),
            (
                "paragraph",
                "<p>Udział jest bezpłatny. Szkolenie jest częścią programu MWF; po zajęciach "
                "uczestnicy otrzymują zaświadczenie o udziale.</p>",
            ),
        ],
        agenda=_agenda(spec["agenda"]),
        trainers=[
            (
                "trainer",
                {
                    "name": "dr Ewa Przykładowa",
                    "role": "ekspertka MSAP UEK",
                    "bio": "Od lat doradza samorządom we współpracy z organizacjami.",
                },
            ),
            (
                "trainer",
                {
                    "name": "Jan Modelowy",
                    "role": "trener FRDL",
                    "bio": "Prowadzi szkolenia z dotacji dla organizacji pozarządowych.",
                },
            ),
        ],
    )
    for i, s in enumerate(spec["sessions"]):
        data = dict(s)
        hours = data.pop("hours", None)
        if hours:
            data["ends_at"] = data["starts_at"] + datetime.timedelta(hours=hours)
        page.sessions.add(Session(sort_order=i, **data))
    for i, (label, kind, required) in enumerate(spec.get("questions", [])):
        page.questions.add(EventQuestion(sort_order=i, label=label, kind=kind, required=required))
    page.consents.add(EventConsent(sort_order=0, text=CONSENT))
    index.add_child(instance=page)
    page.instruments.set(Instrument.objects.filter(slug__in=spec.get("instruments", [])))
    page.save_revision().publish()
    return page


def _past_attendees(page, count):
    session = page.sessions.first()
    for i in range(count):
        Registration.objects.get_or_create(
            session=session,
            email=f"uczestnik{i + 1}.{page.slug}@example.pl",
            defaults={
                "first_name": FIRST_NAMES[i % len(FIRST_NAMES)],
                "last_name": LAST_NAMES[i % len(LAST_NAMES)],
                "organisation": "Gmina Przykładowo" if i % 3 else "Stowarzyszenie Razem",
                "organisation_type": "jst" if i % 3 else "ngo",
                "voivodeship": session.voivodeship or "12",
                "status": Status.ATTENDED if i % 5 else Status.NO_SHOW,
                "email_confirmed_at": session.starts_at - datetime.timedelta(days=7),
                "created_at": session.starts_at - datetime.timedelta(days=7),
                "attendance_marked_at": session.ends_at,
            },
        )
    recount_session(session.pk)


def load(home, sections, stdout):
    index = sections["wydarzenia"]
    created = 0
    pages = {}
    for spec in TRAININGS:
        page = EventPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is None:
            page = _make(index, spec)
            created += 1
        if spec.get("past_attendees"):
            _past_attendees(page, spec["past_attendees"])
        pages[spec["slug"]] = page
    english = load_english(pages)
    stdout.write(
        f"Szkolenia: {created} nowych, {len(TRAININGS)} w sumie; {english} nowych po angielsku."
    )
