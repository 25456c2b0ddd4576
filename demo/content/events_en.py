"""English versions of the demo trainings, as wagtail-localize translation copies under /en/
(the Polish pages are the source). A translation shows and fills the Polish original's
sessions (one pool of seats, `EventPage.shared_sessions`), so only the words are given here:
title, lead, description, programme, trainers, questions and the consent. The trainings are
held in Polish; the pages say so. Polish legal terms keep their Polish name in brackets where a
reader might look them up."""

from wagtail.models import Locale

from demo.content.site import get_or_create_translation

CONSENT_EN = (
    "I consent to the organiser processing my personal data in order to run the training and "
    "account for the MWF project, as described in the information on data processing."
)

DESCRIPTION_EN = (
    "Participation is free of charge. The training is part of the MWF programme and is held in "
    "Polish; afterwards participants receive a certificate of attendance."
)

TRAINERS_EN = [
    {
        "name": "dr Ewa Przykładowa",
        "role": "expert, MSAP UEK",
        "bio": "Has advised local authorities on working with NGOs for many years.",
    },
    {
        "name": "Jan Modelowy",
        "role": "trainer, FRDL",
        "bio": "Runs training on grants for non-governmental organisations.",
    },
]

# Keyed by the Polish slug; agenda items and questions in the order of the Polish page.
TRAININGS_EN = {
    "regranting-krok-po-kroku": {
        "slug": "regranting-step-by-step",
        "title": "Regranting step by step: choosing an operator and accounting for micro-grants",
        "lead": (
            "A full-day workshop for officials and organisations that want to entrust the "
            "distribution of small grants to an experienced operator."
        ),
        "outcomes": (
            "Identifies the legal basis for regranting.\n"
            "Prepares a call for proposals for the operator.\n"
            "Plans the monitoring and reporting of micro-grants."
        ),
        "agenda": [
            (
                "What regranting is",
                "Article 16a of the Act, the key terms and the operator's role.",
            ),
            (
                "The call for an operator",
                "The announcement, the assessment criteria and the regranting agreement.",
            ),
            (
                "Micro-grants in practice",
                "Calls for applications, agreements with grantees, reports.",
            ),
        ],
        "questions": ["Do you have any dietary requirements?"],
    },
    "male-granty-online": {
        "slug": "small-grants-webinar",
        "title": "Small grants made simple: a webinar",
        "lead": (
            "A two-hour online session on the procedure outside an open call for proposals "
            "(tryb pozakonkursowy): from the organisation's offer to the report, with the most "
            "common mistakes."
        ),
        "outcomes": "Prepares a simplified offer to carry out a public task.",
        "agenda": [
            (
                "The conditions of the small-grants procedure",
                "Limits on the amount and duration, local tasks.",
            ),
            (
                "The offer and the report",
                "Model documents, deadlines, comments from residents.",
            ),
            ("Your questions", "We answer the questions asked in the chat."),
        ],
        "questions": ["What kind of organisation do you represent (e.g. association, foundation)?"],
    },
    "program-wspolpracy-warsztat": {
        "slug": "cooperation-programme-workshop",
        "title": "The annual cooperation programme: a workshop for municipalities and counties",
        "lead": (
            "How to prepare a programme of cooperation with NGOs, run the consultations and "
            "write a report that actually says something about the results."
        ),
        "outcomes": "Knows the mandatory elements of a cooperation programme.",
        "agenda": [
            (
                "What the programme contains",
                "The required elements and good models to follow.",
            ),
            (
                "Consultations",
                "Ways of consulting organisations and keeping a record of it.",
            ),
            (
                "The report",
                "Indicators and deadlines; publication in the Public Information Bulletin (BIP).",
            ),
        ],
        "questions": [],
    },
    "inicjatywa-lokalna-online": {
        "slug": "local-initiative-webinar",
        "title": "Local initiative: residents share in the municipality's tasks",
        "lead": (
            "An online session on drafting the council resolution on the procedure and "
            "criteria, and on assessing residents' applications."
        ),
        "outcomes": "",
        "agenda": [
            (
                "The council resolution",
                "The procedure and the detailed criteria for assessing applications.",
            ),
            (
                "What residents contribute",
                "Voluntary work, goods and services, money.",
            ),
            (
                "The agreement and the accounts",
                "Examples from municipalities that have done it for years.",
            ),
        ],
        "questions": [],
    },
    "otwarty-konkurs-ofert-dwudniowy": {
        "slug": "open-call-for-proposals-two-days",
        "title": "The open call for proposals from announcement to audit: a two-day training",
        "lead": (
            "An intensive training for local government staff: the announcement, the "
            "assessment committee, agreements, audits and reports, with exercises on real "
            "documents."
        ),
        "outcomes": "",
        "agenda": [
            "Day one",
            (
                "Announcing the call",
                "Deadlines, where to publish, the criteria.",
            ),
            (
                "The committee at work",
                "Formal and substantive assessment, the minutes.",
            ),
            "Day two",
            (
                "The agreement and its amendments",
                "Changes to the task's schedule and budget.",
            ),
            (
                "Audit and report",
                "The audit plan, corrections, returning a grant.",
            ),
        ],
        "questions": ["Your position in the office", "Will you need accommodation?"],
    },
    "budzet-obywatelski-dla-ngo": {
        "slug": "participatory-budget-for-ngos",
        "title": "Participatory budgeting: how organisations can support residents",
        "lead": (
            "A webinar for NGOs on helping residents write their project proposals and run "
            "their campaigns before the vote."
        ),
        "outcomes": "",
        "agenda": [
            (
                "How the participatory budget works",
                "Who may submit projects and how they are checked.",
            ),
            (
                "The organisation's role",
                "Supporting residents without a conflict of interest.",
            ),
        ],
        "questions": [],
    },
    "fundusz-solecki-warsztat": {
        "slug": "village-fund-workshop",
        "title": "The village fund (fundusz sołecki) in practice: a workshop in Lublin",
        "lead": (
            "A workshop for village heads (sołtysi), treasurers and staff of rural municipalities."
        ),
        "outcomes": "",
        "agenda": [
            (
                "Deadlines and resolutions",
                "The fund's calendar and the village's application.",
            ),
            (
                "Reimbursement from the state budget",
                "Preparing the documents to recover part of the spending.",
            ),
        ],
        "questions": [],
    },
    "male-granty-warsztat": {
        "slug": "small-grant-workshop",
        "title": "A small grant from the offer to the report: a workshop",
        "lead": (
            "A workshop for those who have completed the online course on small grants: on "
            "examples from municipalities we assess offers, write the agreement and settle the task."
        ),
        "outcomes": (
            "Assesses a simplified offer on its form and its merits.\n"
            "Prepares the agreement and settles a task under the small-grants procedure."
        ),
        "agenda": [
            ("Assessing the offer", "An exercise on three real offers."),
            ("The agreement", "What to write so that the task can be settled."),
            ("The report", "Common mistakes and how to avoid them."),
        ],
        "questions": ["Do you have any dietary requirements?"],
    },
    "male-granty-konsultacje": {
        "slug": "small-grant-consultations",
        "title": "Individual consultations: a small grant in your municipality",
        "lead": (
            "An hour's online conversation with an expert about your offer, agreement or report "
            "under the small-grants procedure (tryb małych zleceń)."
        ),
        "outcomes": "Knows what to improve in their own small-grant documents.",
        "agenda": [("The conversation", "Your questions and your documents.")],
        "questions": ["What is your question about?"],
    },
}


