from django_tasks import task

from movies.tmdb_collections import movie_collections_backfill


@task()
def backfill_tmdb_collections(movie_ids: list[int] | None = None) -> int:
    """Fill in the TMDb collection of movies whose collection is not known yet."""
    return movie_collections_backfill(movie_ids=movie_ids)
