from django.apps import AppConfig

from cms import providers


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Szkolenia i wydarzenia"

    def ready(self):
        # Imported here: receivers and selectors need the models, which are loaded after the
        # app configs.
        from events import receivers  # noqa: F401 - connects the signal receivers
        from events.selectors import upcoming_event_pages

        providers.register(providers.UPCOMING_TRAININGS, upcoming_event_pages)
