from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Ustawienia serwisu"

    def ready(self):
        # `chrome` connects the signal receivers that keep the cached site chrome up to date;
        # the `<id:...>` converter must exist before any URL conf is imported.
        from cms import chrome, converters  # noqa: F401

        converters.register()
