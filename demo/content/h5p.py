"""Demo H5P exercise: a Polish question set about the small-grants procedure, placed in a demo
lesson of the courses app (whose demo runs first; the lesson is found by type and slug).

With the shared samples present (BASE_DIR.parent/shared/h5p), the package is built from the
libraries of `questionset-hub-example.h5p` (H5P.QuestionSet, MultiChoice, TrueFalse ...) with our
own `content/content.json`; otherwise from the project's tiny library (tests/h5p/fixtures/tiny).
Idempotent: the package is found by title, the block by its package.
"""

import io
import json
import uuid
import zipfile
from pathlib import Path

from django.conf import settings

from courses.models import LessonPage
from h5p.models import H5PPackage
from h5p.packages import import_package

TITLE = "Sprawdź się: limity trybu małych zleceń"
LESSON_SLUGS = ["limity-malych-zlecen", "czym-jest-tryb-malych-zlecen"]
SHARED_SAMPLE = "questionset-hub-example.h5p"


def _sid(name):
    # Stable sub-content ids, so rebuilding the demo yields the same package.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"mwf-demo-h5p/{name}"))


def _confirm():
    return {
        "confirmCheck": {
            "header": "Zakończyć?",
            "body": "Czy na pewno chcesz sprawdzić odpowiedź?",
            "cancelLabel": "Anuluj",
            "confirmLabel": "Sprawdź",
        },
        "confirmRetry": {
            "header": "Spróbować ponownie?",
            "body": "Czy na pewno chcesz odpowiedzieć jeszcze raz?",
            "cancelLabel": "Anuluj",
            "confirmLabel": "Tak",
        },
    }


def _multichoice(name, question, answers, correct):
    return {
        "library": "H5P.MultiChoice 1.14",
        "subContentId": _sid(name),
        "metadata": {"contentType": "Multiple Choice", "license": "U", "title": name},
        "params": {
            "question": f"<p>{question}</p>",
            "answers": [
                {
                    "text": f"<div>{text}</div>",
                    "correct": index == correct,
                    "tipsAndFeedback": {"tip": "", "chosenFeedback": "", "notChosenFeedback": ""},
                }
                for index, text in enumerate(answers)
            ],
            "overallFeedback": [{"from": 0, "to": 100}],
            "behaviour": {
                "enableRetry": True,
                "enableSolutionsButton": True,
                "enableCheckButton": True,
                "type": "single",
                "singlePoint": True,
                "randomAnswers": False,
                "showSolutionsRequiresInput": True,
                "confirmCheckDialog": False,
                "confirmRetryDialog": False,
                "autoCheck": False,
                "passPercentage": 100,
                "showScorePoints": True,
            },
            "UI": {
                "checkAnswerButton": "Sprawdź",
                "submitAnswerButton": "Wyślij",
                "showSolutionButton": "Pokaż rozwiązanie",
                "tryAgainButton": "Spróbuj ponownie",
                "tipsLabel": "Pokaż podpowiedź",
                "scoreBarLabel": "Zdobyto :num z :total pkt",
                "tipAvailable": "Podpowiedź dostępna",
                "feedbackAvailable": "Informacja zwrotna dostępna",
                "readFeedback": "Przeczytaj informację zwrotną",
                "wrongAnswer": "Zła odpowiedź",
                "correctAnswer": "Dobra odpowiedź",
                "shouldCheck": "Należało zaznaczyć",
                "shouldNotCheck": "Nie należało zaznaczać",
                "noInput": "Odpowiedz, zanim zobaczysz rozwiązanie",
                "a11yCheck": "Sprawdź odpowiedzi.",
                "a11yShowSolution": "Pokaż rozwiązanie.",
                "a11yRetry": "Spróbuj ponownie.",
            },
            **_confirm(),
        },
    }


def _truefalse(name, question, correct):
    return {
        "library": "H5P.TrueFalse 1.6",
        "subContentId": _sid(name),
        "metadata": {"contentType": "True/False Question", "license": "U", "title": name},
        "params": {
            "question": f"<p>{question}</p>",
            "correct": "true" if correct else "false",
            "behaviour": {
                "enableRetry": True,
                "enableSolutionsButton": True,
                "enableCheckButton": True,
                "confirmCheckDialog": False,
                "confirmRetryDialog": False,
                "autoCheck": False,
            },
            "l10n": {
                "trueText": "Prawda",
                "falseText": "Fałsz",
                "score": "Zdobyto @score z @total pkt",
                "checkAnswer": "Sprawdź",
                "submitAnswer": "Wyślij",
                "showSolutionButton": "Pokaż rozwiązanie",
                "tryAgain": "Spróbuj ponownie",
                "wrongAnswerMessage": "Zła odpowiedź",
                "correctAnswerMessage": "Dobra odpowiedź",
                "scoreBarLabel": "Zdobyto :num z :total pkt",
                "a11yCheck": "Sprawdź odpowiedź.",
                "a11yShowSolution": "Pokaż rozwiązanie.",
                "a11yRetry": "Spróbuj ponownie.",
            },
            **_confirm(),
        },
    }


