"""Texts of the demo site (home page, sections, about, privacy, accessibility statement), in
Polish and English. Written by the team; facts from the programme's public description."""

PROGRAMME_TITLE = (
    "Wzmocnienie mechanizmów współpracy finansowej administracji publicznej z organizacjami "
    "pozarządowymi jako realizatorami zadań publicznych"
)

# --- home page ------------------------------------------------------------------------------

HOME_PL = {
    "title": "Współpraca finansowa samorządów i organizacji pozarządowych",
    "lead": (
        "Program MWF pomaga gminom, powiatom i organizacjom pozarządowym sięgać po sprawdzone "
        "sposoby wspólnego finansowania zadań publicznych: od małych grantów po budżet "
        "obywatelski."
    ),
    "search_description": "Szkolenia, kursy online i dobre praktyki współpracy JST z NGO.",
}
HOME_BODY_PL = [
    ("heading", "O programie"),
    (
        "paragraph",
        f"<p>Program „{PROGRAMME_TITLE}” (w skrócie MWF) łączy wiedzę ekspertów z "
        "doświadczeniem samorządów i organizacji. Zbieramy przykłady udanej współpracy "
        "finansowej, porządkujemy wiedzę o instrumentach, które daje prawo, i wspieramy "
        "samorządy, które chcą je u siebie wprowadzić – po swojemu, z myślą o lokalnych "
        "potrzebach.</p>",
    ),
    ("heading", "Dla kogo jest ta platforma?"),
    (
        "paragraph",
        "<ul><li>dla wójtów, burmistrzów, prezydentów miast, starostów i członków zarządów "
        "powiatów oraz ich zastępców;</li><li>dla skarbników, sekretarzy i pracowników urzędów, "
        "którzy na co dzień współpracują z organizacjami;</li><li>dla członków zarządów "
        "fundacji i stowarzyszeń realizujących zadania publiczne.</li></ul>",
    ),
]

HOME_EN = {
    "title": "Financial cooperation between local governments and NGOs",
    "lead": (
        "The MWF programme helps municipalities, counties and non-governmental organisations "
        "use proven ways of funding public tasks together, from small grants to participatory "
        "budgets."
    ),
    "search_description": "Training, online courses and good practices of JST–NGO cooperation.",
}
HOME_BODY_EN = [
    ("heading", "About the programme"),
    (
        "paragraph",
        '<p>The programme <span lang="pl">„' + PROGRAMME_TITLE + "”</span> (“Strengthening "
        "the mechanisms of financial cooperation between public administration and NGOs as "
        "providers of public tasks”, MWF for short) brings together expert knowledge and the "
        "experience of local governments and organisations. We collect examples of successful "
        "financial cooperation, explain the instruments the law offers, and support local "
        "governments that want to put them into practice in their own way.</p>",
    ),
    ("heading", "Who is this platform for?"),
    (
        "paragraph",
        "<ul><li>mayors, county heads and board members of municipalities and counties, and "
        "their deputies;</li><li>treasurers, secretaries and officials who work with "
        "organisations every day;</li><li>board members of foundations and associations that "
        "carry out public tasks.</li></ul>",
    ),
]

# --- sections (index pages of the domain apps) ----------------------------------------------

