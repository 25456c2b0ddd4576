from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Ustawienia serwisu"

    def ready(self):
        # Connects the signal receivers that keep the cached site chrome up to date.
        from cms import chrome  # noqa: F401

        self._keep_private_renditions_private()

    def _keep_private_renditions_private(self):
        # Imported here: models and the image model are ready only now.
        from django.db.models.signals import post_save
        from wagtail.images import get_image_model

        from cms import media

        image_model = get_image_model()
        image_model.get_rendition_model().get_upload_to = media.rendition_upload_to
        post_save.connect(media.image_saved, sender=image_model, dispatch_uid="cms-renditions")
