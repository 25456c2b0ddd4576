"""Demo content written by the team: the ten instruments and their guides (facts from the
programme's public description, in our own words). Dates marked "(sprawdź)" are to be verified
by an editor."""

UDPPW = "Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie"
USG = "Ustawa z dnia 8 marca 1990 r. o samorządzie gminnym"
UFP = "Ustawa z dnia 27 sierpnia 2009 r. o finansach publicznych"
UFS = "Ustawa z dnia 21 lutego 2014 r. o funduszu sołeckim"


def limit(label, value, unit, bound="max", note=""):
    return {
        "type": "limit",
        "value": {"label": label, "bound": bound, "value": str(value), "unit": unit, "note": note},
    }


def deadline(label, day, month, note=""):
    return {
        "type": "deadline",
        "value": {"label": label, "day": day, "month": str(month), "note": note},
    }


def step(title, who="", time_limit="", description=""):
    return {
        "type": "step",
        "value": {
            "title": title,
            "who": who,
            "time_limit": time_limit,
            "description": f"<p>{description}</p>" if description else "",
        },
    }


def pitfall(title, text):
    return {"type": "pitfall", "value": {"title": title, "how_to_avoid": f"<p>{text}</p>"}}


def faq(question, answer):
    return {"type": "question", "value": {"question": question, "answer": f"<p>{answer}</p>"}}


