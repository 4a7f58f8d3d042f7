from django.apps import AppConfig


class MoviesConfig(AppConfig):
    name = "movies"
    # What the statistics count as incomplete (stats.completeness), by dotted path.
    completeness_counters = {
        "collections_missing_films": "movies.tmdb_collections.collections_missing_films"
    }
