"""The newsletter in the Wagtail admin: one "Newsletter" menu with subscribers (search, filters,
consent history, CSV export), lists, consent text versions, sends and import; and a "Send"
button on every issue page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from cms import roles
from newsletter import admin_views
from newsletter.forms import SuppressionForm, SuppressionReasonForm
from newsletter.models import (
    ConsentText,
    NewsletterList,
    NewsletterPage,
    Subscriber,
    SuppressedAddress,
    email_hash,
)


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "newsletter_subscribers"
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "status", "list_names", "created_at", "confirmed_at"]
    list_filter = ["status", "lists"]
    list_export = ["email", "status", "list_names", "created_at", "confirmed_at", "unsubscribed_at"]
    export_filename = "subskrybenci"
    search_fields = ["email"]
    form_fields = ["lists"]
    add_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "status",
        "language",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    inspect_template_name = "newsletter/admin/subscriber_inspect.html"

    def get_queryset(self, request):
        return Subscriber.objects.prefetch_related("lists")


class NewsletterListViewSet(ModelViewSet):
    model = NewsletterList
    name = "newsletter_lists"
    icon = "list-ul"
    menu_label = _("Mailing lists")
    list_display = ["name", "slug", "is_public", "sort_order"]
    form_fields = ["name", "slug", "description", "is_public", "sort_order"]


class ConsentTextViewSet(ModelViewSet):
    model = ConsentText
    name = "newsletter_consent_texts"
    icon = "doc-full"
    menu_label = _("Consent texts")
    list_display = ["__str__", "text", "created_at"]
    form_fields = ["text"]
    inspect_view_enabled = True


class SuppressionIndexView(IndexView):
    """The list is searched by the full address: it is hashed the way the model stores it (the
    addresses themselves are not kept, so a partial search cannot work)."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(email_hash=email_hash(self.search_query))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.search_form is not None:
            self.search_form.fields["q"].widget.attrs["placeholder"] = _(
                "Search by the full e-mail address"
            )
        return context


class SuppressedAddressViewSet(ModelViewSet):
    """The suppression list: addresses (as hashes) that are never mailed until the person signs
    up and confirms again. Editors with the model's permissions can search it by address, add an
    address and remove one (after a confirmation page)."""

    model = SuppressedAddress
    name = "newsletter_suppression"
    icon = "cross"
    menu_label = _("Suppression list")
    list_display = ["__str__", "reason", "created_at"]
    list_filter = ["reason"]
    search_fields = ["email_hash"]  # shows the search box; SuppressionIndexView hashes the query
    index_view_class = SuppressionIndexView
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return SuppressionReasonForm if for_update else SuppressionForm


class PermissionViewSet(ViewSet):
    """A plain viewset's menu item is shown to everyone with admin access; these are shown only
    to people who hold `permission` (the views check it too)."""

    permission = None

    def get_menu_item(self, order=None):
        return roles.PermissionMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
            permission=self.permission,
        )


class SendingViewSet(PermissionViewSet):
    name = "newsletter_admin"
    icon = "mail"
    menu_label = _("Sends")
    permission = roles.SEND_NEWSLETTER

    def get_urlpatterns(self):
        return [
            path("", admin_views.dispatch_list, name="dispatches"),
            path("send/<id:pk>/", admin_views.dispatch_detail, name="dispatch"),
            path("send/<id:pk>/<str:action>/", admin_views.dispatch_action, name="dispatch_action"),
            path("issue/<id:page_id>/", admin_views.issue_send, name="issue_send"),
            path("issue/<id:page_id>/email/", admin_views.email_preview, name="email_preview"),
            path("import/", admin_views.import_subscribers, name="import"),
        ]


class ImportViewSet(PermissionViewSet):
    name = "newsletter_import"
    icon = "upload"
    menu_label = _("Import subscribers")
    permission = roles.IMPORT_SUBSCRIBERS

    @property
    def menu_url(self):
        return reverse("newsletter_admin:import")


class NewsletterGroup(ViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 250
    items = (
        SubscriberViewSet,
        NewsletterListViewSet,
        ConsentTextViewSet,
        SuppressedAddressViewSet,
        SendingViewSet,
        ImportViewSet,
    )


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return NewsletterGroup()


@hooks.register("register_page_header_buttons")
def issue_send_button(page, user, view_name, next_url=None):
    if issubclass(page.specific_class or type(page), NewsletterPage) and user.has_perm(
        admin_views.SEND_PERMISSION
    ):
        yield Button(
            admin_views.SEND_BUTTON_LABEL,
            url=reverse("newsletter_admin:issue_send", args=[page.pk]),
            icon_name="mail",
            priority=5,
        )
