from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Ustawienia serwisu"

    def ready(self):
        # Connects the signal receivers that keep the cached site chrome up to date.
        from cms import (
            chrome,  # noqa: F401
            roles,
        )

        # Every migrate (and the test database's creation) brings the role groups in line
        # with cms/roles.py.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="cms.roles.sync")
