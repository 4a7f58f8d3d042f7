from django.apps import AppConfig


class StatsConfig(AppConfig):
    """What the collection tells you: counts, spending, loans and completeness, as JSON and as
    a page of charts."""

    name = "stats"
