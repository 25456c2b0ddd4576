"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns."""

urlpatterns = []
