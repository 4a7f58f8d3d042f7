from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from collection.services import collection_write
from movies.models import Movie, MovieCopy


def make_movie(owner: AbstractBaseUser, **fields: Any) -> Movie:
    fields.setdefault("title", "Sphere")
    fields.setdefault("release_year", 1998)
    fields.setdefault("overview", "A team investigates a spacecraft on the ocean floor.")
    fields.setdefault("mpaa_rating", "PG-13")
    fields.setdefault("runtime_minutes", 134)
    with collection_write(owner_id=owner.pk):
        return Movie.objects.create(owner=owner, **fields)


def make_copy(movie: Movie, **fields: Any) -> MovieCopy:
    fields.setdefault("platform", "Shelf")
    fields.setdefault("form", "DVD")
    with collection_write(owner_id=movie.owner_id):
        return MovieCopy.objects.create(movie=movie, owner=movie.owner, **fields)


def make_collection(owner: AbstractBaseUser, movies: int, copies: int = 2) -> list[Movie]:
    """Many movies quickly: two bulk inserts."""
    with collection_write(owner_id=owner.pk):
        made = Movie.objects.bulk_create(
            Movie(
                owner=owner, title=f"Movie {i:05d}", release_year=1900 + i % 200, runtime_minutes=90
            )
            for i in range(movies)
        )
        MovieCopy.objects.bulk_create(
            MovieCopy(movie=movie, owner=owner, platform="Shelf", form=f"Form {n}")
            for movie in made
            for n in range(copies)
        )
    return made


def admin_change_form(movie: Movie, copy: MovieCopy, **fields: Any) -> dict[str, str]:
    """The admin's change form of a movie with its one copy inline, as a browser posts it;
    `fields` overrides the movie's fields, `copy_<field>` the copy's."""
    copy_fields = {k.removeprefix("copy_"): v for k, v in fields.items() if k.startswith("copy_")}
    movie_fields = {k: v for k, v in fields.items() if not k.startswith("copy_")}
    inline = {"platform": copy.platform, "form": copy.form, "vod_link": copy.vod_link}
    return {
        "owner": str(movie.owner_id),
        "title": movie.title,
        "release_year": str(movie.release_year),
        **{k: str(v) for k, v in movie_fields.items()},
        "copies-TOTAL_FORMS": "1",
        "copies-INITIAL_FORMS": "1",
        "copies-MIN_NUM_FORMS": "0",
        "copies-MAX_NUM_FORMS": "1000",
        "copies-0-id": str(copy.pk),
        "copies-0-movie": str(movie.pk),
        **{f"copies-0-{k}": str(v) for k, v in {**inline, **copy_fields}.items()},
    }
