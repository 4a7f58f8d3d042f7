from django.apps import AppConfig


class TvConfig(AppConfig):
    name = "tv"
    verbose_name = "TV"
    # What the statistics count as incomplete (stats.completeness), by dotted path.
    completeness_counters = {"shows_missing_seasons": "tv.selectors.shows_missing_seasons"}
