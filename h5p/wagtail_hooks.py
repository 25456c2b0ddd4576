"""H5P packages in the Wagtail admin: a snippet with an upload form, and per package a results
view with a JSON-lines export."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import roles
from h5p import admin_views
from h5p.forms import H5PPackageForm
from h5p.models import H5PPackage


class H5PPackageViewSet(SnippetViewSet):
    model = H5PPackage
    icon = "code"
    menu_label = _("H5P exercises")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "main_library", "licence", "uploaded_by", "uploaded_at"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("package_file")], base_form_class=H5PPackageForm
    )


register_snippet(H5PPackageViewSet)


@hooks.register("register_admin_urls")
def register_h5p_admin_urls():
    return [
        path("h5p/<id:pk>/results/", admin_views.report, name="h5p_report"),
        path("h5p/<id:pk>/statements.jsonl", admin_views.export, name="h5p_export"),
    ]


@hooks.register("register_snippet_listing_buttons")
def h5p_results_button(snippet, user, next_url=None):
    if isinstance(snippet, H5PPackage) and roles.can_view_h5p_statements(user):
        yield Button(
            _("Results"), reverse("h5p_report", args=[snippet.pk]), icon_name="table", priority=30
        )
