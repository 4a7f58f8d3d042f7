"""The OpenAPI description of the collection's endpoints (see mycoll.schema)."""

from collection.schema import OneCallAddSchema
from movies.serializers import MovieSerializer, release_year_field, tmdb_id_field


class MovieFromTMDbSerializer(MovieSerializer):
    """A one-call add: a TMDb id, and any fields to keep; TMDb fills in the rest."""

    tmdb_id = tmdb_id_field(
        help_text="A TMDb id, from the search. The fields left out are filled from TMDb."
    )
    release_year = release_year_field(required=False)

    class Meta(MovieSerializer.Meta):
        extra_kwargs = {"title": {"required": False}}


class MovieSchema(OneCallAddSchema):
    """The movies' viewset: a movie is added in full, or from a TMDb id alone."""

    one_call = MovieFromTMDbSerializer
