from django.apps import AppConfig

from cms import activities


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Testy i quizy"

    def ready(self):
        # Imported here: the app registry must be ready before models are imported.
        from quizzes.places import pending_pre_test
        from quizzes.templatetags.quiz_tags import course_quizzes_section

        activities.register_pre_test(pending_pre_test)
        activities.register_course_section(course_quizzes_section)
        activities.register_block_renderer("quiz", template="quizzes/blocks/quiz_block.html")
