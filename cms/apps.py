from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Ustawienia serwisu"

    def ready(self):
        # Connects the signal receivers that keep the cached site chrome up to date.
        # Registered here, before any URL conf is imported: every urls.py uses `<id:...>`.
        from cms import (
            chrome,  # noqa: F401
            converters,
        )

        converters.register()
