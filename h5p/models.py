"""H5P packages: validated, stored unpacked in Django storage, played from a separate origin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class H5PPackage(models.Model):
    title = models.CharField(_("title"), max_length=255)

    class Meta:
        verbose_name = _("H5P package")
        verbose_name_plural = _("H5P packages")

    def __str__(self):
        return self.title
