"""`python manage.py run_h5p_origin`: the development server of the separate H5P origin.

The same Django project, on the host and port of `H5P_ORIGIN` (default 127.0.0.1:8001), with
`h5p.origin_urls` as its only URL conf: the player, package files and player assets, nothing
else. `make run` starts it beside the site's runserver (scripts/run.sh).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.commands.runserver import Command as RunserverCommand

from h5p import conf


class Command(RunserverCommand):
    help = "Serve the H5P origin (player and package files only) for development."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(use_threading=True)

    def handle(self, *args, **options):
        parts = urlsplit(conf.h5p_origin())
        if not options.get("addrport"):
            options["addrport"] = f"{parts.hostname}:{parts.port or 80}"
        settings.ROOT_URLCONF = "h5p.origin_urls"
        super().handle(*args, **options)