SECTIONS = {
    "kursy": {
        "pl": {
            "title": "Kursy online",
            "description": "Kursy do samodzielnej nauki, zakończone zaświadczeniem.",
            "intro": "<p>Moduły do samodzielnej nauki w dowolnym tempie, zakończone "
            "zaświadczeniem.</p>",
        },
        "en": {
            "slug": "courses",
            "title": "Online courses",
            "description": "Self-paced courses that end with a certificate.",
            "intro": "<p>Self-paced modules you can take at any time, ending with a "
            "certificate of completion.</p>",
        },
    },
    "wydarzenia": {
        "pl": {
            "title": "Szkolenia i wydarzenia",
            "description": "Szkolenia stacjonarne i online dla samorządów oraz organizacji.",
            "intro": "<p>Szkolenia stacjonarne i online dla samorządów oraz organizacji.</p>",
        },
        "en": {
            "slug": "events",
            "title": "Training and events",
            "description": "In-person and online training for local governments and NGOs.",
            "intro": "<p>In-person and online training for local governments and "
            "organisations.</p>",
        },
    },
    "dobre-praktyki": {
        "pl": {
            "title": "Dobre praktyki",
            "description": "Katalog przykładów współpracy finansowej JST z organizacjami.",
            "intro": "<p>Katalog przykładów współpracy finansowej JST z organizacjami "
            "pozarządowymi.</p>",
        },
        "en": {
            "slug": "good-practices",
            "title": "Good practices",
            "description": "A catalogue of financial cooperation between JSTs and NGOs.",
            "intro": "<p>A catalogue of examples of financial cooperation between local "
            "governments and NGOs.</p>",
        },
    },
    "instrumenty": {
        "pl": {
            "title": "Instrumenty współpracy",
            "description": "Podstawa prawna, kroki i dokumenty każdego instrumentu.",
            "intro": "<p>Przewodniki po narzędziach współpracy: podstawa prawna, kroki i "
            "dokumenty.</p>",
        },
        "en": {
            "slug": "instruments",
            "title": "Cooperation instruments",
            "description": "Legal basis, steps and documents of each instrument.",
            "intro": "<p>Guides to the cooperation instruments: legal basis, steps and "
            "documents.</p>",
        },
    },
    "publikacje": {
        "pl": {
            "title": "Publikacje",
            "description": "Raporty i opracowania ekspertów programu.",
            "intro": "<p>Raporty i opracowania ekspertów programu.</p>",
        },
        "en": {
            "slug": "publications",
            "title": "Publications",
            "description": "Reports and studies by the programme's experts.",
            "intro": "<p>Reports and studies by the programme's experts.</p>",
        },
    },
    "newsletter": {
        "pl": {
            "title": "Newsletter",
            "description": "Nowe szkolenia, kursy i dobre praktyki w Twojej skrzynce.",
            "intro": "<p>Informacje o nowych szkoleniach, kursach i dobrych praktykach.</p>",
        },
        "en": {
            "slug": "newsletter",
            "title": "Newsletter",
            "description": "New training, courses and good practices in your inbox.",
            "intro": "<p>News about training, courses and good practices.</p>",
        },
    },
}

# --- about the project ------------------------------------------------------------------------

