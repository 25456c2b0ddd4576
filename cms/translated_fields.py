"""Short texts of plain models in the reader's language: a `<field>_en` column beside the
Polish one (instrument names, newsletter list names and descriptions, the newsletter consent
wording).

Why columns and not wagtail-localize's translatable snippets (TranslatableMixin): these rows
are shared vocabularies and legal versions, not content. An instrument is one row that
practices, courses and trainings in both languages tag through their M2M fields, filter by slug
and key their catalogue on by id; a TranslatableMixin copy per locale would split that row in
two (every tag, filter and cached key then has to pick the row of the page's locale). A consent
version is referred to by its records and never edited once agreed to; its English wording
belongs to the same version. The texts are a few words or one paragraph, edited beside the
Polish ones in the same admin form. Pages and their inline rows (a training's questions and
consents) are translated with the page instead."""

from django.conf import settings
from django.utils import translation


def in_language(obj, field, language=None):
    """`obj.<field>` in `language` (default: the active one): the `<field>_<language>` column
    when the language is not the default and the column is filled, else the default text."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    if language != settings.LANGUAGE_CODE:
        value = getattr(obj, f"{field}_{language}", "")
        if value:
            return value
    return getattr(obj, field)
