"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns."""

from django.urls import path

from certificates import views

app_name = "certificates"
urlpatterns = [
    path("certyfikat/<str:code>/", views.verify, name="verify"),
    path("certyfikat/<str:code>/pdf/", views.pdf, name="pdf"),
]
