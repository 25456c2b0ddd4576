"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns."""

from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("subskrypcja/zapis/", views.signup, name="signup"),
    path("subskrypcja/sprawdz-poczte/", views.check_mailbox, name="check_mailbox"),
    path("subskrypcja/potwierdz/<str:token>/", views.confirm, name="confirm"),
    path("subskrypcja/potwierdzono/<str:token>/", views.confirmed, name="confirmed"),
    path("subskrypcja/ustawienia/<str:token>/", views.preferences, name="preferences"),
    path("subskrypcja/wypisz/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("subskrypcja/wypisz/<str:token>/jednym-kliknieciem/", views.one_click, name="one_click"),
    path("subskrypcja/wypisano/", views.unsubscribed, name="unsubscribed"),
]
