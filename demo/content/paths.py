"""Demo learning path: "Małe granty: kurs online → warsztat → konsultacje" and its English
version, built from the demo course on small grants (with its pre-test) and the small-grants
workshop and consultations of the demo trainings. The workshop takes those who have completed
the course. Idempotent: pages are found by slug, translations by locale."""

from decimal import Decimal

from wagtail.models import Locale

from courses.models import CoursePage
from demo.content.site import get_or_create_child, get_or_create_translation
from events.models import EventPage
from paths.models import LearningPathIndexPage, LearningPathPage, PathStep

COURSE_SLUG = "male-granty-i-inicjatywa-lokalna"
WORKSHOP_SLUG = "male-granty-warsztat"
CONSULTATIONS_SLUG = "male-granty-konsultacje"

INDEX_PL = {
    "title": "Ścieżki edukacyjne",
    "intro": (
        "<p>Ścieżka prowadzi od kursu online przez warsztat do konsultacji. Na każdym kroku "
        "widzisz, co już masz za sobą i co jest następne, a po wszystkich wymaganych krokach "
        "otrzymujesz zaświadczenie ukończenia ścieżki.</p>"
    ),
}
INDEX_EN = {
    "title": "Learning paths",
    "slug": "learning-paths",
    "intro": (
        "<p>A path leads from an online course through a workshop to consultations. At each "
        "step you see what you have done and what comes next, and once every required step is "
        "done you receive a certificate of completing the path.</p>"
    ),
}
PATH_PL = {
    "title": "Małe granty: kurs online → warsztat → konsultacje",
    "intro": (
        "<p>Dla urzędników gmin i powiatów oraz członków zarządów organizacji, którzy chcą "
        "sprawnie stosować tryb małych zleceń (art. 19a ustawy o działalności pożytku "
        "publicznego i o wolontariacie). Najpierw poznajesz zasady w kursie online, potem "
        "ćwiczysz na warsztacie, a na koniec możesz omówić własne dokumenty z ekspertką.</p>"
        "<p>Na warsztat zapiszesz się po ukończeniu kursu: strona warsztatu powie Ci, co "
        "jeszcze zostało do zrobienia.</p>"
    ),
    "search_description": "Kurs online, warsztat i konsultacje o trybie małych zleceń.",
    "learning_outcomes": (
        "Wyjaśnia, kiedy można zastosować tryb małych zleceń.\n"
        "Ocenia uproszczoną ofertę i przygotowuje umowę.\n"
        "Rozlicza zadanie publiczne zlecone w trybie małych zleceń."
    ),
}
PATH_EN = {
    "title": "Small grants: online course → workshop → consultations",
    "slug": "small-grants",
    "intro": (
        "<p>For municipal and county officials and NGO board members who want to use the "
        "small-grants procedure (tryb małych zleceń, art. 19a of the Act on Public Benefit "
        "Activity and Volunteering) with confidence. First you learn the rules in the online "
        "course, then you practise at the workshop, and finally you may go through your own "
        "documents with an expert.</p>"
        "<p>You can register for the workshop once you have completed the course: the "
        "workshop's page tells you what is still to do.</p>"
    ),
    "search_description": "An online course, a workshop and consultations on small grants.",
    "learning_outcomes": (
        "Explains when the small-grants procedure may be used.\n"
        "Assesses a simplified offer and prepares the agreement.\n"
        "Settles a public task commissioned under the small-grants procedure."
    ),
}
# (kind, target, label PL, label EN, required, registration waits for the earlier steps)
STEPS = [
    ("pretest", "course", "Test wstępny", "Pre-test", False, False),
    ("course", "course", "Kurs online", "Online course", True, False),
    ("training", "workshop", "Warsztat", "Workshop", True, True),
    (
        "training",
        "consultations",
        "Konsultacje indywidualne",
        "Individual consultations",
        False,
        False,
    ),
]


def load(home, sections, stdout):
    course = CoursePage.objects.filter(slug=COURSE_SLUG, locale__language_code="pl").first()
    workshop = EventPage.objects.filter(slug=WORKSHOP_SLUG).first()
    consultations = EventPage.objects.filter(slug=CONSULTATIONS_SLUG).first()
    if course is None or workshop is None or consultations is None:
        stdout.write("ścieżki: brak kursu lub szkoleń demonstracyjnych; ścieżka pominięta.")
        return
    targets = {"course": course, "workshop": workshop, "consultations": consultations}
    index = get_or_create_child(
        home, LearningPathIndexPage, "sciezki-edukacyjne", show_in_menus=True, **INDEX_PL
    )
    path = LearningPathPage.objects.child_of(index).filter(slug="male-granty").first()
    if path is None:
        path = LearningPathPage(slug="male-granty", hours=Decimal("9"), **PATH_PL)
        for number, (kind, target, label, _label_en, required, gated) in enumerate(STEPS):
            path.steps.add(
                PathStep(
                    sort_order=number,
                    kind=kind,
                    target=targets[target],
                    label=label,
                    required=required,
                    requires_earlier_steps=gated,
                )
            )
        index.add_child(instance=path)
        path.save_revision().publish()
    english = Locale.objects.filter(language_code="en").first()
    if english is None or home.get_translation_or_none(english) is None:
        stdout.write("ścieżki: 1 ścieżka (bez wersji angielskiej).")
        return
    get_or_create_translation(index, english, show_in_menus=True, **INDEX_EN)
    if path.get_translation_or_none(english) is None:
        translated = get_or_create_translation(path, english, **PATH_EN)
        # The copy carries the Polish labels of the steps: word them in English.
        labels = [step[3] for step in STEPS]
        for step, label in zip(translated.steps.order_by("sort_order"), labels, strict=True):
            step.label = label
            step.save(update_fields=["label"])
        translated = LearningPathPage.objects.get(pk=translated.pk)
        translated.save_revision().publish()
    stdout.write("ścieżki: 1 ścieżka po polsku i po angielsku.")
