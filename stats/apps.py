from django.apps import AppConfig


class StatsConfig(AppConfig):
    """What the collection tells you: counts, spending, loans and completeness, as JSON and as
    a page of charts."""

    name = "stats"

    def ready(self) -> None:
        from stats.completeness import register_installed_counters

        register_installed_counters()
