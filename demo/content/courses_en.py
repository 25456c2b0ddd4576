"""English version of the demo course on small grants and local initiative: the course page,
its modules and lessons as wagtail-localize translation copies under /en/ (the Polish pages
are the source). Polish legal terms keep their Polish name in brackets where a reader might
look them up."""

from wagtail.models import Locale

from demo.content.site import get_or_create_translation
from demo.content.streams import callout, h, p, ul


def _steps(*items):
    return [("paragraph", "<ol>" + "".join(f"<li>{i}</li>" for i in items) + "</ol>")]


SMALL_GRANTS_EN = {
    "slug": "small-grants-and-local-initiative",
    "title": "Small grants and local initiative in practice",
    "fields": {
        "intro": (
            "<p>Two of the simplest ways for a local authority and its residents to carry out "
            "small public tasks together: the small-grants procedure, used by non-governmental "
            "organisations, and the local initiative, which residents can propose themselves. "
            "The course walks you through the rules, deadlines and documents, and ends by "
            "helping you choose the right instrument.</p>"
        ),
        "learning_outcomes": (
            "Explains when an organisation may receive a grant under the small-grants procedure\n"
            "Applies the limits on the amount, the duration and the annual total of grants\n"
            "Takes an offer from submission to the final report, keeping to the deadlines\n"
            "Describes who may propose a local initiative and in which matters\n"
            "Drafts the main points of a council resolution on the procedure and assessment "
            "criteria\n"
            "Matches the instrument to a need raised by residents or an organisation"
        ),
        "prerequisites": (
            "<p>None. It helps to have the Act on Public Benefit Activity and Volunteering "
            "(ustawa o działalności pożytku publicznego i o wolontariacie) at hand.</p>"
        ),
    },
    "modules": {
        "tryb-malych-zlecen": {
            "slug": "small-grants-procedure",
            "title": "Module 1. The small-grants procedure",
            "intro": "<p>Article 19a of the Act on Public Benefit Activity and Volunteering "
            "allows a local authority to award a small grant without an open call for "
            "proposals.</p>",
        },
        "inicjatywa-lokalna": {
            "slug": "local-initiative",
            "title": "Module 2. Local initiative",
            "intro": "<p>Articles 19b–19h of the Act: residents carry out a task together with "
            "the local authority, contributing their own work, money or goods.</p>",
        },
    },
    "lessons": {
        "czym-jest-tryb-malych-zlecen": {
            "slug": "what-is-the-small-grants-procedure",
            "title": "What the small-grants procedure is and when to use it",
            "body": h("The idea comes from the organisation")
            + p(
                "In an open call for proposals, the local authority announces which task it "
                "wants to commission. The small-grants procedure works the other way round: a "
                "non-governmental organisation comes forward with its own idea for a public "
                "task and submits an offer on its own initiative. That is why the procedure is "
                "commonly called “small grants” (małe granty).",
                "The legislator meant it for small, quick projects: a neighbourhood picnic, "
                "workshops for older people, a local guidebook. The task must be local or "
                "regional in character, and the authority judges whether it is worthwhile.",
            )
            + callout(
                "tip",
                "Who the procedure is for",
                "Organisations that are just starting to work with their local authority: the "
                "procedure is short and the forms are simplified.",
            )
            + h("What it does not replace")
            + p(
                "A small grant is no substitute for an open call when the task is large or "
                "runs over several years. Nor may one task be split into parts to avoid an "
                "open call. If the authority wants to commission a task from many "
                "organisations, it should announce an open call for proposals."
            ),
        },
        "limity-malych-zlecen": {
            "slug": "small-grant-limits",
            "title": "The limits: amount, duration and the annual total",
            "body": p(
                "The small-grants procedure has three limits worth knowing by heart, because "
                "they are the most common reason an offer is turned down."
            )
            + ul(
                "<strong>The grant</strong> may not exceed PLN 10,000.",
                "<strong>The task</strong> may last no longer than 90 days.",
                "<strong>The total</strong> of grants that one organisation receives from the "
                "same authority under this procedure may not exceed PLN 20,000 in a calendar "
                "year.",
            )
            + callout(
                "warning",
                "A common mistake",
                "The organisation looks only at the amount of the current offer. The office, "
                "however, must check how much the same organisation has already received "
                "under the procedure that year: only the total shows whether another grant "
                "can be awarded.",
            )
            + p(
                "Exercise: in March a foundation received PLN 8,000 for workshops, and in June "
                "it submits an offer for PLN 9,000. The total comes to PLN 17,000, so the "
                "annual limit is respected. Had it asked for PLN 13,000, the offer would have "
                "exceeded both the limit for a single grant and the annual limit."
            ),
        },
        "od-oferty-do-sprawozdania": {
            "slug": "from-offer-to-report",
            "title": "Step by step: from the offer to the report",
            "body": h("The steps")
            + _steps(
                "The organisation submits a simplified offer to carry out a public task.",
                "Within 7 working days of receiving it, the office publishes the offer in the "
                "Public Information Bulletin (BIP), on its website and on its notice board.",
                "For 7 days after publication, anyone may comment on the offer.",
                "Having considered the comments, the authority decides whether to commission "
                "the task and signs an agreement.",
                "When the task is finished, the organisation submits a simplified report.",
            )
            + callout(
                "info",
                "Model documents",
                "The simplified offer and report forms are set out in a regulation published "
                "in the Journal of Laws (Dz.U.) of 2018, item 2055. The office may not require "
                "any other form.",
            )
            + p(
                "Comments made during publication do not bind the office, but they must be "
                "considered. It is good practice to write a short note on how they were dealt "
                "with: it will be useful during an audit and in talking to the organisation."
            ),
        },
        "kto-moze-zglosic-inicjatywe": {
            "slug": "who-may-propose-a-local-initiative",
            "title": "Who may propose a local initiative, and in which matters",
            "body": p(
                "A local initiative may be proposed by the residents of the local authority's "
                "area: directly, as an informal group, or through a non-governmental "
                "organisation. It is the only instrument in this course that people who "
                "belong to no organisation can use.",
                "The Act gives a closed list of matters an initiative may concern: among "
                "others, building and repairing roads, sewers or buildings owned by the local "
                "authority, educational and cultural activities, nature conservation, sport, "
                "tourism, public order and regeneration.",
            )
            + callout(
                "tip",
                "How to check",
                "Before residents write their application, they should compare their idea "
                "with the list in Article 19b. The office must reject a task that is not on "
                "the list, however much it is needed.",
            ),
        },
        "uchwala-o-inicjatywie-lokalnej": {
            "slug": "council-resolution-on-local-initiative",
            "title": "The council resolution: procedure and assessment criteria",
            "body": p(
                "Without a council resolution, a local initiative cannot start. In it, the "
                "municipal (county or regional) council sets out how applications are "
                "submitted and against which criteria they are assessed. The Act requires the "
                "criteria to give most weight to the residents' voluntary work."
            )
            + h("What the resolution usually contains")
            + ul(
                "a model application, or a list of what an application must contain,",
                "the deadlines for submitting and considering applications,",
                "the assessment criteria with their weights in points,",
                "the assessment sheet that the office fills in,",
                "how applicants are told the outcome.",
            )
            + callout(
                "warning",
                "A trap",
                "A resolution that makes acceptance depend on the residents' financial "
                "contribution overlooks their voluntary work and is contrary to the Act. The "
                "contribution may take the form of work, money or goods.",
            ),
        },
        "umowa-i-rozliczenie-inicjatywy": {
            "slug": "agreement-and-settlement",
            "title": "Carrying it out together: the agreement and the settlement",
            "body": p(
                "Once an application has been assessed favourably, the local authority signs "
                "a fixed-term agreement with the applicant. The agreement describes what each "
                "side does: for example, the municipality buys the materials and the "
                "residents lay the pavement on Saturdays. The authority does not give the "
                "residents a grant: it pays its own expenses itself.",
                "The settlement covers proof of the residents' contribution (attendance lists "
                "for the work, handover records for goods) and the authority's expenses. "
                "Anything created under the initiative, such as a playground, remains the "
                "property of the local authority.",
            )
            + callout(
                "info",
                "The documents in brief",
                "The council resolution, the residents' application, the assessment sheet, "
                "the agreement on carrying out the local initiative, and the documents that "
                "settle the contribution.",
            ),
        },
        "ktory-instrument-wybrac": {
            "slug": "which-instrument-to-choose",
            "title": "Summary: a small grant or a local initiative?",
            "body": p(
                "Both instruments serve small, local tasks, but they differ in who starts and "
                "who carries out the task."
            )
            + ul(
                "<strong>Small grant</strong>: a non-governmental organisation starts it and "
                "carries out the task itself with the grant it receives.",
                "<strong>Local initiative</strong>: residents start it (with or without an "
                "organisation) and carry out the task together with the local authority, "
                "which gives them no money.",
            )
            + p(
                "If a group of neighbours wants to restore a small square and put their own "
                "work into it, a local initiative is the right choice. If an association "
                "wants to run a series of workshops costing a few thousand złoty, it will "
                "turn to the small-grants procedure."
            ),
        },
    },
}


def load_english(course, spec=SMALL_GRANTS_EN):
    """English translation copies of `course` (Polish source), its modules and lessons, under
    the English course index. Idempotent: existing translations are left as they are (editors
    keep them up to date in the admin or through wagtail-localize). Returns the English course,
    or None when the site has no English course index to put it under."""
    english = Locale.objects.filter(language_code="en").first()
    if english is None or course.get_parent().get_translation_or_none(english) is None:
        return None
    course_en = get_or_create_translation(
        course, english, title=spec["title"], slug=spec["slug"], **spec["fields"]
    )
    for child in course.get_children().specific():
        module_texts = spec["modules"].get(child.slug)
        if module_texts is not None:
            get_or_create_translation(child, english, **module_texts)
            for lesson in child.get_children().specific():
                _translate_lesson(lesson, english, spec)
        else:
            _translate_lesson(child, english, spec)
    return course_en


def _translate_lesson(lesson, english, spec):
    texts = spec["lessons"].get(lesson.slug)
    if texts is not None:
        get_or_create_translation(lesson, english, **texts)
