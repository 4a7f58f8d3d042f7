from django.apps import AppConfig


class TMDbConfig(AppConfig):
    name = "tmdb"
