from django.apps import AppConfig


class OpenLibraryConfig(AppConfig):
    name = "openlibrary"
