from django.apps import AppConfig


class GoogleBooksConfig(AppConfig):
    name = "googlebooks"
