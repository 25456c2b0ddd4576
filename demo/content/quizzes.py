"""Demo quizzes: a pre-test and a post-test of the first demo course, and a lesson quiz with
every question type and a pool. Runs after the courses demo (home's load_demo_content), finds
the demo courses by type at runtime and adds quiz blocks to their lessons with a new revision.
Idempotent: quizzes are found by title, roles and blocks are added only when missing."""

import json
import uuid

from courses.models import CoursePage, LessonPage
from quizzes.models import CourseQuizRole, Quiz
from quizzes.places import quiz_blocks_in

PRE_TITLE = "Test wstępny: współpraca finansowa JST i NGO"
POST_TITLE = "Test końcowy: współpraca finansowa JST i NGO"
LESSON_TITLE = "Sprawdź się: tryb małych zleceń"


def _id():
    return str(uuid.uuid4())


def _options(pairs):
    return [
        {
            "type": "item",
            "id": _id(),
            "value": {"text": text, "correct": correct, "feedback": feedback},
        }
        for text, correct, feedback in pairs
    ]


def single(text, pairs, feedback="", points=1):
    return {
        "type": "single_choice",
        "id": _id(),
        "value": {
            "text": text,
            "points": points,
            "feedback": feedback,
            "options": _options(pairs),
        },
    }


def multiple(text, pairs, feedback="", points=2, rule="right_minus_wrong"):
    block = single(text, pairs, feedback, points)
    block["type"] = "multiple_choice"
    block["value"]["partial_credit"] = rule
    return block


def true_false(text, correct, feedback="", points=1):
    return {
        "type": "true_false",
        "id": _id(),
        "value": {"text": text, "points": points, "feedback": feedback, "correct": correct},
    }


def short_text(text, accepted, feedback="", points=1):
    return {
        "type": "short_text",
        "id": _id(),
        "value": {
            "text": text,
            "points": points,
            "feedback": feedback,
            "accepted_answers": [{"type": "item", "id": _id(), "value": a} for a in accepted],
        },
    }


def matching(text, pairs, feedback="", points=2):
    return {
        "type": "matching",
        "id": _id(),
        "value": {
            "text": text,
            "points": points,
            "feedback": feedback,
            "partial_credit": "proportional",
            "pairs": [
                {"type": "item", "id": _id(), "value": {"prompt": p, "answer": a}} for p, a in pairs
            ],
        },
    }


def ordering(text, items, feedback="", points=2):
    return {
        "type": "ordering",
        "id": _id(),
        "value": {
            "text": text,
            "points": points,
            "feedback": feedback,
            "partial_credit": "proportional",
            "items": [{"type": "item", "id": _id(), "value": item} for item in items],
        },
    }


def pool(title, draw, questions):
    return {
        "type": "pool",
        "id": _id(),
        "value": {"title": title, "draw": draw, "questions": questions},
    }


