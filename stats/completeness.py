"""How complete a collection is, as each medium counts it: a medium's app registers its
counter when it is ready (a show missing seasons, a TMDb collection missing films), so the
statistics name no medium by import."""

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser

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
