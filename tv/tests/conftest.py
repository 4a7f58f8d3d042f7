import pytest

from tv.models import Show
from tv.tests.factories import make_season, make_season_copy, make_show
from tv.tests.scenarios import COPY, SHOW


@pytest.fixture
def show(user) -> Show:
    """Breaking Bad from TMDb, with its specials (no air date), season 1 with a Blu-ray copy
    on the shelf, and season 2."""
    show = make_show(user, **{k: v for k, v in SHOW.items() if k != "title"})
    make_season(show, 0, air_date=None)
    make_season_copy(make_season(show, 1), **COPY)
    make_season(show, 2)
    return show