ABOUT_LEAD_PL = (
    "MWF to program szkoleniowo-doradczy dla samorządów i organizacji pozarządowych, które "
    "wspólnie finansują i realizują zadania publiczne."
)
ABOUT_BODY_PL = [
    ("heading", "Po co jest program"),
    (
        "paragraph",
        "<p>Prawo daje samorządom wiele sposobów finansowania działań organizacji "
        "pozarządowych: od otwartych konkursów ofert, przez tryb małych zleceń i regranting, po "
        "inicjatywę lokalną, fundusz sołecki i budżet obywatelski. W praktyce wiele gmin i "
        "powiatów korzysta tylko z jednego lub dwóch z nich. Program ma to zmienić.</p>",
    ),
    ("heading", "Co robimy"),
    (
        "paragraph",
        "<ul><li>wyszukujemy i opisujemy dobre praktyki współpracy finansowej samorządów z "
        "organizacjami, a następnie udostępniamy je w katalogu;</li><li>porządkujemy i "
        "pogłębiamy wiedzę o instrumentach współpracy – ich podstawie prawnej, kolejnych "
        "krokach i potrzebnych dokumentach;</li><li>pomagamy samorządom wdrażać instrumenty "
        "tak, aby zachować ich różnorodność i dopasować je do lokalnych warunków;</li><li>"
        "dzielimy się wynikami z samorządami, organizacjami i wszystkimi, których ta "
        "współpraca dotyczy.</li></ul>",
    ),
    ("heading", "Wskaźniki programu"),
    (
        "paragraph",
        "<ul><li><b>640</b> przedstawicieli gmin i powiatów – wójtów, burmistrzów, "
        "prezydentów, starostów, członków zarządów, skarbników, sekretarzy i pracowników "
        "odpowiedzialnych za współpracę z organizacjami – ukończy szkolenia;</li><li><b>320</b> "
        "członków zarządów organizacji pozarządowych ukończy szkolenia;</li><li><b>20</b> "
        "samorządów otrzyma wsparcie we wdrażaniu instrumentów.</li></ul>",
    ),
    ("heading", "Kto prowadzi program"),
    (
        "paragraph",
        "<p>Program realizuje <b>Małopolska Szkoła Administracji Publicznej Uniwersytetu "
        "Ekonomicznego w Krakowie</b> (MSAP UEK) razem z <b>Departamentem Pożytku "
        "Publicznego</b> – partnerem wiodącym, który w administracji rządowej odpowiada za "
        "politykę współpracy z organizacjami pozarządowymi (<a "
        'href="https://www.pozytek.gov.pl">pozytek.gov.pl</a>) – oraz <b>Fundacją Rozwoju '
        'Demokracji Lokalnej</b> (<a href="https://frdl.org.pl">frdl.org.pl</a>).</p>',
    ),
    ("heading", "Rezultaty"),
    (
        "paragraph",
        "<p>Eksperci MSAP UEK i FRDL przygotują raporty oraz publikację podsumowującą "
        "program. Będą one dostępne bezpłatnie w dziale Publikacje.</p>",
    ),
]

ABOUT_LEAD_EN = (
    "MWF is a training and advisory programme for local governments and NGOs that fund and "
    "carry out public tasks together."
)
ABOUT_BODY_EN = [
    ("heading", "Why the programme exists"),
    (
        "paragraph",
        "<p>Polish law gives local governments many ways of funding the work of NGOs: open "
        "calls for proposals, the small grants procedure, regranting, local initiatives, the "
        "village fund and participatory budgets. In practice many municipalities and counties "
        "use only one or two of them. The programme sets out to change that.</p>",
    ),
    ("heading", "What we do"),
    (
        "paragraph",
        "<ul><li>we find and describe good practices of financial cooperation between local "
        "governments and NGOs and publish them in a catalogue;</li><li>we organise and deepen "
        "knowledge of the cooperation instruments: their legal basis, steps and documents;"
        "</li><li>we help local governments put the instruments into practice while keeping "
        "their variety and fitting them to local conditions;</li><li>we share the results with "
        "local governments, NGOs and everyone else concerned.</li></ul>",
    ),
    ("heading", "Programme targets"),
    (
        "paragraph",
        "<ul><li><b>640</b> representatives of municipalities and counties (mayors, county "
        "heads, board members, treasurers, secretaries and the staff who handle cooperation "
        "with NGOs) trained;</li><li><b>320</b> NGO board members trained;</li><li><b>20</b> "
        "local governments supported in implementing the instruments.</li></ul>",
    ),
    ("heading", "Who runs the programme"),
    (
        "paragraph",
        "<p>The programme is run by the <b>Małopolska School of Public Administration of the "
        "Krakow University of Economics</b> (MSAP UEK) together with the <b>Public Benefit "
        "Department</b>, the lead partner responsible for the government's policy on "
        'cooperation with NGOs (<a href="https://www.pozytek.gov.pl">pozytek.gov.pl</a>), and '
        "the <b>Foundation for the Development of Local Democracy</b> (FRDL, <a "
        'href="https://frdl.org.pl">frdl.org.pl</a>).</p>',
    ),
    ("heading", "Outputs"),
    (
        "paragraph",
        "<p>Experts of MSAP UEK and FRDL will prepare reports and a publication summing up the "
        "programme. They will be free to download in the Publications section.</p>",
    ),
]

