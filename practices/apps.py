from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Knowledge base: instruments and good practices")

    def ready(self):
        # Connects the signal receivers (they import the models: only once the registry is ready).
        from practices import handlers  # noqa: F401