def knowledge_questions():
    """The same questions for the pre-test and the post-test (paired by text in the report)."""
    return [
        single(
            "Jaka jest najwyższa kwota dofinansowania zadania zleconego w trybie małych zleceń "
            "(art. 19a ustawy o pożytku)?",
            [
                ("10 000 zł", True, "Tak: to górna granica jednego małego zlecenia."),
                ("20 000 zł", False, "To roczny limit dla jednej organizacji z jednej JST."),
                ("50 000 zł", False, ""),
                ("5 000 zł", False, ""),
            ],
            "Mały grant to do 10 000 zł na zadanie trwające do 90 dni.",
        ),
        single(
            "Ile co najmniej dni mają organizacje na złożenie oferty w otwartym konkursie ofert?",
            [
                ("21 dni", True, ""),
                ("14 dni", False, ""),
                ("7 dni", False, ""),
                ("30 dni", False, ""),
            ],
            "Termin na złożenie ofert nie może być krótszy niż 21 dni od ogłoszenia konkursu.",
        ),
        true_false(
            "Rada uchwala roczny program współpracy z organizacjami pozarządowymi do 30 listopada "
            "roku poprzedzającego okres jego obowiązywania.",
            "true",
            "Program przyjmuje się do 30 listopada, po konsultacjach z organizacjami.",
        ),
        multiple(
            "Gdzie JST musi ogłosić otwarty konkurs ofert? Zaznacz wszystkie właściwe miejsca.",
            [
                ("W Biuletynie Informacji Publicznej", True, ""),
                ("Na tablicy ogłoszeń urzędu", True, ""),
                ("Na stronie internetowej JST", True, ""),
                ("Wyłącznie w prasie lokalnej", False, "Prasa nie jest wymaganym miejscem."),
            ],
            "Ogłoszenie trafia do BIP, na tablicę ogłoszeń i na stronę internetową urzędu.",
        ),
        true_false(
            "Jedna organizacja może otrzymać od tej samej JST w trybie małych zleceń łącznie "
            "najwyżej 20 000 zł w roku.",
            "true",
            "Roczny limit z jednej JST dla jednej organizacji wynosi 20 000 zł.",
        ),
        short_text(
            "Jak nazywa się instrument, w którym mieszkańcy zgłaszają projekty i w głosowaniu "
            "wybierają te, które gmina sfinansuje?",
            ["budżet obywatelski", "budżet partycypacyjny"],
            "To budżet obywatelski (art. 5a ustawy o samorządzie gminnym).",
        ),
    ]


def lesson_quiz_questions():
    return [
        ordering(
            "Ułóż kroki trybu małych zleceń we właściwej kolejności.",
            [
                "Organizacja składa ofertę z własnej inicjatywy",
                "Urząd publikuje ofertę na 7 dni, by każdy mógł zgłosić uwagi",
                "Organ uznaje celowość zadania",
                "Strony zawierają umowę",
                "Organizacja składa sprawozdanie",
            ],
            "Najpierw oferta i jej publikacja do uwag, potem decyzja, umowa i sprawozdanie.",
        ),
        matching(
            "Dopasuj instrument współpracy do jego podstawy prawnej.",
            [
                ("Tryb małych zleceń", "art. 19a ustawy o pożytku"),
                ("Inicjatywa lokalna", "art. 19b–19h ustawy o pożytku"),
                ("Budżet obywatelski", "art. 5a ustawy o samorządzie gminnym"),
                ("Dotacja inwestycyjna", "art. 221 ustawy o finansach publicznych"),
            ],
        ),
        single(
            "Jak długo najwyżej może trwać zadanie realizowane w trybie małych zleceń?",
            [
                ("90 dni", True, "Tak."),
                ("6 miesięcy", False, "Za długo: limit to 90 dni."),
                ("Cały rok budżetowy", False, "Za długo: limit to 90 dni."),
            ],
        ),
        multiple(
            "Które warunki musi spełnić zadanie, by sfinansować je w trybie małych zleceń?",
            [
                ("Ma charakter lokalny lub regionalny", True, ""),
                ("Dofinansowanie nie przekracza 10 000 zł", True, ""),
                ("Trwa nie dłużej niż 90 dni", True, ""),
                (
                    "Organizacja działa co najmniej 5 lat",
                    False,
                    "Ustawa nie stawia takiego warunku.",
                ),
            ],
            rule="right_minus_wrong",
        ),
        true_false(
            "Ofertę złożoną w trybie małych zleceń urząd publikuje na 7 dni, aby każdy mógł "
            "zgłosić do niej uwagi.",
            "true",
        ),
        short_text(
            "Jak nazywa się tryb, w którym wybrany w konkursie operator sam przekazuje środki "
            "mniejszym organizacjom na ich projekty?",
            ["regranting"],
            "To regranting (art. 16a ustawy o pożytku).",
        ),
        pool(
            "Prawda/fałsz o innych instrumentach",
            1,
            [
                true_false(
                    "Budżet obywatelski jest obowiązkowy w miastach na prawach powiatu.", "true"
                ),
                true_false(
                    "Wniosek sołectwa o środki z funduszu sołeckiego składa się do 30 września.",
                    "true",
                ),
                true_false("Zadanie w trybie małych zleceń może trwać do 180 dni.", "false"),
            ],
        ),
    ]


