"""Demo text of the information the accessibility act asks of a public entity's website: the
easy-to-read text about the programme (short sentences, one idea each: it passes the checks of
home/readability.py) and the sign-language page, in Polish and English. Written by the team.

The sign-language recording of the demo is a stand-in that says so (see
scripts/make_demo_sign_video.py): nobody signs in it, so its transcript and captions say what
it shows, and the page says that the interpreter's recording is being prepared."""

EASY_READ_PL = {
    "title": "Program MWF – tekst łatwy do czytania",
    "slug": "tekst-latwy-do-czytania",
    "search_description": "Informacje o programie MWF w tekście łatwym do czytania.",
}
EASY_READ_BODY_PL = [
    ("heading", "Czym jest program MWF?"),
    (
        "paragraph",
        "Program MWF to szkolenia i pomoc dla samorządów.\n"
        "Samorząd to na przykład gmina albo powiat.\n"
        "Program uczy, jak samorząd ma współpracować z organizacjami pozarządowymi.",
    ),
    (
        "paragraph",
        "Organizacja pozarządowa to na przykład fundacja albo stowarzyszenie.\n"
        "Samorząd może dać takiej organizacji pieniądze.\n"
        "Za te pieniądze organizacja robi coś dobrego dla mieszkańców.",
    ),
    ("heading", "Kto prowadzi program?"),
    (
        "paragraph",
        "Program prowadzi Małopolska Szkoła Administracji Publicznej.\n"
        "To część Uniwersytetu Ekonomicznego w Krakowie.\n"
        "Pomaga jej Departament Pożytku Publicznego.\n"
        "Pomaga też Fundacja Rozwoju Demokracji Lokalnej.",
    ),
    ("heading", "Co robimy?"),
    (
        "paragraph",
        "Szukamy dobrych przykładów współpracy samorządów z organizacjami.\n"
        "Opisujemy je na tej stronie.\n"
        "Każdy może je przeczytać.",
    ),
    (
        "paragraph",
        "Prowadzimy kursy w internecie.\n"
        "Prowadzimy też szkolenia i warsztaty.\n"
        "Po kursie można dostać zaświadczenie.",
    ),
    (
        "paragraph",
        "Pomagamy 20 gminom i powiatom.\nRazem z nimi zmieniamy to, jak współpracują z organizacjami.",
    ),
    ("heading", "Dla kogo jest program?"),
    (
        "paragraph",
        "Program jest dla osób, które pracują w gminach i powiatach.\n"
        "Na przykład dla wójtów, burmistrzów i skarbników.\n"
        "Szkolenia skończy 640 takich osób.",
    ),
    (
        "paragraph",
        "Program jest też dla organizacji pozarządowych.\n"
        "Szkolenia skończy 320 osób z ich zarządów.",
    ),
    ("heading", "Jak się z nami skontaktować?"),
    (
        "paragraph",
        "Napisz do nas na adres mwf@example.pl.\n"
        "Możesz też zadzwonić pod numer +48 12 000 00 00.\n"
        "Nasze biuro jest w Krakowie przy ulicy Rakowickiej 27.",
    ),
    (
        "paragraph",
        "Powiedz nam, jakiej pomocy potrzebujesz.\n"
        "Na przykład możemy zaprosić tłumacza języka migowego.",
    ),
    ("heading", "Co jeszcze jest na tej stronie?"),
    (
        "paragraph",
        "Na stronie jest informacja w polskim języku migowym.\n"
        "Jest też deklaracja dostępności.\n"
        "Deklaracja mówi, co na stronie jest dostępne, a co jeszcze nie.",
    ),
]

