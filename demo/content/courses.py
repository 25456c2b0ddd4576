"""Demo content of online courses: two complete Polish courses written by the team (small grants
and local initiative; regranting) and a demo participant. Idempotent: pages are found by slug,
the participant by e-mail, so loading twice changes nothing."""

from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import Site

from accounts.models import Profile
from certificates.models import CertificateSettings
from courses import access, completion, enrolment, progress
from courses.models import CoursePage, LessonPage, ModulePage
from demo.content.courses_en import load_english
from demo.content.streams import callout, h, p, ul
from practices.models import Instrument

DEMO_PARTICIPANT_EMAIL = "uczestnik@mwf.example.pl"
DEMO_PARTICIPANT_PASSWORD = "Uczestnik-MWF-2026"  # noqa: S105  (demo only, printed by the loader)


SMALL_GRANTS = {
    "slug": "male-granty-i-inicjatywa-lokalna",
    "title": "Małe granty i inicjatywa lokalna w praktyce",
    "instruments": ["małych zleceń", "małe granty", "inicjatywa lokalna"],
    "fields": {
        "intro": (
            "<p>Dwa najprostsze sposoby, by samorząd i mieszkańcy wspólnie realizowali drobne "
            "zadania publiczne: tryb małych zleceń, z którego korzystają organizacje "
            "pozarządowe, i inicjatywa lokalna, którą mogą zgłosić sami mieszkańcy. Kurs "
            "prowadzi przez przepisy, terminy i dokumenty, a na końcu pomaga wybrać właściwe "
            "narzędzie.</p>"
        ),
        "audience": "both",
        "duration_hours": Decimal("4"),
        "learning_outcomes": (
            "Wyjaśnia, kiedy organizacja może otrzymać dotację w trybie małych zleceń\n"
            "Stosuje limity kwoty, czasu realizacji i rocznej sumy dotacji\n"
            "Prowadzi ofertę od złożenia do sprawozdania z zachowaniem terminów\n"
            "Opisuje, kto i w jakich sprawach może wystąpić z inicjatywą lokalną\n"
            "Przygotowuje założenia uchwały o trybie i kryteriach oceny wniosków\n"
            "Dobiera instrument do potrzeby zgłoszonej przez mieszkańców lub organizację"
        ),
        "prerequisites": (
            "<p>Nie są potrzebne. Warto mieć pod ręką ustawę o działalności pożytku "
            "publicznego i o wolontariacie.</p>"
        ),
        "certificate_enabled": True,
    },
    "modules": [
        {
            "slug": "tryb-malych-zlecen",
            "title": "Moduł 1. Tryb małych zleceń",
            "intro": "<p>Art. 19a ustawy o działalności pożytku publicznego i o wolontariacie "
            "pozwala przyznać niewielką dotację bez otwartego konkursu ofert.</p>",
            "lessons": [
                {
                    "slug": "czym-jest-tryb-malych-zlecen",
                    "title": "Czym jest tryb małych zleceń i kiedy z niego skorzystać",
                    "minutes": 15,
                    "body": h("Pomysł wychodzi od organizacji")
                    + p(
                        "W otwartym konkursie ofert to samorząd ogłasza, jakie zadanie chce "
                        "zlecić. W trybie małych zleceń jest odwrotnie: organizacja "
                        "pozarządowa sama przychodzi z pomysłem na zadanie publiczne i składa "
                        "ofertę z własnej inicjatywy. Dlatego tryb ten nazywa się potocznie "
                        "„małymi grantami”.",
                        "Ustawodawca przewidział go dla przedsięwzięć drobnych i szybkich: "
                        "pikniku sąsiedzkiego, warsztatów dla seniorów, wydania lokalnego "
                        "przewodnika. Zadanie musi mieć charakter lokalny lub regionalny, a "
                        "samorząd ocenia, czy jest celowe.",
                    )
                    + callout(
                        "tip",
                        "Dla kogo ten tryb",
                        "Dla organizacji, które dopiero zaczynają współpracę z samorządem: "
                        "procedura jest krótka, a dokumenty uproszczone.",
                    )
                    + h("Czego tryb nie zastępuje")
                    + p(
                        "Małe zlecenie nie zastąpi konkursu przy zadaniach dużych ani "
                        "wieloletnich. Nie służy też do dzielenia jednego zadania na części, by "
                        "ominąć konkurs. Jeżeli samorząd chce zlecić zadanie wielu "
                        "organizacjom, powinien ogłosić otwarty konkurs ofert."
                    ),
                },
                {
                    "slug": "limity-malych-zlecen",
                    "title": "Limity: kwota, czas realizacji i suma w roku",
                    "minutes": 15,
                    "body": p(
                        "Tryb małych zleceń ma trzy granice, które warto znać na pamięć, bo "
                        "to one najczęściej decydują o odrzuceniu oferty."
                    )
                    + ul(
                        "<strong>Kwota dotacji</strong> nie może przekroczyć 10 000 zł.",
                        "<strong>Czas realizacji</strong> zadania to najwyżej 90 dni.",
                        "<strong>Suma dotacji</strong> przyznanych jednej organizacji przez "
                        "ten sam samorząd w tym trybie nie może w roku kalendarzowym "
                        "przekroczyć 20 000 zł.",
                    )
                    + callout(
                        "warning",
                        "Częsty błąd",
                        "Organizacja liczy tylko kwotę bieżącej oferty. Tymczasem urząd musi "
                        "sprawdzić, ile ta sama organizacja otrzymała już w danym roku w "
                        "trybie małych zleceń: dopiero suma decyduje, czy można przyznać "
                        "kolejną dotację.",
                    )
                    + p(
                        "Ćwiczenie: fundacja otrzymała w marcu 8 000 zł na warsztaty, a w "
                        "czerwcu składa ofertę na 9 000 zł. Suma wyniesie 17 000 zł, więc "
                        "limit roczny jest zachowany. Gdyby wnioskowała o 13 000 zł, oferta "
                        "przekroczyłaby zarówno limit kwoty jednej dotacji, jak i limit roczny."
                    ),
                },
                {
                    "slug": "od-oferty-do-sprawozdania",
                    "title": "Krok po kroku: od oferty do sprawozdania",
                    "minutes": 20,
                    "body": h("Kolejne kroki")
                    + [
                        (
                            "paragraph",
                            "<ol><li>Organizacja składa uproszczoną ofertę realizacji zadania "
                            "publicznego.</li><li>W ciągu 7 dni roboczych od jej wpływu urząd "
                            "publikuje ofertę w Biuletynie Informacji Publicznej, na swojej "
                            "stronie i na tablicy ogłoszeń.</li><li>Przez 7 dni od publikacji "
                            "każdy może zgłosić uwagi do oferty.</li><li>Po rozpatrzeniu uwag "
                            "organ decyduje, czy zlecić zadanie, i zawiera umowę.</li><li>Po "
                            "zakończeniu zadania organizacja składa uproszczone sprawozdanie."
                            "</li></ol>",
                        )
                    ]
                    + callout(
                        "info",
                        "Wzory dokumentów",
                        "Uproszczone wzory oferty i sprawozdania określa rozporządzenie "
                        "opublikowane w Dz.U. z 2018 r. poz. 2055. Urząd nie może żądać "
                        "innego formularza.",
                    )
                    + p(
                        "Uwagi zgłoszone w okresie publikacji nie wiążą urzędu, ale trzeba je "
                        "rozpatrzyć. Dobrą praktyką jest krótka notatka, jak zostały "
                        "uwzględnione: przyda się przy kontroli i w rozmowie z organizacją."
                    ),
                },
            ],
        },
        {
            "slug": "inicjatywa-lokalna",
            "title": "Moduł 2. Inicjatywa lokalna",
            "intro": "<p>Art. 19b–19h ustawy: mieszkańcy wspólnie z samorządem realizują "
            "zadanie, wnosząc do niego własną pracę, pieniądze lub rzeczy.</p>",
            "lessons": [
                {
                    "slug": "kto-moze-zglosic-inicjatywe",
                    "title": "Kto może zgłosić inicjatywę lokalną i w jakich sprawach",
                    "minutes": 15,
                    "body": p(
                        "Inicjatywę lokalną mogą zgłosić mieszkańcy samorządu: bezpośrednio, "
                        "jako nieformalna grupa, albo za pośrednictwem organizacji "
                        "pozarządowej. To jedyny z omawianych instrumentów, z którego mogą "
                        "korzystać osoby niezrzeszone.",
                        "Ustawa wymienia zamknięty katalog spraw, których może dotyczyć "
                        "inicjatywa: między innymi budowę i remont dróg, kanalizacji czy "
                        "obiektów będących własnością samorządu, działalność wychowawczą, "
                        "edukacyjną i kulturalną, ochronę przyrody, sport, turystykę, "
                        "porządek publiczny oraz rewitalizację.",
                    )
                    + callout(
                        "tip",
                        "Jak to sprawdzić",
                        "Zanim mieszkańcy napiszą wniosek, niech porównają swój pomysł z "
                        "katalogiem z art. 19b. Zadanie spoza katalogu urząd musi odrzucić, "
                        "nawet jeśli jest bardzo potrzebne.",
                    ),
                },
                {
                    "slug": "uchwala-o-inicjatywie-lokalnej",
                    "title": "Uchwała rady: tryb i kryteria oceny wniosków",
                    "minutes": 20,
                    "body": p(
                        "Bez uchwały rady inicjatywa lokalna nie ruszy. Rada gminy (powiatu, "
                        "sejmiku) określa w niej, jak składa się wnioski i według jakich "
                        "kryteriów są oceniane. Ustawa wymaga, by kryteria uwzględniały przede "
                        "wszystkim wkład pracy społecznej mieszkańców."
                    )
                    + h("Co zwykle zawiera uchwała")
                    + ul(
                        "wzór wniosku lub listę informacji, które wniosek musi zawierać,",
                        "terminy składania i rozpatrywania wniosków,",
                        "kryteria oceny z wagami punktowymi,",
                        "kartę oceny, którą wypełnia urząd,",
                        "sposób informowania wnioskodawców o wyniku.",
                    )
                    + callout(
                        "warning",
                        "Pułapka",
                        "Uchwała, która uzależnia przyjęcie wniosku od wkładu finansowego "
                        "mieszkańców, pomija wkład pracy społecznej i jest niezgodna z "
                        "ustawą. Wkład może mieć postać pracy, pieniędzy lub rzeczy.",
                    ),
                },
                {
                    "slug": "umowa-i-rozliczenie-inicjatywy",
                    "title": "Wspólna realizacja: umowa i rozliczenie",
                    "minutes": 20,
                    "body": p(
                        "Po pozytywnej ocenie wniosku samorząd zawiera z wnioskodawcą umowę "
                        "na czas określony. Umowa opisuje, co robi każda ze stron: na "
                        "przykład gmina kupuje materiały, a mieszkańcy w soboty układają "
                        "chodnik. Samorząd nie przekazuje mieszkańcom dotacji: sam ponosi "
                        "swoje wydatki.",
                        "Rozliczenie obejmuje potwierdzenie wkładu mieszkańców (listy "
                        "obecności przy pracach, protokoły przekazania rzeczy) i wydatków "
                        "samorządu. Rzeczy wytworzone w ramach inicjatywy, na przykład plac "
                        "zabaw, zostają własnością samorządu.",
                    )
                    + callout(
                        "info",
                        "Dokumenty w skrócie",
                        "Uchwała rady, wniosek mieszkańców, karta oceny, umowa o wykonanie "
                        "inicjatywy lokalnej, dokumenty rozliczenia wkładu.",
                    ),
                },
                {
                    "slug": "ktory-instrument-wybrac",
                    "title": "Podsumowanie: mały grant czy inicjatywa lokalna?",
                    "minutes": 10,
                    "required": False,
                    "body": p(
                        "Obu instrumentów używa się do drobnych, lokalnych zadań, ale różnią "
                        "się tym, kto zaczyna i kto realizuje."
                    )
                    + ul(
                        "<strong>Mały grant</strong>: zaczyna organizacja pozarządowa, "
                        "realizuje ją sama za otrzymaną dotację.",
                        "<strong>Inicjatywa lokalna</strong>: zaczynają mieszkańcy (także "
                        "bez organizacji), zadanie realizują wspólnie z samorządem, który "
                        "nie przekazuje im pieniędzy.",
                    )
                    + p(
                        "Jeśli grupa sąsiadów chce odnowić skwer i dołożyć do tego własną "
                        "pracę, właściwa będzie inicjatywa lokalna. Jeśli stowarzyszenie chce "
                        "zorganizować cykl warsztatów za kilka tysięcy złotych, sięgnie po "
                        "tryb małych zleceń."
                    ),
                },
            ],
        },
    ],
}

