from django.apps import AppConfig

from cms import activities


class H5PConfig(AppConfig):
    name = "h5p"
    verbose_name = "Ćwiczenia H5P"

    def ready(self):
        # Imported here: the app registry must be ready before models are imported.
        from h5p import lesson_block

        activities.register_block_renderer(
            "h5p", template=lesson_block.TEMPLATE, context=lesson_block.block_context
        )
