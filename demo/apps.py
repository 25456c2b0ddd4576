from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content the team wrote and the set-up commands of the benchmarks. On the top
    floor: it may import every domain app; nothing imports it but its own commands and tests."""

    name = "demo"
    verbose_name = "Treści demonstracyjne"
