"""Public URLs of this app; included by config/urls.py inside the language-prefixed patterns."""

urlpatterns = []
