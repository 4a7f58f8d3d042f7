from django.apps import AppConfig


class TMDbConfig(AppConfig):
    name = "tmdb"

    def ready(self) -> None:
        from tmdb.client import install_log_redaction

        install_log_redaction()