def question_set_content():
    """Our own questions (facts from the programme's description of the small-grants mode)."""
    return {
        "introPage": {"showIntroPage": False, "startButtonText": "Zaczynamy", "introduction": ""},
        "progressType": "dots",
        "passPercentage": 75,
        "disableBackwardsNavigation": False,
        "randomQuestions": False,
        "questions": [
            _multichoice(
                "kwota",
                "Ile najwięcej może wynieść dofinansowanie jednego zadania w trybie małych zleceń?",
                ["5 000 zł", "10 000 zł", "50 000 zł"],
                1,
            ),
            _multichoice(
                "czas",
                "Jak długo najdłużej może trwać zadanie zlecone w trybie małych zleceń?",
                ["30 dni", "90 dni", "do końca roku budżetowego"],
                1,
            ),
            _truefalse(
                "limit-roczny",
                "Jedna organizacja może w ciągu roku otrzymać od tego samego samorządu w tym "
                "trybie łącznie najwyżej 20 000 zł.",
                True,
            ),
            _truefalse(
                "uwagi",
                "Ofertę złożoną w trybie małych zleceń samorząd wywiesza do uwag na 21 dni.",
                False,
            ),
        ],
        "texts": {
            "prevButton": "Poprzednie pytanie",
            "nextButton": "Następne pytanie",
            "finishButton": "Zakończ",
            "submitButton": "Wyślij",
            "textualProgress": "Pytanie @current z @total",
            "jumpToQuestion": "Pytanie %d z %total",
            "questionLabel": "Pytanie",
            "readSpeakerProgress": "Pytanie @current z @total",
            "unansweredText": "Bez odpowiedzi",
            "answeredText": "Z odpowiedzią",
            "currentQuestionText": "Bieżące pytanie",
            "navigationLabel": "Pytania",
        },
        "endGame": {
            "showResultPage": True,
            "showSolutionButton": True,
            "showRetryButton": True,
            "noResultMessage": "Koniec",
            "message": "Twój wynik:",
            "scoreBarLabel": "Zdobyto @finals z @totals pkt",
            "overallFeedback": [
                {"from": 0, "to": 74, "feedback": "Wróć do lekcji i spróbuj jeszcze raz."},
                {"from": 75, "to": 100, "feedback": "Świetnie, znasz limity małych zleceń."},
            ],
            "solutionButtonText": "Pokaż rozwiązania",
            "retryButtonText": "Spróbuj ponownie",
            "finishButtonText": "Zakończ",
            "submitButtonText": "Wyślij",
            "showAnimations": False,
            "skippable": False,
            "skipButtonText": "Pomiń",
        },
        "override": {"checkButton": True},
    }


def build_from_shared(sample: Path) -> bytes:
    """The sample's libraries and h5p.json (retitled, Polish), with our content.json."""
    out = io.BytesIO()
    with zipfile.ZipFile(sample) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.is_dir() or info.filename.startswith("content/"):
                continue
            data = src.read(info)
            if info.filename == "h5p.json":
                meta = json.loads(data)
                meta.update({"title": TITLE, "language": "pl", "license": "U"})
                meta["authors"] = [{"name": "Zespół platformy MWF", "role": "Author"}]
                data = json.dumps(meta, ensure_ascii=False).encode()
            dst.writestr(info.filename, data)
        dst.writestr(
            "content/content.json",
            json.dumps(question_set_content(), ensure_ascii=False).encode(),
        )
    return out.getvalue()


def build_from_tiny(folder: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                if path.name == "h5p.json" and path.parent == folder:
                    meta = json.loads(data)
                    meta["title"] = TITLE
                    data = json.dumps(meta, ensure_ascii=False).encode()
                dst.writestr(path.relative_to(folder).as_posix(), data)
    return out.getvalue()


def demo_package_bytes():
    base = Path(settings.BASE_DIR)
    sample = base.parent / "shared" / "h5p" / SHARED_SAMPLE
    if sample.exists():
        return build_from_shared(sample), "shared"
    return build_from_tiny(base / "tests" / "h5p" / "fixtures" / "tiny"), "tiny"


def find_lesson():
    lessons = LessonPage.objects.filter(slug__in=LESSON_SLUGS)
    for slug in LESSON_SLUGS:
        lesson = next((lesson for lesson in lessons if lesson.slug == slug), None)
        if lesson is not None:
            return lesson
    return LessonPage.objects.live().order_by("path").first()


def load(home, sections, stdout):
    package = H5PPackage.objects.filter(title=TITLE).first()
    source = "existing"
    if package is None:
        data, source = demo_package_bytes()
        package = import_package(io.BytesIO(data), title=TITLE)
    lesson = find_lesson()
    if lesson is None:
        stdout.write("H5P: demo package ready; no lesson to place it in.")
        return
    lesson = lesson.specific
    if any(
        block.block_type == "h5p" and block.value["package"] == package for block in lesson.body
    ):
        stdout.write(f"H5P: demo exercise already in “{lesson.title}”.")
        return
    lesson.body.append(("h5p", {"package": package, "required": False, "pass_mark": 75}))
    lesson.save_revision().publish()
    stdout.write(f"H5P: demo exercise ({source} libraries) placed in “{lesson.title}”.")