# --- privacy policy (art. 13 GDPR / RODO) ----------------------------------------------------

PRIVACY_LEAD_PL = (
    "Poniżej wyjaśniamy, kto przetwarza Twoje dane osobowe w serwisie programu MWF, w jakim "
    "celu, jak długo i jakie masz prawa (art. 13 RODO)."
)
PRIVACY_BODY_PL = [
    ("heading", "Administrator danych"),
    (
        "paragraph",
        "<p>Administratorem Twoich danych osobowych jest Uniwersytet Ekonomiczny w Krakowie, "
        "ul. Rakowicka 27, 31-510 Kraków, w imieniu którego program prowadzi Małopolska Szkoła "
        "Administracji Publicznej. W sprawach programu napisz na adres "
        '<a href="mailto:mwf@example.pl">mwf@example.pl</a>.</p>',
    ),
    ("heading", "Inspektor ochrony danych"),
    (
        "paragraph",
        "<p>Administrator wyznaczył inspektora ochrony danych. Możesz się z nim skontaktować "
        'we wszystkich sprawach dotyczących Twoich danych: <a href="mailto:iod@example.pl">'
        "iod@example.pl</a> lub listownie na adres administratora z dopiskiem „Inspektor "
        "ochrony danych”.</p>",
    ),
    ("heading", "Cele i podstawy prawne przetwarzania"),
    (
        "paragraph",
        "<ul><li>konto w serwisie, kursy online i zaświadczenia – wykonanie umowy o "
        "świadczenie usługi drogą elektroniczną (art. 6 ust. 1 lit. b RODO);</li><li>zapisy "
        "na szkolenia, listy obecności oraz monitorowanie wskaźników programu – wykonanie "
        "zadania realizowanego w interesie publicznym i obowiązki wynikające z umowy o "
        "dofinansowanie (art. 6 ust. 1 lit. c i e RODO);</li><li>newsletter – Twoja zgoda, "
        "którą możesz wycofać w każdej chwili jednym kliknięciem (art. 6 ust. 1 lit. a RODO);"
        "</li><li>rozliczenie i archiwizacja dokumentacji programu – obowiązek prawny "
        "administratora (art. 6 ust. 1 lit. c RODO);</li><li>dochodzenie roszczeń i obrona "
        "przed nimi – prawnie uzasadniony interes administratora (art. 6 ust. 1 lit. f RODO)."
        "</li></ul>",
    ),
    ("heading", "Odbiorcy danych"),
    (
        "paragraph",
        "<p>Dane mogą otrzymać: partnerzy programu (Departament Pożytku Publicznego i Fundacja "
        "Rozwoju Demokracji Lokalnej) w zakresie potrzebnym do realizacji i rozliczenia "
        "szkoleń, instytucje kontrolujące program, a także firmy, które na nasze zlecenie "
        "utrzymują serwer i wysyłają wiadomości e-mail – wyłącznie na podstawie umów "
        "powierzenia przetwarzania danych. Nie przekazujemy danych poza Europejski Obszar "
        "Gospodarczy.</p>",
    ),
    ("heading", "Jak długo przechowujemy dane"),
    (
        "paragraph",
        "<p>Dane uczestników szkoleń i kursów przechowujemy przez okres trwania programu i "
        "przez czas archiwizacji jego dokumentacji wymagany umową o dofinansowanie. Po usunięciu "
        "konta dane są anonimizowane: zostaje tylko informacja potrzebna do wykazania "
        "wskaźników, bez możliwości ustalenia, kogo dotyczy. Adres e-mail subskrybenta "
        "newslettera przechowujemy do wycofania zgody, a zapis o udzieleniu i wycofaniu zgody – "
        "do upływu terminu przedawnienia roszczeń.</p>",
    ),
    ("heading", "Twoje prawa"),
    (
        "paragraph",
        "<p>Masz prawo dostępu do swoich danych, ich sprostowania, usunięcia lub ograniczenia "
        "przetwarzania, prawo do przenoszenia danych oraz prawo sprzeciwu wobec przetwarzania "
        "opartego na interesie publicznym lub prawnie uzasadnionym interesie. Zgodę możesz "
        "wycofać w dowolnym momencie; nie wpływa to na zgodność z prawem przetwarzania przed jej "
        "wycofaniem. Po zalogowaniu możesz pobrać swoje dane i usunąć konto na stronie „Moje "
        "dane”.</p>",
    ),
    ("heading", "Skarga do organu nadzorczego"),
    (
        "paragraph",
        "<p>Jeśli uważasz, że przetwarzamy Twoje dane niezgodnie z prawem, możesz złożyć skargę "
        "do Prezesa Urzędu Ochrony Danych Osobowych (ul. Stawki 2, 00-193 Warszawa, "
        '<a href="https://uodo.gov.pl">uodo.gov.pl</a>).</p>',
    ),
    ("heading", "Czy musisz podać dane"),
    (
        "paragraph",
        "<p>Podanie danych jest dobrowolne, ale bez nich nie założysz konta, nie zapiszesz się "
        "na szkolenie ani nie otrzymasz zaświadczenia. Nie podejmujemy wobec Ciebie decyzji w "
        "sposób zautomatyzowany i nie profilujemy Cię.</p>",
    ),
    ("heading", "Pliki cookie"),
    (
        "paragraph",
        "<p>Serwis używa wyłącznie niezbędnych plików cookie: sesji (logowanie), ochrony "
        "formularzy przed nadużyciami (CSRF) oraz zapamiętania ustawień „Ułatwień dostępu”. "
        "Nie używamy plików cookie reklamowych ani analitycznych.</p>",
    ),
]