REGRANTING = {
    "slug": "regranting",
    "title": "Regranting: mikrogranty przez operatora",
    "instruments": ["regranting"],
    "fields": {
        "intro": (
            "<p>Jak samorząd może powierzyć doświadczonej organizacji rozdzielanie niewielkich "
            "dotacji innym organizacjom i grupom. Kurs omawia podstawę prawną, wybór "
            "operatora, umowę oraz nabór i rozliczenie mikrograntów.</p>"
        ),
        "audience": "both",
        "duration_hours": Decimal("5"),
        "learning_outcomes": (
            "Wyjaśnia istotę regrantingu i jego podstawę w art. 16a ustawy\n"
            "Opisuje role samorządu, operatora i realizatorów mikroprojektów\n"
            "Planuje konkurs na operatora z właściwymi kryteriami\n"
            "Wskazuje niezbędne elementy umowy regrantingowej\n"
            "Nadzoruje otwarty nabór prowadzony przez operatora\n"
            "Ocenia sprawozdanie operatora i planuje kontrolę"
        ),
        "prerequisites": (
            "<p>Znajomość zasad otwartego konkursu ofert (art. 11–19 ustawy o działalności "
            "pożytku publicznego i o wolontariacie).</p>"
        ),
        "certificate_enabled": True,
    },
    "modules": [
        {
            "slug": "podstawy-regrantingu",
            "title": "Moduł 1. Podstawy regrantingu",
            "intro": "<p>Po co samorządowi pośrednik i jak go wybrać.</p>",
            "lessons": [
                {
                    "slug": "czym-jest-regranting",
                    "title": "Czym jest regranting i co zyskuje samorząd",
                    "minutes": 15,
                    "body": p(
                        "Regranting to zlecenie zadania publicznego, w którym organizacja "
                        "wybrana przez samorząd, zwana operatorem, sama rozdziela część "
                        "otrzymanej dotacji w formie mikrograntów innym podmiotom. Podstawą "
                        "jest art. 16a ustawy o działalności pożytku publicznego i o "
                        "wolontariacie, a pojęcia wyjaśnia art. 2.",
                        "Samorząd zyskuje partnera, który zna lokalne organizacje, potrafi "
                        "im doradzić i obsłużyć wiele drobnych projektów. Małe organizacje i "
                        "grupy nieformalne dostają pieniądze szybciej i z mniejszą "
                        "biurokracją.",
                    )
                    + callout(
                        "tip",
                        "Kiedy warto",
                        "Gdy w gminie działa wiele małych inicjatyw, a urząd nie ma ludzi, by "
                        "obsłużyć kilkadziesiąt umów na niewielkie kwoty.",
                    ),
                },
                {
                    "slug": "role-w-regrantingu",
                    "title": "Role: samorząd, operator, realizatorzy",
                    "minutes": 15,
                    "body": ul(
                        "<strong>Samorząd</strong> określa cel, przekazuje dotację, wybiera "
                        "operatora w otwartym konkursie ofert i kontroluje wykonanie umowy.",
                        "<strong>Operator</strong> ogłasza nabór mikrograntów, ocenia "
                        "wnioski, podpisuje umowy z realizatorami, wspiera ich i rozlicza.",
                        "<strong>Realizatorzy</strong> (organizacje, grupy) wykonują "
                        "mikroprojekty i rozliczają się przed operatorem.",
                    )
                    + p(
                        "Odpowiedzialność przed samorządem za całe zadanie ponosi operator. "
                        "Dlatego w konkursie liczy się jego doświadczenie w obsłudze "
                        "podobnych programów, a nie tylko niska cena."
                    ),
                },
                {
                    "slug": "konkurs-na-operatora",
                    "title": "Konkurs na operatora: ogłoszenie i kryteria",
                    "minutes": 20,
                    "body": p(
                        "Operatora wybiera się w otwartym konkursie ofert, na ogólnych "
                        "zasadach: ogłoszenie publikuje się w BIP, na tablicy ogłoszeń i na "
                        "stronie internetowej, a na składanie ofert organizacje mają co "
                        "najmniej 21 dni. Ogłoszenie musi jasno mówić, że zadanie będzie "
                        "realizowane w formie regrantingu."
                    )
                    + h("Przykładowe kryteria oceny")
                    + ul(
                        "doświadczenie w prowadzeniu naborów i obsłudze mikrograntów,",
                        "jakość planowanego regulaminu naboru i doradztwa dla wnioskodawców,",
                        "dostępność: punkty konsultacyjne, forma składania wniosków,",
                        "koszty obsługi w relacji do puli mikrograntów.",
                    )
                    + callout(
                        "info",
                        "Wzory",
                        "Dla regrantingu stosuje się wzory oferty, umowy i sprawozdania z "
                        "załączników rozporządzenia opublikowanego w Dz.U. z 2018 r. poz. "
                        "2057.",
                    ),
                },
            ],
        },
        {
            "slug": "realizacja-i-rozliczenie",
            "title": "Moduł 2. Realizacja i rozliczenie",
            "intro": "<p>Od umowy z operatorem do jego sprawozdania.</p>",
            "lessons": [
                {
                    "slug": "umowa-regrantingowa",
                    "title": "Umowa regrantingowa: co musi się w niej znaleźć",
                    "minutes": 20,
                    "body": p(
                        "Umowa z operatorem opisuje nie tylko jego własne działania, ale też "
                        "zasady, na jakich przekaże pieniądze dalej. To w niej samorząd "
                        "zabezpiecza przejrzystość całego programu."
                    )
                    + ul(
                        "wysokość puli na mikrogranty i kosztów obsługi,",
                        "zasady naboru: kto może wnioskować, maksymalna kwota mikrograntu,",
                        "sposób oceny wniosków i skład komisji,",
                        "obowiązki informacyjne i terminy sprawozdań,",
                        "zasady kontroli operatora i realizatorów.",
                    )
                    + callout(
                        "warning",
                        "Uwaga",
                        "Operator nie może przyznać mikrograntu samemu sobie ani osobom z nim "
                        "powiązanym. Zapisz to wprost w umowie i w regulaminie naboru.",
                    ),
                },
                {
                    "slug": "nabor-prowadzony-przez-operatora",
                    "title": "Otwarty nabór prowadzony przez operatora",
                    "minutes": 20,
                    "body": p(
                        "Operator wybiera realizatorów w sposób otwarty: publikuje regulamin "
                        "naboru, zbiera wnioski, ocenia je według kryteriów i ogłasza wyniki. "
                        "Dobry operator prowadzi też konsultacje dla osób, które piszą "
                        "wniosek po raz pierwszy.",
                        "Formularze mikrograntów powinny być możliwie proste: krótki opis "
                        "pomysłu, budżet, harmonogram. Mikrogranty służą temu, by ułatwić "
                        "start małym grupom, a nie by powielać wymagania dużych konkursów.",
                    )
                    + callout(
                        "tip",
                        "Dobra praktyka",
                        "Spotkanie informacyjne przed naborem i dyżury konsultacyjne w "
                        "różnych miejscowościach wyraźnie zwiększają liczbę dobrych wniosków.",
                    ),
                },
                {
                    "slug": "sprawozdanie-operatora",
                    "title": "Sprawozdanie operatora i kontrola",
                    "minutes": 15,
                    "body": p(
                        "Po zakończeniu zadania operator składa samorządowi sprawozdanie "
                        "według wzoru z rozporządzenia. Zawiera ono opis naboru, listę "
                        "mikrograntów z kwotami i rezultatami oraz rozliczenie kosztów "
                        "obsługi.",
                        "Samorząd może kontrolować zarówno operatora, jak i dokumenty "
                        "realizatorów, które operator przechowuje. Warto już w umowie ustalić "
                        "próbę dokumentów sprawdzanych przy każdym sprawozdaniu.",
                    ),
                },
                {
                    "slug": "typowe-bledy-w-regrantingu",
                    "title": "Typowe błędy i jak ich uniknąć",
                    "minutes": 10,
                    "required": False,
                    "body": ul(
                        "Ogłoszenie konkursu bez informacji, że chodzi o regranting.",
                        "Zbyt wysokie minimalne wymagania wobec realizatorów mikroprojektów.",
                        "Brak zasad unikania konfliktu interesów u operatora.",
                        "Sprawozdanie bez listy mikrograntów i ich rezultatów.",
                    )
                    + p(
                        "Każdy z tych błędów można wyeliminować na etapie ogłoszenia konkursu i "
                        "umowy: wróć do lekcji o konkursie i o umowie, jeśli któryś punkt "
                        "budzi wątpliwości."
                    ),
                },
            ],
        },
    ],
}

