"""H5P packages: validated, stored unpacked in Django storage, played from a separate origin.

- `H5PLibrary`: one library folder, stored once per distinct content (its tree hash), shared by
  every package that carries the same files.
- `H5PPackage`: an uploaded exercise (h5p.json + content/), with the libraries it uses.
- `H5PStatement`: append-only log of the xAPI statements participants' players sent.
- `H5PResult`: per participant and activity (a package in a lesson), the outcome that counts.
- `H5PUserData`: the player's saved state ("content user data") per participant and package.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class H5PLibrary(models.Model):
    """One H5P library folder (`Machine.Name-MAJOR.MINOR`), content-addressed: two uploads
    carrying identical files share one row and one copy in storage."""

    machine_name = models.CharField(_("machine name"), max_length=255)
    major_version = models.PositiveIntegerField(_("major version"))
    minor_version = models.PositiveIntegerField(_("minor version"))
    patch_version = models.PositiveIntegerField(_("patch version"))
    title = models.CharField(_("title"), max_length=255, blank=True)
    runnable = models.BooleanField(_("runnable"), default=False)
    tree_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    storage_prefix = models.CharField(max_length=255)
    files = models.JSONField(default=list)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        ordering = ["machine_name", "major_version", "minor_version", "patch_version"]

    def __str__(self):
        return f"{self.machine_name} {self.major_version}.{self.minor_version}.{self.patch_version}"

    @property
    def folder(self):
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"


class H5PPackage(index.Indexed, models.Model):
    """An uploaded H5P exercise. The upload is validated in full before anything is stored
    (h5p/validator.py); its content files live under `content_prefix` (content-addressed too),
    its libraries are shared `H5PLibrary` rows. Lessons place it with
    the H5P block (`courses.blocks.H5PBlock`)."""

    title = models.CharField(_("title"), max_length=255)
    main_library = models.CharField(_("main library"), max_length=300, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    authors = models.JSONField(_("authors"), default=list, blank=True)
    h5p_json = models.JSONField(default=dict, editable=False)
    embed_type = models.CharField(max_length=10, default="div", editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    content_prefix = models.CharField(max_length=255, blank=True, editable=False)
    content_files = models.JSONField(default=list, editable=False)
    libraries = models.ManyToManyField(
        H5PLibrary, related_name="packages", blank=True, verbose_name=_("libraries")
    )
    size = models.PositiveBigIntegerField(_("upload size (bytes)"), default=0)
    unpacked_size = models.PositiveBigIntegerField(_("unpacked size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    replaced_at = models.DateTimeField(_("replaced"), null=True, blank=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("H5P package")
        verbose_name_plural = _("H5P packages")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def library_list(self):
        return ", ".join(str(lib) for lib in self.libraries.all())

    @property
    def author_names(self):
        return ", ".join(
            str(a.get("name", "")) for a in self.authors if isinstance(a, dict) and a.get("name")
        )


class StatementQuerySet(models.QuerySet):
    """Statements are append-only: no bulk update or delete, except the anonymisation that
    personal-data erasure needs (`anonymise`)."""

    def update(self, **kwargs):
        raise TypeError("xAPI statements are append-only")

    def delete(self):
        raise TypeError("xAPI statements are append-only")

    def anonymise(self):
        for statement in self.exclude(user=None).only("pk", "statement"):
            data = dict(statement.statement)
            result = data.get("result")
            if isinstance(result, dict) and "response" in result:
                data["result"] = {k: v for k, v in result.items() if k != "response"}
            # The one permitted change: the base class's update, bypassing the guard above.
            models.QuerySet.update(
                H5PStatement.objects.filter(pk=statement.pk), user=None, statement=data
            )


class H5PStatement(models.Model):
    """One xAPI statement as accepted from a participant's player (the learner is the logged-in
    user, set on the server). Never changed afterwards."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    package = models.ForeignKey(H5PPackage, on_delete=models.PROTECT, related_name="statements")
    lesson = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=255)
    object_id = models.CharField(max_length=1000)
    is_root = models.BooleanField(default=True)
    score_raw = models.FloatField(null=True)
    score_max = models.FloatField(null=True)
    score_scaled = models.FloatField(null=True)
    success = models.BooleanField(null=True)
    completion = models.BooleanField(null=True)
    statement = models.JSONField()
    stored_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")
        indexes = [models.Index(fields=["package", "stored_at"])]

    def __str__(self):
        return f"{self.verb} {self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("xAPI statements are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("xAPI statements are append-only")

    @property
    def verb_display(self):
        return self.verb.rsplit("/", 1)[-1]


class H5PResult(models.Model):
    """What counts for a participant in one activity: a package placed in a lesson."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    package = models.ForeignKey(H5PPackage, on_delete=models.PROTECT, related_name="results")
    lesson = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    attempts = models.PositiveIntegerField(default=0)
    last_score = models.FloatField(null=True)  # percent 0–100
    best_score = models.FloatField(null=True)
    completed = models.BooleanField(default=False)
    passed = models.BooleanField(default=False)
    first_completed_at = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("H5P result")
        verbose_name_plural = _("H5P results")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "package"], name="h5p_result_one_per_activity"
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.package_id} {self.best_score}"


class H5PUserData(models.Model):
    """The player's saved state for one participant and package, restored when the player
    starts; cleared when the package is replaced by different content."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    package = models.ForeignKey(H5PPackage, on_delete=models.CASCADE, related_name="user_data")
    content_hash = models.CharField(max_length=64)
    state = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("H5P saved state")
        verbose_name_plural = _("H5P saved states")
        constraints = [
            models.UniqueConstraint(fields=["user", "package"], name="h5p_userdata_one_per_package")
        ]

    def __str__(self):
        return f"{self.user_id} {self.package_id}"