# slug, name, short name, guide
INSTRUMENTS = [
    {
        "slug": "program-wspolpracy",
        "name": "roczny program współpracy",
        "short_name": "program współpracy",
        "title": "Roczny program współpracy z organizacjami pozarządowymi",
        "lead": "Program współpracy to uchwała rady, która na cały rok porządkuje zasady, priorytety i formy współdziałania samorządu z organizacjami. Od jego jakości zależy, czy pozostałe instrumenty będą używane świadomie.",
        "act": UDPPW,
        "provision": "art. 5a",
        "initiator": "Projekt przygotowuje organ wykonawczy (wójt, burmistrz, prezydent, zarząd), konsultuje go z organizacjami pozarządowymi, a uchwala rada lub sejmik.",
        "limits": [
            deadline("Uchwalenie programu na kolejny rok", 30, 11),
            deadline(
                "Sprawozdanie z realizacji programu za poprzedni rok",
                31,
                5,
                "termin do sprawdzenia – starsze przepisy mówiły o 30 kwietnia",
            ),
            limit("Obowiązkowe elementy programu", 11, "items", "exact"),
        ],
        "steps": [
            step(
                "Przygotowanie projektu",
                "urząd (pełnomocnik ds. współpracy z NGO)",
                "wrzesień–październik",
                "Zbierz wnioski z poprzedniego roku, sprawozdanie i propozycje organizacji; zaplanuj priorytety i środki.",
            ),
            step(
                "Konsultacje z organizacjami",
                "urząd i organizacje, rada działalności pożytku publicznego",
                "październik–listopad",
                "Opublikuj projekt, zbierz uwagi i odpowiedz na nie w raporcie z konsultacji.",
            ),
            step("Uchwała rady", "rada gminy, rady powiatu lub sejmik", "do 30 listopada"),
            step("Realizacja w ciągu roku", "urząd i organizacje", "cały rok"),
            step(
                "Sprawozdanie w BIP",
                "organ wykonawczy",
                "do 31 maja (sprawdź)",
                "Sprawozdanie przedstaw radzie i opublikuj w Biuletynie Informacji Publicznej.",
            ),
        ],
        "pitfalls": [
            pitfall(
                "Program przepisywany co roku bez zmian",
                "Zacznij od wniosków ze sprawozdania i wyników konsultacji; każdy priorytet powiąż z kwotą i instrumentem.",
            ),
            pitfall(
                "Konsultacje tylko formalne",
                "Daj organizacjom co najmniej kilkanaście dni i opublikuj odpowiedzi na zgłoszone uwagi.",
            ),
        ],
        "faq": [
            faq(
                "Czy program może przewidywać małe granty i regranting?",
                "Tak – program powinien wskazywać formy współpracy, w tym tryby zlecania zadań, które samorząd zamierza stosować.",
            ),
            faq(
                "Kto ocenia realizację programu?",
                "Organ wykonawczy przygotowuje sprawozdanie, a rada je przyjmuje do wiadomości; warto włączyć w ocenę organizacje.",
            ),
        ],
    },
    {
        "slug": "otwarty-konkurs-ofert",
        "name": "otwarty konkurs ofert",
        "short_name": "konkurs ofert",
        "title": "Otwarty konkurs ofert krok po kroku",
        "lead": "Podstawowy tryb zlecania zadań publicznych organizacjom: samorząd ogłasza konkurs, komisja ocenia oferty, a wybrane organizacje realizują zadanie na podstawie umowy.",
        "act": UDPPW,
        "provision": "art. 11–19",
        "initiator": "Samorząd ogłasza konkurs z własnej inicjatywy, zgodnie z programem współpracy.",
        "limits": [
            limit("Czas na złożenie ofert od ogłoszenia konkursu", 21, "days", "min"),
            limit(
                "Sprawozdanie organizacji po zakończeniu zadania",
                30,
                "days",
                "max",
                "liczone od dnia zakończenia realizacji zadania",
            ),
        ],
        "steps": [
            step(
                "Ogłoszenie konkursu",
                "organ wykonawczy",
                "co najmniej 21 dni przed terminem ofert",
                "Ogłoszenie publikuje się w BIP, na tablicy ogłoszeń urzędu i na stronie internetowej.",
            ),
            step("Składanie ofert", "organizacje"),
            step(
                "Ocena przez komisję konkursową", "komisja z udziałem przedstawicieli organizacji"
            ),
            step("Ogłoszenie wyników", "organ wykonawczy"),
            step(
                "Zawarcie umowy",
                "samorząd i organizacja",
                "",
                "Stosuje się wzory oferty, umowy i sprawozdania z rozporządzenia (Dz.U. 2018 poz. 2057).",
            ),
            step("Kontrola realizacji", "urząd"),
            step("Sprawozdanie końcowe", "organizacja", "30 dni od zakończenia zadania"),
        ],
        "pitfalls": [
            pitfall(
                "Zbyt szczegółowe kryteria formalne",
                "Odrzucanie ofert za drobne braki zniechęca małe organizacje; przewiduj możliwość uzupełnienia braków.",
            ),
            pitfall(
                "Komisja bez przedstawicieli organizacji",
                "Zaproś organizacje do komisji – zwiększa to zaufanie do wyników.",
            ),
        ],
        "faq": [
            faq(
                "Czy można ogłosić konkurs przed uchwaleniem budżetu?",
                "Tak, jeśli ogłoszenie zastrzega, że umowy zostaną zawarte po uchwaleniu budżetu i w jego granicach.",
            ),
        ],
    },
    {
        "slug": "male-granty",
        "name": "małe granty (tryb pozakonkursowy)",
        "short_name": "małe granty",
        "title": "Małe granty: zlecenie zadania bez konkursu",
        "lead": "Tryb dla niewielkich, krótkich zadań o zasięgu lokalnym lub regionalnym. Z inicjatywą występuje organizacja, a samorząd może zlecić zadanie bez ogłaszania konkursu.",
        "act": UDPPW,
        "provision": "art. 19a",
        "initiator": "Organizacja pozarządowa z własnej inicjatywy składa ofertę uproszczoną.",
        "limits": [
            limit("Dofinansowanie jednego zadania", 10000, "pln"),
            limit("Czas realizacji zadania", 90, "days"),
            limit("Łączne środki dla jednej organizacji od jednego samorządu w roku", 20000, "pln"),
            limit(
                "Publikacja oferty przez samorząd",
                7,
                "working_days",
                "max",
                "od dnia złożenia oferty",
            ),
            limit("Czas na uwagi do opublikowanej oferty", 7, "days", "exact"),
        ],
        "steps": [
            step(
                "Oferta uproszczona",
                "organizacja",
                "",
                "Wzór oferty i sprawozdania określa rozporządzenie (Dz.U. 2018 poz. 2055).",
            ),
            step(
                "Publikacja oferty na 7 dni",
                "urząd",
                "w ciągu 7 dni roboczych",
                "Ofertę publikuje się w BIP, na tablicy ogłoszeń i na stronie internetowej, aby każdy mógł zgłosić uwagi.",
            ),
            step("Decyzja o zleceniu zadania", "organ wykonawczy", "po rozpatrzeniu uwag"),
            step("Umowa", "samorząd i organizacja"),
            step("Sprawozdanie", "organizacja"),
        ],
        "pitfalls": [
            pitfall(
                "Dzielenie dużego zadania na kilka małych",
                "Limit 20 000 zł rocznie na organizację od jednego samorządu służy właśnie temu, by tryb nie zastępował konkursu.",
            ),
            pitfall(
                "Brak zasad rozpatrywania ofert",
                "Opisz w programie współpracy, jak urząd ocenia oferty w tym trybie – organizacje wiedzą wtedy, czego się spodziewać.",
            ),
        ],
        "faq": [
            faq(
                "Czy samorząd musi przyjąć każdą ofertę?",
                "Nie. Decyzja należy do organu wykonawczego, który ocenia celowość zadania i dostępność środków.",
            ),
            faq(
                "Czy zadanie może trwać dłużej niż 90 dni?",
                "Nie – to jeden z warunków skorzystania z trybu.",
            ),
        ],
    },
    {
        "slug": "regranting",
        "name": "regranting",
        "short_name": "regranting",
        "title": "Regranting: mikrodotacje przez operatora",
        "lead": "Samorząd wybiera w konkursie organizację-operatora, która w otwartym naborze przekazuje mikrodotacje mniejszym organizacjom i grupom mieszkańców.",
        "act": UDPPW,
        "provision": "art. 16a (definicje w art. 2)",
        "initiator": "Samorząd ogłasza konkurs na operatora; operator w sposób otwarty wybiera realizatorów.",
        "limits": [
            limit(
                "Czas na złożenie ofert w konkursie na operatora",
                21,
                "days",
                "min",
                "ogólne zasady konkursu",
            )
        ],
        "steps": [
            step(
                "Konkurs na operatora",
                "samorząd",
                "",
                "Ogłoszenie określa cele, pulę mikrodotacji i wymagania wobec operatora.",
            ),
            step(
                "Umowa regrantingowa",
                "samorząd i operator",
                "",
                "Wzory oferty, umowy i sprawozdania z załączników do rozporządzenia (Dz.U. 2018 poz. 2057).",
            ),
            step("Otwarty nabór operatora", "operator"),
            step("Mikrodotacje i wsparcie realizatorów", "operator"),
            step("Sprawozdanie operatora", "operator"),
        ],
        "pitfalls": [
            pitfall(
                "Operator bez zasobów na doradztwo",
                "Zaplanuj w budżecie koszty animacji i doradztwa – to one decydują o jakości mikroprojektów.",
            ),
        ],
        "faq": [
            faq(
                "Czy mikrodotacje mogą trafić do grup nieformalnych?",
                "Tak, jeśli przewidują to warunki konkursu i umowy z operatorem.",
            )
        ],
    },
    {
        "slug": "inicjatywa-lokalna",
        "name": "inicjatywa lokalna",
        "short_name": "inicjatywa lokalna",
        "title": "Inicjatywa lokalna: mieszkańcy współrealizują zadanie",
        "lead": "Mieszkańcy – sami lub przez organizację – proponują zadanie i wnoszą wkład pracą, pieniędzmi lub rzeczami, a samorząd wykonuje je razem z nimi.",
        "act": UDPPW,
        "provision": "art. 19b–19h",
        "initiator": "Mieszkańcy bezpośrednio albo za pośrednictwem organizacji pozarządowej.",
        "limits": [],
        "steps": [
            step(
                "Uchwała rady o trybie i kryteriach",
                "rada",
                "",
                "Uchwała określa sposób składania wniosków i kryteria oceny; zadania muszą mieścić się w zamkniętym katalogu ustawy.",
            ),
            step("Wniosek mieszkańców", "mieszkańcy lub organizacja"),
            step("Ocena wniosku", "urząd, według kryteriów z uchwały"),
            step("Umowa o wykonanie inicjatywy", "samorząd i wnioskodawcy"),
            step("Wspólna realizacja", "mieszkańcy i urząd"),
            step("Rozliczenie", "urząd i wnioskodawcy"),
        ],
        "pitfalls": [
            pitfall(
                "Niejasne kryteria oceny",
                "Kryteria w uchwale powinny uwzględniać przede wszystkim wkład mieszkańców – to on odróżnia inicjatywę od zwykłej inwestycji.",
            )
        ],
        "faq": [
            faq(
                "Czy wkład pracy mieszkańców się liczy?",
                "Tak, wkład może mieć postać pracy społecznej, świadczeń pieniężnych lub rzeczowych.",
            )
        ],
    },
    {
        "slug": "budzet-obywatelski",
        "name": "budżet obywatelski",
        "short_name": "budżet obywatelski",
        "title": "Budżet obywatelski: mieszkańcy decydują o części wydatków",
        "lead": "Mieszkańcy zgłaszają projekty i w głosowaniu wybierają te, które samorząd wpisuje do budżetu i realizuje.",
        "act": USG,
        "provision": "art. 5a",
        "initiator": "Mieszkańcy zgłaszają projekty i głosują; zasady określa uchwała rady.",
        "limits": [
            limit(
                "Wysokość budżetu obywatelskiego w miastach na prawach powiatu",
                "0.5",
                "percent",
                "min",
                "obowiązkowy; liczony od wydatków gminy z ostatniego sprawozdania",
            ),
            limit("Wymagana liczba podpisów pod projektem", "0.1", "percent_residents", "max"),
        ],
        "steps": [
            step("Uchwała o zasadach", "rada"),
            step("Nabór projektów", "mieszkańcy"),
            step("Weryfikacja i odwołania", "urząd, zespół ds. budżetu obywatelskiego"),
            step("Głosowanie", "mieszkańcy"),
            step("Wpisanie do budżetu", "organ wykonawczy i rada"),
            step("Realizacja projektów", "urząd, czasem z organizacjami"),
        ],
        "pitfalls": [
            pitfall(
                "Projekty niemożliwe do wykonania",
                "Wprowadź konsultacje projektów z urzędnikami przed weryfikacją – mniej odrzuceń i odwołań.",
            )
        ],
        "faq": [
            faq(
                "Czy organizacje mogą realizować wybrane projekty?",
                "Tak, na przykład w trybie konkursu lub małych grantów, jeśli projekt dotyczy zadania publicznego.",
            )
        ],
    },
    {
        "slug": "fundusz-solecki",
        "name": "fundusz sołecki",
        "short_name": "fundusz sołecki",
        "title": "Fundusz sołecki: pieniądze do decyzji zebrania wiejskiego",
        "lead": "Wyodrębniona w budżecie gminy kwota dla sołectw, o której przeznaczeniu decyduje zebranie wiejskie; część wydatków państwo zwraca gminie.",
        "act": UFS,
        "provision": "",
        "initiator": "Zebranie wiejskie uchwala wniosek; rada gminy decyduje o wyodrębnieniu funduszu.",
        "limits": [
            deadline("Uchwała rady o wyodrębnieniu funduszu (na rok następny)", 31, 3),
            deadline("Wniosek sołectwa do wójta lub burmistrza", 30, 9),
        ],
        "steps": [
            step(
                "Uchwała rady o wyodrębnieniu funduszu",
                "rada gminy",
                "do 31 marca roku poprzedniego",
            ),
            step("Informacja o kwotach dla sołectw", "wójt lub burmistrz"),
            step("Zebranie wiejskie i wniosek", "sołtys, zebranie wiejskie", "do 30 września"),
            step("Ujęcie w budżecie gminy", "wójt i rada"),
            step("Realizacja przedsięwzięć", "urząd i mieszkańcy"),
        ],
        "pitfalls": [
            pitfall(
                "Wniosek bez protokołu zebrania",
                "Do wniosku dołącz protokół z zebrania wiejskiego – bez niego wniosek może zostać odrzucony.",
            )
        ],
        "faq": [
            faq(
                "Czy gmina odzyska część wydatków?",
                "Tak, ustawa przewiduje częściowy zwrot wydatków z budżetu państwa.",
            )
        ],
    },
    {
        "slug": "pozyczki-poreczenia-gwarancje",
        "name": "pożyczki, poręczenia i gwarancje",
        "short_name": "pożyczki i poręczenia",
        "title": "Pożyczki, poręczenia i gwarancje dla organizacji",
        "lead": "Zwrotne wsparcie płynności organizacji, np. na prefinansowanie projektów unijnych, udzielane z puli określonej w uchwale budżetowej.",
        "act": UFP,
        "provision": "",
        "initiator": "Organizacja składa wniosek; zasady określa organ wykonawczy w regulaminie.",
        "limits": [],
        "steps": [
            step("Wniosek organizacji", "organizacja"),
            step(
                "Decyzja",
                "organ wykonawczy",
                "",
                "W granicach rocznej puli określonej w uchwale budżetowej.",
            ),
            step("Umowa pożyczki lub poręczenia", "samorząd i organizacja"),
            step("Spłata", "organizacja"),
        ],
        "pitfalls": [
            pitfall(
                "Brak zabezpieczenia płynności w harmonogramie",
                "Dopasuj termin spłaty do terminów płatności grantodawcy.",
            )
        ],
        "faq": [
            faq(
                "Na co organizacje najczęściej biorą pożyczki?",
                "Na wkład własny i prefinansowanie projektów rozliczanych po zakończeniu.",
            )
        ],
    },
    {
        "slug": "dotacja-inwestycyjna",
        "name": "dotacja celowa na inwestycje",
        "short_name": "dotacja inwestycyjna",
        "title": "Dotacja na inwestycje organizacji realizującej zadanie",
        "lead": "Samorząd może sfinansować zakup lub budowę środka trwałego potrzebnego organizacji do wykonania zleconego zadania publicznego.",
        "act": UFP,
        "provision": "art. 221",
        "initiator": "Organizacja realizująca zlecone zadanie publiczne.",
        "limits": [deadline("Wykorzystanie dotacji", 31, 12, "w roku budżetowym")],
        "steps": [
            step("Zlecenie zadania", "samorząd"),
            step("Umowa dotacji", "samorząd i organizacja"),
            step("Rozliczenie", "organizacja"),
        ],
        "pitfalls": [
            pitfall(
                "Zakup nie służy zadaniu",
                "W umowie wskaż, jak środek trwały będzie używany do realizacji zadania po zakończeniu dotacji.",
            )
        ],
        "faq": [
            faq(
                "Do kiedy trzeba wydać środki?",
                "Dotacja musi być wykorzystana do 31 grudnia roku budżetowego.",
            )
        ],
    },
    {
        "slug": "umowa-wieloletnia",
        "name": "umowa wieloletnia",
        "short_name": "umowa wieloletnia",
        "title": "Umowa wieloletnia: stabilne finansowanie zadań",
        "lead": "Umowa na kilka lat z organizacją wybraną w konkursie daje jej stabilność, a samorządowi ciągłość usług; transze rozlicza się co roku.",
        "act": UDPPW,
        "provision": "art. 16 (oraz przepisy ustawy o finansach publicznych)",
        "initiator": "Samorząd w konkursie; umowę zawiera z wybraną organizacją.",
        "limits": [],
        "steps": [
            step("Konkurs z zadaniem wieloletnim", "samorząd"),
            step("Umowa z harmonogramem rocznym", "samorząd i organizacja"),
            step("Roczne sprawozdania i transze", "organizacja i urząd", "co roku"),
        ],
        "pitfalls": [
            pitfall(
                "Brak waloryzacji",
                "Przewiduj możliwość aneksowania kwot w kolejnych latach, gdy rosną koszty.",
            )
        ],
        "faq": [
            faq(
                "Czy umowa wieloletnia wymaga ujęcia w wieloletniej prognozie finansowej?",
                "Zobowiązania wykraczające poza rok budżetowy trzeba uwzględnić zgodnie z przepisami o finansach publicznych.",
            )
        ],
    },
]