PRIVACY_LEAD_EN = (
    "Below we explain who processes your personal data on the MWF programme website, for what "
    "purpose and for how long, and what your rights are (Article 13 GDPR)."
)
PRIVACY_BODY_EN = [
    ("heading", "Controller"),
    (
        "paragraph",
        "<p>The controller of your personal data is the Krakow University of Economics, ul. "
        "Rakowicka 27, 31-510 Kraków, Poland, on whose behalf the programme is run by the "
        "Małopolska School of Public Administration. For matters concerning the programme write "
        'to <a href="mailto:mwf@example.pl">mwf@example.pl</a>.</p>',
    ),
    ("heading", "Data protection officer"),
    (
        "paragraph",
        "<p>The controller has appointed a data protection officer, whom you can contact about "
        'anything concerning your data: <a href="mailto:iod@example.pl">iod@example.pl</a>, or '
        "by post at the controller's address marked “Data protection officer”.</p>",
    ),
    ("heading", "Purposes and legal bases"),
    (
        "paragraph",
        "<ul><li>your account, online courses and certificates: performance of the contract "
        "for an electronic service (Art. 6(1)(b) GDPR);</li><li>registration for training, "
        "attendance lists and monitoring of the programme's targets: a task carried out in the "
        "public interest and obligations under the funding agreement (Art. 6(1)(c) and (e) "
        "GDPR);</li><li>the newsletter: your consent, which you can withdraw at any time with "
        "one click (Art. 6(1)(a) GDPR);</li><li>accounting for and archiving the programme's "
        "records: the controller's legal obligation (Art. 6(1)(c) GDPR);</li><li>establishing "
        "or defending legal claims: the controller's legitimate interest (Art. 6(1)(f) GDPR)."
        "</li></ul>",
    ),
    ("heading", "Recipients"),
    (
        "paragraph",
        "<p>Your data may be received by the programme partners (the Public Benefit Department "
        "and the Foundation for the Development of Local Democracy) as far as needed to run and "
        "account for the training, by the bodies that audit the programme, and by companies "
        "that host the server and send e-mail on our behalf, only under data processing "
        "agreements. We do not transfer data outside the European Economic Area.</p>",
    ),
    ("heading", "How long we keep data"),
    (
        "paragraph",
        "<p>We keep the data of training and course participants for the duration of the "
        "programme and for the archiving period its funding agreement requires. When an account "
        "is deleted, the data are anonymised: only what is needed to prove the targets remains, "
        "with no way to tell whom it concerns. A newsletter subscriber's address is kept until "
        "consent is withdrawn, and the record of giving and withdrawing consent until claims "
        "are time-barred.</p>",
    ),
    ("heading", "Your rights"),
    (
        "paragraph",
        "<p>You have the right to access your data, to have it rectified, erased or its "
        "processing restricted, the right to data portability, and the right to object to "
        "processing based on the public interest or a legitimate interest. You may withdraw "
        "your consent at any time; this does not affect the lawfulness of processing before "
        "the withdrawal. When logged in, you can download your data and delete your account on "
        "the “My data” page.</p>",
    ),
    ("heading", "Complaints to the supervisory authority"),
    (
        "paragraph",
        "<p>If you believe we process your data unlawfully, you may lodge a complaint with the "
        'President of the Personal Data Protection Office (<span lang="pl">Prezes Urzędu '
        "Ochrony Danych Osobowych</span>, ul. Stawki 2, 00-193 Warszawa, "
        '<a href="https://uodo.gov.pl">uodo.gov.pl</a>).</p>',
    ),
    ("heading", "Do you have to provide data"),
    (
        "paragraph",
        "<p>Providing data is voluntary, but without it you cannot create an account, "
        "register for training or receive a certificate. We make no automated decisions about "
        "you and do not profile you.</p>",
    ),
    ("heading", "Cookies"),
    (
        "paragraph",
        "<p>The website uses only necessary cookies: the session (logging in), form protection "
        "against abuse (CSRF) and remembering your accessibility options. We use no "
        "advertising or analytics cookies.</p>",
    ),
]

