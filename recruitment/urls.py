"""Public URLs of the JST recruitment; included inside the language-prefixed patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from recruitment import views

app_name = "recruitment"
urlpatterns = [
    path(_("jst-support/<id:call_id>/application/"), views.apply, name="apply"),
    path(_("my-applications/"), views.my_applications, name="my_applications"),
    path(_("jst-support/application/<id:pk>/pdf/"), views.application_pdf, name="application_pdf"),
    path(_("jst-support/attachment/<id:pk>/"), views.attachment, name="attachment"),
]