EASY_READ_EN = {
    "title": "The MWF programme – easy to read",
    "slug": "easy-to-read",
    "search_description": "Information about the MWF programme in easy-to-read text.",
}
EASY_READ_BODY_EN = [
    ("heading", "What is the MWF programme?"),
    (
        "paragraph",
        "The MWF programme is training and help for local governments.\n"
        "A local government is, for example, a municipality or a county.\n"
        "The programme teaches local governments to work with non-governmental organisations.",
    ),
    (
        "paragraph",
        "A non-governmental organisation is, for example, a foundation or an association.\n"
        "A local government can give such an organisation money.\n"
        "With this money the organisation does something good for the residents.",
    ),
    ("heading", "Who runs the programme?"),
    (
        "paragraph",
        "The programme is run by the Małopolska School of Public Administration.\n"
        "It is part of the Krakow University of Economics.\n"
        "The Public Benefit Department helps it.\n"
        "The Foundation for the Development of Local Democracy helps too.",
    ),
    ("heading", "What do we do?"),
    (
        "paragraph",
        "We look for good examples of local governments working with organisations.\n"
        "We describe them on this website.\n"
        "Everyone can read them.",
    ),
    (
        "paragraph",
        "We run online courses.\nWe also run trainings and workshops.\n"
        "After a course you can get a certificate.",
    ),
    (
        "paragraph",
        "We help 20 municipalities and counties.\n"
        "Together we change how they work with organisations.",
    ),
    ("heading", "Who is the programme for?"),
    (
        "paragraph",
        "The programme is for people who work in municipalities and counties.\n"
        "For example, mayors and treasurers.\n"
        "640 such people will finish the training.",
    ),
    (
        "paragraph",
        "The programme is also for non-governmental organisations.\n"
        "320 members of their boards will finish the training.",
    ),
    ("heading", "How to contact us?"),
    (
        "paragraph",
        "Write to us at mwf@example.pl.\n"
        "You can also call us on +48 12 000 00 00.\n"
        "Our office is in Krakow, at Rakowicka Street 27.",
    ),
    (
        "paragraph",
        "Tell us what help you need.\nFor example, we can invite a sign language interpreter.",
    ),
    ("heading", "What else is on this website?"),
    (
        "paragraph",
        "The website has information in Polish Sign Language.\n"
        "It also has an accessibility statement.\n"
        "The statement says what on the website is accessible and what is not yet.",
    ),
]

SIGN_LANGUAGE_PL = {
    "title": "Polski język migowy (PJM)",
    "slug": "polski-jezyk-migowy",
    "search_description": "Informacje o programie MWF w polskim języku migowym.",
    "intro": (
        "Tu będzie nagranie z informacjami o programie MWF w polskim języku migowym. "
        "Nagranie z tłumaczem PJM jest w przygotowaniu; do tego czasu pokazujemy nagranie "
        "demonstracyjne z napisami. Tekst nagrania jest pod filmem."
    ),
    "transcript": (
        "<p>Program MWF. Polski język migowy.</p>"
        "<p>To nagranie demonstracyjne.</p>"
        "<p>Nagranie z tłumaczem PJM jest w przygotowaniu.</p>"
        "<p>Tekst nagrania jest pod filmem.</p>"
        "<h3>O czym będzie nagranie z tłumaczem</h3>"
        "<p>Tłumacz PJM opowie, czym jest program MWF, kto go prowadzi, co robimy, dla kogo "
        "jest program i jak się z nami skontaktować. To te same informacje, które są w "
        '<a href="/tekst-latwy-do-czytania/">tekście łatwym do czytania</a>.</p>'
    ),
}
SIGN_LANGUAGE_EN = {
    "title": "Polish Sign Language (PJM)",
    "slug": "polish-sign-language",
    "search_description": "Information about the MWF programme in Polish Sign Language.",
    "intro": (
        "This page will hold a recording about the MWF programme in Polish Sign Language. "
        "The recording with a PJM interpreter is being prepared; until then we show a "
        "demonstration recording with captions. The transcript is below the video."
    ),
    "transcript": (
        "<p>The MWF programme. Polish Sign Language.</p>"
        "<p>This is a demonstration recording.</p>"
        "<p>A recording with a PJM interpreter is being prepared.</p>"
        "<p>The transcript is below the video.</p>"
        "<h3>What the interpreter's recording will say</h3>"
        "<p>A PJM interpreter will tell what the MWF programme is, who runs it, what we do, "
        "who the programme is for and how to contact us. It is the same information as in "
        'the <a href="/en/easy-to-read/">easy-to-read text</a>.</p>'
    ),
}
