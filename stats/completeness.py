"""How complete a collection is, as each medium counts it: a medium's AppConfig names its
counters in `completeness_counters` (a show missing seasons, a TMDb collection missing films),
registered when the statistics are ready, so that they name no medium by import and no medium
imports them."""

from collections.abc import Callable

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.utils.module_loading import import_string

Counter = Callable[[AbstractBaseUser], int]
COMPLETENESS_KEYS = ("shows_missing_seasons", "collections_missing_films")
_COUNTERS: dict[str, Counter] = {}


def register_completeness(key: str, counter: Counter) -> None:
    if key not in COMPLETENESS_KEYS:
        raise ValueError(f"Unknown completeness key {key!r}: one of {COMPLETENESS_KEYS}.")
    _COUNTERS[key] = counter


def completeness(owner: AbstractBaseUser) -> dict[str, int]:
    """Every key, counted by its medium's counter; 0 where no installed medium counts it."""
    return {key: _COUNTERS[key](owner) if key in _COUNTERS else 0 for key in COMPLETENESS_KEYS}


def register_installed_counters() -> None:
    for config in apps.get_app_configs():
        for key, path in getattr(config, "completeness_counters", {}).items():
            register_completeness(key, import_string(path))
