from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Kursy online"

    def ready(self):
        from courses import receivers

        receivers.connect()
