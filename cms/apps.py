from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Ustawienia serwisu"

    def ready(self):
        # `chrome` connects the signal receivers that keep the cached site chrome up to date;
        # the `<id:...>` converter must exist before any URL conf is imported.
        from cms import (
            chrome,  # noqa: F401
            converters,
            page_cache,
            roles,
        )

        converters.register()
        # Publishing, unpublishing or moving a page purges the shared page cache.
        page_cache.connect()

        # Every migrate (and the test database's creation) brings the role groups in line
        # with cms/roles.py.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="cms.roles.sync")

        self._keep_private_renditions_private()

    def _keep_private_renditions_private(self):
        # Imported here: models and the image model are ready only now.
        from django.db.models.signals import post_save
        from wagtail.images import get_image_model

        from cms import media  # uses the image model, loaded only now

        image_model = get_image_model()
        image_model.get_rendition_model().get_upload_to = media.rendition_upload_to
        post_save.connect(media.image_saved, sender=image_model, dispatch_uid="cms-renditions")
