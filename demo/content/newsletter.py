"""Demo content of the newsletter: three lists, the first consent wording and one issue.
Idempotent: each item is looked up before it is created."""

from newsletter.models import ConsentText, NewsletterList, NewsletterPage

# English name and description of each list, keyed by slug (shown under /en/).
LISTS_EN = {
    "jst": (
        "For local governments (JST)",
        "Training and good practices for officials of municipalities, counties and regions.",
    ),
    "ngo": (
        "For non-governmental organisations",
        "Calls, grants and cooperation with local government from an organisation's point of view.",
    ),
    "wszystko": (
        "All programme news",
        "Every issue of the newsletter: training, courses, publications.",
    ),
}

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


CONSENT_V1_EN = "I want to receive the MWF programme newsletter at the e-mail address given, with news of training, courses and good practices. The data controller is the programme organiser named in the privacy policy. I can withdraw my consent at any time with one click on the “Unsubscribe” link in every issue, without affecting the lawfulness of earlier mailings."


def load(home, sections, stdout):
    for order, (slug, name, description) in enumerate(LISTS, start=1):
        name_en, description_en = LISTS_EN[slug]
        NewsletterList.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "name_en": name_en,
                "description_en": description_en,
                "sort_order": order,
            },
        )
    if not ConsentText.objects.exists():
        ConsentText.objects.create(text=CONSENT_V1, text_en=CONSENT_V1_EN)
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