# --- accessibility statement -------------------------------------------------------------------

STATEMENT_PL = {
    "non_compliance": (
        "<p>Niektóre treści nie są jeszcze w pełni dostępne:</p><ul><li>część dokumentów PDF "
        "przekazanych przez samorządy do katalogu dobrych praktyk to skany bez warstwy "
        "tekstowej – na prośbę przygotujemy ich wersję tekstową;</li><li>nagrania z webinariów "
        "mają napisy automatyczne, które poprawiamy w ciągu 14 dni od publikacji.</li></ul>"
        "<p>Wyłączenia: uchwały i zarządzenia publikowane w katalogu jako załączniki pochodzą "
        "z innych podmiotów i nie podlegają naszej edycji.</p>"
    ),
    "assessment": (
        "Deklarację sporządzono na podstawie samooceny przeprowadzonej przez zespół programu: "
        "automatycznych testów narzędziem axe-core oraz ręcznych testów obsługi klawiaturą, "
        "czytnikiem ekranu i przy powiększeniu tekstu do 200%."
    ),
    "keyboard_shortcuts": (
        "<p>Serwis obsługuje standardowe skróty klawiaturowe przeglądarki. Na początku każdej "
        "strony są linki „Przejdź do treści” i „Przejdź do menu”, a pasek „Ułatwienia "
        "dostępu” pozwala włączyć wysoki kontrast (żółty tekst na czarnym tle) i powiększyć "
        "tekst (A, A+, A++). Wybrane ustawienia są zapamiętywane na kolejnych stronach.</p>"
    ),
    "contact_person": "koordynator ds. dostępności programu MWF",
    "contact_email": "dostepnosc@example.pl",
    "contact_phone": "+48 12 000 00 00",
    "architecture": (
        "<p>Biuro programu mieści się w budynku Uniwersytetu Ekonomicznego w Krakowie przy ul. "
        "Rakowickiej 27. Szkolenia stacjonarne organizujemy wyłącznie w salach dostępnych dla "
        "osób poruszających się na wózkach. Przy zapisie na szkolenie możesz zgłosić potrzebę "
        "asysty, miejsca parkingowego lub innego udogodnienia. Do budynków i sal można wejść z "
        "psem asystującym.</p>"
    ),
    "architecture_url": "https://uek.krakow.pl/",
    "communication": (
        "<p>Osoby niesłyszące i słabosłyszące mogą kontaktować się z nami e-mailem lub "
        "wiadomością SMS. Na szkolenie stacjonarne zapewnimy tłumacza polskiego języka "
        "migowego, jeśli zgłosisz taką potrzebę co najmniej 3 dni robocze wcześniej. Nagrania "
        "kursów online mają napisy i transkrypcje.</p>"
    ),
}

