"""The admin form of a package: a title and the `.h5p` upload (new or replacement), validated in
full before anything is stored."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from h5p import conf, packages
from h5p.validator import validate_package
from h5p.zip_safety import InvalidPackage


class H5PPackageForm(WagtailAdminModelForm):
    package_file = forms.FileField(
        label=_("H5P file (.h5p)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p,application/zip"}),
        help_text=_(
            "Exported from an H5P editor, with its libraries. Checked before it is stored: "
            "file types, paths, sizes, h5p.json, content and every library. Uploading a new "
            "file replaces the exercise and clears participants' saved progress in it."
        ),
    )

    class Meta:
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validated = None
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leave empty to use the title inside the package.")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("package_file")
        if not upload and not self.instance.content_prefix:
            self.add_error("package_file", _("Choose an .h5p file to upload."))
        if upload:
            if upload.size > conf.max_upload_bytes():
                self.add_error(
                    "package_file",
                    _("The file is larger than %(limit)s MB.")
                    % {"limit": conf.max_upload_bytes() // conf.MiB},
                )
            else:
                try:
                    self.validated = validate_package(upload)
                except InvalidPackage as exc:
                    self.add_error(
                        "package_file",
                        [_("The package was not stored:")] + exc.messages,
                    )
        if not cleaned.get("title"):
            if self.validated is not None:
                cleaned["title"] = str(self.validated.h5p_json["title"])[:255]
            elif self.instance.title:
                cleaned["title"] = self.instance.title
            elif upload is None:
                self.add_error("title", _("Give the exercise a title."))
        return cleaned

    def save(self, commit=True):
        if self.validated is None:
            return super().save(commit=commit)
        try:
            package = packages.store_validated(
                self.validated,
                title=self.cleaned_data.get("title", ""),
                user=getattr(self, "for_user", None) if not self.instance.pk else None,
                package=self.instance,
            )
        finally:
            self.validated.cleanup()
            self.validated = None
        self.instance = package
        return package
