from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Strona główna i strony serwisu"

    def ready(self):
        from wagtail.models import get_page_models

        from home.models import HomePage

        # The home page's children are the section pages: every page type that explicitly
        # lists the home page among its parent types, so a domain app adding a section needs no
        # change here. Page types without parent_page_types (allowed anywhere) stay out.
        sections = [
            model._meta.label
            for model in get_page_models()
            if model._meta.app_label != "home"
            and getattr(model, "parent_page_types", None) is not None
            and HomePage in model.clean_parent_page_models()
        ]
        HomePage.subpage_types = [*HomePage.subpage_types, *sorted(sections)]
        HomePage._clean_subpage_models = None
