"""The bare floor: a Django project of one view, no middleware, no database, no app.

bench/run.py serves it under exactly the API's gunicorn command line, with
DJANGO_SETTINGS_MODULE=bench.bare: this module is its settings and its URLs. Its one view,
bench.views.floor, answers the bytes the runner captured from the API. What a case costs
beyond this floor is the whole project: middleware, authentication, database, rendering.
"""

import os

from django.urls import path

from bench.views import floor

SECRET_KEY = os.environ.get("SECRET_KEY", "bench-bare-floor")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict[str, dict] = {}
USE_TZ = True

urlpatterns = [path("api/__floor__/<slug:case>", floor)]
