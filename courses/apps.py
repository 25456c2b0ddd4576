from django.apps import AppConfig

from cms import activities


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Kursy online"

    def ready(self):
        # Imported here: the app registry must be ready before models are imported.
        from cms import search  # imports Wagtail's models: the registry must be ready
        from courses import access, receivers

        receivers.connect()
        activities.register_lessons(access)
        search.register_visibility_rule(access.without_closed_lessons)