STATEMENT_EN = {
    "non_compliance": (
        "<p>Some content is not yet fully accessible:</p><ul><li>some PDF documents supplied "
        "by local governments to the good-practice catalogue are scans without a text layer; "
        "on request we will prepare a text version;</li><li>webinar recordings have automatic "
        "captions, which we correct within 14 days of publication.</li></ul><p>Exemptions: "
        "resolutions and orders published in the catalogue as attachments come from other "
        "bodies and are not edited by us.</p>"
    ),
    "assessment": (
        "The statement was prepared on the basis of a self-assessment by the programme team: "
        "automated tests with axe-core and manual tests with the keyboard, a screen reader and "
        "text enlarged to 200%."
    ),
    "keyboard_shortcuts": (
        "<p>The website supports the browser's standard keyboard shortcuts. Every page starts "
        "with “Skip to content” and “Skip to menu” links, and the accessibility options bar "
        "switches on high contrast (yellow text on black) and larger text (A, A+, A++). Your "
        "choice is kept on the next pages.</p>"
    ),
    "contact_person": "MWF programme accessibility coordinator",
    "architecture": (
        "<p>The programme office is in the Krakow University of Economics building at ul. "
        "Rakowicka 27. We hold in-person training only in rooms accessible to wheelchair "
        "users. When registering for training you can ask for assistance, a parking space or "
        "other arrangements. Assistance dogs are welcome in the buildings and rooms.</p>"
    ),
    "communication": (
        "<p>Deaf and hard-of-hearing people can contact us by e-mail or text message. For "
        "in-person training we provide a Polish Sign Language interpreter if you ask at least "
        "3 working days in advance. Online course videos have captions and transcripts.</p>"
    ),
}

# --- site settings -----------------------------------------------------------------------------

PARTNERS = [
    {
        "name": "Małopolska Szkoła Administracji Publicznej Uniwersytetu Ekonomicznego w Krakowie",
        "role": "realizator programu, szkolenia i badania",
        "role_en": "runs the programme, training and research",
        "url": "https://msap.uek.krakow.pl/",
    },
    {
        "name": "Departament Pożytku Publicznego",
        "role": "partner wiodący, polityka współpracy z organizacjami pozarządowymi",
        "role_en": "lead partner, government policy on cooperation with NGOs",
        "url": "https://www.pozytek.gov.pl/",
    },
    {
        "name": "Fundacja Rozwoju Demokracji Lokalnej",
        "role": "partner, szkolenia i wsparcie samorządów",
        "role_en": "partner, training and support for local governments",
        "url": "https://frdl.org.pl/",
    },
]

FUNDING_NOTE_PL = (
    "Program MWF jest finansowany ze środków publicznych. Udział w szkoleniach i kursach "
    "online jest bezpłatny."
)
FUNDING_NOTE_EN = (
    "The MWF programme is publicly funded. Training and online courses are free of charge."
)
