"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path(_("newsletter/sign-up/"), views.signup, name="signup"),
    path(_("newsletter/check-your-inbox/"), views.check_mailbox, name="check_mailbox"),
    path(_("newsletter/confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("newsletter/confirmed/<str:token>/"), views.confirmed, name="confirmed"),
    path(_("newsletter/preferences/<str:token>/"), views.preferences, name="preferences"),
    path(_("newsletter/unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
    path(_("newsletter/unsubscribe/<str:token>/one-click/"), views.one_click, name="one_click"),
    path(_("newsletter/unsubscribed/"), views.unsubscribed, name="unsubscribed"),
]