def _agenda_en(polish_agenda, items):
    """The Polish programme with the English words: times and day breaks keep their place."""
    blocks = []
    texts = iter(items)
    for block in polish_agenda:
        english = next(texts)
        if block.block_type == "day":
            blocks.append(("day", english))
        else:
            title, text = english
            value = {"time": block.value["time"], "title": title, "description": f"<p>{text}</p>"}
            blocks.append(("item", value))
    return blocks


def translate(page, english, spec):
    """The English translation of the training `page`, created if missing. Idempotent: an
    existing translation is left as editors keep it."""
    existing = page.get_translation_or_none(english)
    if existing is not None:
        return existing.specific, False
    translated = get_or_create_translation(
        page,
        english,
        title=spec["title"],
        slug=spec["slug"],
        lead=spec["lead"],
        outcomes=spec["outcomes"],
        description=[
            ("paragraph", f"<p>{spec['lead']}</p>"),
            ("paragraph", f"<p>{DESCRIPTION_EN}</p>"),
        ],
        agenda=_agenda_en(page.agenda, spec["agenda"]),
        trainers=[("trainer", trainer) for trainer in TRAINERS_EN],
    )
    # The copy carries the Polish questions and consent (inline rows): word them in English,
    # in the same order, then publish the page again with them.
    questions = translated.questions.order_by("sort_order")
    for question, label in zip(questions, spec["questions"], strict=True):
        question.label = label
        question.save(update_fields=["label"])
    translated.consents.update(text=CONSENT_EN)
    translated = type(translated).objects.get(pk=translated.pk)
    translated.save_revision().publish()
    return translated, True


def load_english(pages):
    """English translations of the Polish training `pages` ({slug: page}) that have English
    words here; returns how many were created. Nothing when the English training index is
    missing (the site has no /en/ tree)."""
    english = Locale.objects.filter(language_code="en").first()
    created = 0
    for slug, page in pages.items():
        spec = TRAININGS_EN.get(slug)
        if english is None or spec is None:
            continue
        if page.get_parent().get_translation_or_none(english) is None:
            return created
        created += translate(page, english, spec)[1]
    return created