COURSES = [SMALL_GRANTS, REGRANTING]


def _child(parent, model, slug, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _instruments(keywords):
    query = Q()
    for word in keywords:
        query |= Q(name__icontains=word) | Q(short_name__icontains=word)
    return list(Instrument.objects.filter(query))


def load_course(index, spec):
    course, created = _child(index, CoursePage, spec["slug"], title=spec["title"], **spec["fields"])
    if created:
        instruments = _instruments(spec["instruments"])
        if instruments:
            course.instruments.set(instruments)
            course.save_revision().publish()
    for module_spec in spec["modules"]:
        module, _ = _child(
            course,
            ModulePage,
            module_spec["slug"],
            title=module_spec["title"],
            intro=module_spec["intro"],
        )
        for lesson in module_spec["lessons"]:
            _child(
                module,
                LessonPage,
                lesson["slug"],
                title=lesson["title"],
                body=lesson["body"],
                required=lesson.get("required", True),
                duration_minutes=lesson.get("minutes"),
            )
    return course


def load_participant(course):
    user_model = get_user_model()
    user = user_model.objects.filter(email=DEMO_PARTICIPANT_EMAIL).first()
    if user is None:
        user = user_model.objects.create_user(
            username=DEMO_PARTICIPANT_EMAIL,
            email=DEMO_PARTICIPANT_EMAIL,
            password=DEMO_PARTICIPANT_PASSWORD,
            first_name="Maria",
            last_name="Przykładowa",
        )
    EmailAddress.objects.get_or_create(
        user=user, email=DEMO_PARTICIPANT_EMAIL, defaults={"verified": True, "primary": True}
    )
    Profile.objects.get_or_create(
        user=user,
        defaults={
            "organisation_type": "jst",
            "organisation_name": "Urząd Gminy Przykładowo",
            "jst_type": "gmina_wiejska",
            "jst_teryt": "1206052",
            "voivodeship": "12",
            "position": "inspektor ds. współpracy z organizacjami",
        },
    )
    if not access.is_enrolled(user, course):
        enrolment.enrol(user, course, source="staff")
        for lesson in progress.course_lessons(course)[:2]:
            completion.complete_lesson(user, lesson, source="viewed")
    return user


DEMO_SIGNATORY = ("dr Joanna Wierzbicka", "Koordynatorka Programu MWF")


def load_signatory(home):
    """Who signs the demo certificates (Settings → Certificate signature), unless set."""
    site = (
        Site.objects.filter(root_page=home).first()
        or Site.objects.filter(is_default_site=True).first()
    )
    if site is None:
        return
    config = CertificateSettings.for_site(site)
    if not config.signatory_name:
        config.signatory_name, config.signatory_role = DEMO_SIGNATORY
        config.save()


def load(home, sections, stdout):
    index = sections["kursy"]
    courses = [load_course(index, spec) for spec in COURSES]
    english = load_english(courses[0])
    load_participant(courses[0])
    load_signatory(home)
    stdout.write(
        f"Courses: {len(courses)} demo courses"
        + (f" (“{english.title}” also in English)" if english else "")
        + f"; demo participant {DEMO_PARTICIPANT_EMAIL} / {DEMO_PARTICIPANT_PASSWORD}"
    )
