from django.apps import AppConfig

from cms import prerequisites, providers


class PathsConfig(AppConfig):
    name = "paths"
    verbose_name = "Ścieżki edukacyjne"

    def ready(self):
        # Imported here: the app registry must be ready before models are imported.
        from paths import pages, receivers
        from paths.prerequisites import unmet_requirements

        receivers.connect()
        prerequisites.register_checker(unmet_requirements)
        providers.register(providers.MY_LEARNING_PATHS, pages.my_paths_html)