QUIZZES = [
    {
        "title": PRE_TITLE,
        "intro": "Kilka pytań na start. Wynik nie wpływa na ukończenie kursu – pokaże tylko, "
        "ile już wiesz, a po kursie porównamy go z testem końcowym.",
        "questions": knowledge_questions,
        "pass_mark": 0,
        "max_attempts": 1,
        "show_answers": "never",
        "grading_method": "first",
        "shuffle_options": True,
    },
    {
        "title": POST_TITLE,
        "intro": "Te same zagadnienia co w teście wstępnym. Masz 15 minut i trzy podejścia; "
        "liczy się najlepsze.",
        "questions": knowledge_questions,
        "pass_mark": 60,
        "max_attempts": 3,
        "time_limit_minutes": 15,
        "show_answers": "after_pass",
        "grading_method": "highest",
        "shuffle_options": True,
        "pass_feedback": "Gratulacje! Znasz najważniejsze zasady współpracy finansowej.",
        "fail_feedback": "Tym razem się nie udało. Wróć do lekcji i spróbuj ponownie.",
    },
    {
        "title": LESSON_TITLE,
        "intro": "Sprawdź, czy pamiętasz zasady małych grantów. Zaliczenie od 70%.",
        "questions": lesson_quiz_questions,
        "pass_mark": 70,
        "max_attempts": 0,
        "show_answers": "after_attempt",
        "grading_method": "highest",
        "shuffle_questions": False,
        "shuffle_options": True,
        "pass_feedback": "Świetnie – ta lekcja jest zaliczona.",
        "fail_feedback": "Przeczytaj jeszcze raz lekcję i spróbuj ponownie – liczba podejść "
        "jest nieograniczona.",
    },
]


def load_quizzes():
    quizzes = {}
    for spec in QUIZZES:
        spec = dict(spec)
        questions = spec.pop("questions")
        quiz = Quiz.objects.filter(title=spec["title"]).first()
        if quiz is None:
            quiz = Quiz(**spec)
            quiz.questions = json.dumps(questions())
            quiz.full_clean()
            quiz.save()
        quizzes[spec["title"]] = quiz
    return quizzes


def add_quiz_block(lesson, quiz, required):
    """Append a quiz block to a lesson's body (new published revision), unless it has it."""
    if any(quiz_id == quiz.pk for quiz_id, _required in quiz_blocks_in(lesson)):
        return False
    raw = list(lesson.body.raw_data)
    raw.append({"type": "quiz", "id": _id(), "value": {"quiz": quiz.pk, "required": required}})
    lesson.body = json.dumps(raw)
    lesson.save_revision().publish()
    return True


def load(home, sections, stdout):
    quizzes = load_quizzes()
    courses = list(CoursePage.objects.descendant_of(home).live().order_by("path"))
    if not courses:
        stdout.write("quizzes: no demo course found; quizzes created without lessons.")
        return
    course = next((c for c in courses if "grant" in c.slug), courses[0])
    lessons = [
        lesson.specific
        for lesson in LessonPage.objects.descendant_of(course).live().order_by("path")
    ]
    pre, post = quizzes[PRE_TITLE], quizzes[POST_TITLE]
    CourseQuizRole.objects.get_or_create(course=course, role="pre", defaults={"quiz": pre})
    CourseQuizRole.objects.get_or_create(course=course, role="post", defaults={"quiz": post})
    if lessons:
        add_quiz_block(lessons[0], pre, required=False)
        lesson = next(
            (x for x in lessons if x.slug == "od-oferty-do-sprawozdania"),
            next((x for x in lessons if "mal" in x.slug), lessons[len(lessons) // 2]),
        )
        add_quiz_block(lesson, quizzes[LESSON_TITLE], required=True)
        add_quiz_block(lessons[-1], post, required=True)
    stdout.write(f"quizzes: {len(quizzes)} quizzes; pre- and post-test of “{course.title}”.")
