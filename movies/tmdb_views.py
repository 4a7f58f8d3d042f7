"""Authenticated proxies to TMDb: search, and one movie's details, in MyColl's shapes.

tmdb.client asks TMDb, movies.tmdb_mapping shapes its answers; TMDb's errors are answered by
mycoll.exceptions.exception_handler (see tmdb.errors).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from movies.serializers import release_year_field, tmdb_id_field
from movies.tmdb_mapping import movie_fields, search_results
from tmdb import client as tmdb_client
from tmdb.proxy import SearchQuerySerializer, SearchResultSerializer, TMDbProxyView
from tmdb.schema import TMDB_ERRORS, TMDB_NOT_FOUND


# The answers' shapes, for the OpenAPI description only.
class TMDbMovieSerializer(serializers.Serializer):
    """One TMDb movie shaped like a MyColl movie, ready to POST to movies/."""

    tmdb_id = serializers.IntegerField()
    title = serializers.CharField()
    release_year = serializers.IntegerField(allow_null=True)
    overview = serializers.CharField(allow_blank=True)
    mpaa_rating = serializers.CharField(allow_blank=True, help_text="The US certification.")
    runtime_minutes = serializers.IntegerField(allow_null=True)
    image_link = serializers.URLField(allow_blank=True)
    tmdb_page_link = serializers.URLField()


class MovieSearchView(TMDbProxyView):
    class InputSerializer(SearchQuerySerializer):
        year = release_year_field(required=False)

    @extend_schema(
        tags=["tmdb"],
        operation_id="tmdb_search",
        summary="Search TMDb",
        description="Movies whose title matches `query`, in TMDb's order, 20 a page. "
        "Answers are cached (an hour by default).",
        parameters=[InputSerializer],
        responses={200: SearchResultSerializer(many=True), **TMDB_ERRORS},
    )
    def get(self, request: Request) -> Response:
        payload = tmdb_client.search_movies(**self.query_params(request))
        return Response(search_results(payload))


class MovieDetailsView(TMDbProxyView):
    class InputSerializer(serializers.Serializer):
        query = tmdb_id_field(help_text="A TMDb id.")

    @extend_schema(
        tags=["tmdb"],
        operation_id="tmdb_details",
        summary="One TMDb movie",
        description="One movie's details, shaped to POST to `/api/v1/movies/` as they are. "
        "Answers are cached (a day by default).",
        parameters=[InputSerializer],
        responses={200: TMDbMovieSerializer, 404: TMDB_NOT_FOUND, **TMDB_ERRORS},
    )
    def get(self, request: Request) -> Response:
        payload = tmdb_client.movie_details(tmdb_id=self.query_params(request)["query"])
        return Response(movie_fields(payload))
