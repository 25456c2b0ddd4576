"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from events import views

app_name = "events"

urlpatterns = [
    path(_("events/calendar.ics"), views.feed_ics, name="feed"),
    path(_("events/session/<id:pk>.ics"), views.session_ics, name="session_ics"),
    path(_("events/registration/<str:token>/"), views.registration_view, name="registration"),
    path(_("events/registration/<str:token>/cancel/"), views.cancel_view, name="cancel"),
    path(_("my-trainings/"), views.my_trainings_view, name="my_trainings"),
    path(
        _("events/registration/<str:token>/invitation.ics"),
        views.registration_ics,
        name="registration_ics",
    ),
]
