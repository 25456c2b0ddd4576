"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("wydarzenia/kalendarz.ics", views.feed_ics, name="feed"),
    path("wydarzenia/termin/<id:pk>.ics", views.session_ics, name="session_ics"),
    path("wydarzenia/zgloszenie/<str:token>/", views.registration_view, name="registration"),
    path("wydarzenia/zgloszenie/<str:token>/anuluj/", views.cancel_view, name="cancel"),
    path("moje-szkolenia/", views.my_trainings_view, name="my_trainings"),
    path(
        "wydarzenia/zgloszenie/<str:token>/zaproszenie.ics",
        views.registration_ics,
        name="registration_ics",
    ),
]
