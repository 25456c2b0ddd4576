"""The question types an editor builds a quiz from (the `questions` StreamField of `Quiz`).

Every question and every option keeps the stable id Wagtail gives stream and list children:
attempts store those ids, so statistics per question survive later edits of the quiz. An
attempt never reads these blocks while it runs: it works on a snapshot taken when it starts
(see `quizzes.grading.snapshot_question`).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

MULTIPLE_RULES = [
    ("all_or_nothing", _("All or nothing: full points only for exactly the right options")),
    (
        "right_minus_wrong",
        _("Right minus wrong: each wrong option cancels a right one (never below zero)"),
    ),
    ("per_option", _("Per option: each option ticked or left correctly earns its share")),
]
PAIR_RULES = [
    ("proportional", _("Proportional: each correct item earns its share")),
    ("all_or_nothing", _("All or nothing")),
]


def _error(block_errors):
    return blocks.StructBlockValidationError(block_errors=block_errors)


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False, default=False)
    feedback = blocks.CharBlock(
        label=_("Feedback for this option"),
        required=False,
        max_length=1000,
        help_text=_("Shown with the result when the quiz allows showing answers."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Option")


class BaseQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Question"), max_length=2000)
    points = blocks.IntegerBlock(label=_("Points"), min_value=1, max_value=100, default=1)
    feedback = blocks.TextBlock(
        label=_("Feedback for the question"),
        required=False,
        max_length=2000,
        help_text=_("An explanation shown with the result when the quiz allows showing answers."),
    )


class SingleChoiceBlock(BaseQuestionBlock):
    """One right option among several."""

    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=2)

    def clean(self, value):
        value = super().clean(value)
        right = sum(1 for option in value["options"] if option["correct"])
        if right != 1:
            raise _error({"options": ValidationError(_("Mark exactly one option as correct."))})
        return value

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceBlock(BaseQuestionBlock):
    """Any number of right options; the partial credit rule decides the score."""

    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=2)
    partial_credit = blocks.ChoiceBlock(
        label=_("Partial credit"), choices=MULTIPLE_RULES, default="right_minus_wrong"
    )

    def clean(self, value):
        value = super().clean(value)
        if not any(option["correct"] for option in value["options"]):
            raise _error({"options": ValidationError(_("Mark at least one option as correct."))})
        return value

    class Meta:
        icon = "tick"
        label = _("Multiple choice")


class TrueFalseBlock(BaseQuestionBlock):
    correct = blocks.ChoiceBlock(
        label=_("Correct answer"), choices=[("true", _("True")), ("false", _("False"))]
    )

    class Meta:
        icon = "help"
        label = _("True or false")


class ShortTextBlock(BaseQuestionBlock):
    """A typed answer compared with the accepted answers, ignoring case, diacritics and extra
    spaces ("Wójt" = "wojt")."""

    accepted_answers = blocks.ListBlock(
        blocks.CharBlock(label=_("Accepted answer"), max_length=200),
        label=_("Accepted answers"),
        min_num=1,
    )

    class Meta:
        icon = "edit"
        label = _("Short text answer")


class PairBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("Item"), max_length=300)
    answer = blocks.CharBlock(label=_("Matching answer"), max_length=300)

    class Meta:
        icon = "link"
        label = _("Pair")


class MatchingBlock(BaseQuestionBlock):
    """Each item is matched with one answer; answers are shown in random order."""

    pairs = blocks.ListBlock(PairBlock(), label=_("Pairs"), min_num=2)
    partial_credit = blocks.ChoiceBlock(
        label=_("Partial credit"), choices=PAIR_RULES, default="proportional"
    )

    def clean(self, value):
        value = super().clean(value)
        answers = [pair["answer"].strip().casefold() for pair in value["pairs"]]
        if len(set(answers)) != len(answers):
            raise _error({"pairs": ValidationError(_("Each answer must be different."))})
        return value

    class Meta:
        icon = "link"
        label = _("Matching")


class OrderingBlock(BaseQuestionBlock):
    """Items to put in order; write them here in the right order, participants see them
    shuffled."""

    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=300),
        label=_("Items in the right order"),
        min_num=2,
    )
    partial_credit = blocks.ChoiceBlock(
        label=_("Partial credit"), choices=PAIR_RULES, default="proportional"
    )

    class Meta:
        icon = "list-ol"
        label = _("Ordering")


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    short_text = ShortTextBlock()
    matching = MatchingBlock()
    ordering = OrderingBlock()


class PoolBlock(blocks.StructBlock):
    """A pool of interchangeable questions: each attempt draws `draw` of them at random and
    keeps the same ones until it ends."""

    title = blocks.CharBlock(label=_("Pool name"), max_length=200, help_text=_("For editors only."))
    draw = blocks.IntegerBlock(label=_("Questions to draw"), min_value=1, default=1)
    questions = QuestionStreamBlock(label=_("Questions in the pool"))

    def clean(self, value):
        value = super().clean(value)
        if value["draw"] > len(value["questions"]):
            raise _error(
                {
                    "draw": ValidationError(
                        _("The pool has fewer questions than the number to draw.")
                    )
                }
            )
        return value

    class Meta:
        icon = "folder-open-inverse"
        label = _("Question pool (draw N at random)")


class QuizQuestionsBlock(QuestionStreamBlock):
    pool = PoolBlock()
