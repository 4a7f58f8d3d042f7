from django.apps import AppConfig


class MoviesConfig(AppConfig):
    name = "movies"

    def ready(self) -> None:
        from movies import signals  # noqa: F401  (connects the receivers)
