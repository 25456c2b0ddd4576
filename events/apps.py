from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Szkolenia i wydarzenia"

    def ready(self):
        from events import receivers  # noqa: F401 - connects the signal receivers
