"""Server-graded quizzes. A quiz is a snippet editors build and place in a lesson with
`quizzes.blocks.QuizBlock`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Quiz(models.Model):
    title = models.CharField(_("title"), max_length=255)

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self):
        return self.title
