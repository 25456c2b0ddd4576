"""Demo content of the newsletter: three lists, the first consent wording and one issue.
Idempotent: each item is looked up before it is created."""

from newsletter.models import ConsentText, NewsletterList, NewsletterPage

LISTS = [
    (
        "jst",
        "Dla samorządów (JST)",
        "Szkolenia i praktyki dla urzędników gmin, powiatów i województw.",
    ),
    (
        "ngo",
        "Dla organizacji pozarządowych",
        "Konkursy, granty i współpraca z samorządem z perspektywy organizacji.",
    ),
    (
        "wszystko",
        "Wszystkie aktualności programu",
        "Każde wydanie newslettera: szkolenia, kursy, publikacje.",
    ),
]

CONSENT_V1 = (
    "Chcę otrzymywać na podany adres e-mail newsletter programu MWF z informacjami o szkoleniach, "
    "kursach i dobrych praktykach. Administratorem danych jest organizator programu wskazany w "
    "polityce prywatności. Zgodę mogę wycofać w każdej chwili jednym kliknięciem w linku "
    "„Wypisz się” w każdym wydaniu, bez wpływu na zgodność z prawem wcześniejszej wysyłki."
)


def load(home, sections, stdout):
    for order, (slug, name, description) in enumerate(LISTS, start=1):
        NewsletterList.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
    if not ConsentText.objects.exists():
        ConsentText.objects.create(text=CONSENT_V1)
    index = sections.get("newsletter")
    if index is None:
        return
    if not NewsletterPage.objects.child_of(index).filter(slug="wydanie-1").exists():
        issue = NewsletterPage(
            title="Newsletter MWF nr 1: ruszają szkolenia",
            slug="wydanie-1",
            preheader="Pierwsze terminy szkoleń, nowe kursy online i przykłady współpracy z gmin.",
            body=[
                ("heading", "Dzień dobry!"),
                (
                    "paragraph",
                    "<p>Oddajemy w Wasze ręce pierwsze wydanie newslettera programu MWF. Co "
                    "miesiąc przypomnimy o najbliższych szkoleniach, pokażemy nowe kursy do "
                    "nauki we własnym tempie i opiszemy przykłady udanej współpracy finansowej "
                    "samorządów z organizacjami pozarządowymi.</p>",
                ),
                ("upcoming_trainings", {"heading": "Najbliższe szkolenia", "limit": 3}),
                ("new_courses", {"heading": "Nowe kursy online", "limit": 3}),
                ("new_practices", {"heading": "Dobre praktyki z gmin i powiatów", "limit": 3}),
                (
                    "paragraph",
                    "<p>Masz pomysł na temat kolejnego wydania albo chcesz opisać praktykę ze "
                    "swojej gminy? Odpisz na ten list – czytamy każdą wiadomość.</p>",
                ),
                (
                    "button",
                    {
                        "text": "Zobacz wszystkie szkolenia",
                        "page": sections.get("wydarzenia"),
                        "url": "",
                    },
                ),
            ],
        )
        index.add_child(instance=issue)
        issue.save_revision().publish()
    stdout.write("Newsletter: listy, treść zgody v1 i pierwsze wydanie są gotowe.")
