"""Authenticated proxies to TMDb's TV: search, and one show's details with its seasons, in
MyColl's shapes (tmdb.client asks TMDb, tv.tmdb_mapping shapes its answers)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from tmdb import client as tmdb_client
from tmdb.proxy import SearchQuerySerializer, SearchResultSerializer, TMDbProxyView
from tmdb.schema import TMDB_ERRORS, TMDB_SHOW_NOT_FOUND
from tv.schema import TMDbShowSerializer
from tv.serializers import tmdb_id_field, year_field
from tv.tmdb_mapping import search_results, show_fields


class ShowSearchView(TMDbProxyView):
    class InputSerializer(SearchQuerySerializer):
        year = year_field(required=False, help_text="The year the show first aired.")

    @extend_schema(
        tags=["tmdb"],
        operation_id="tmdb_tv_search",
        summary="Search TMDb's TV shows",
        description="Shows whose name matches `query`, in TMDb's order, 20 a page: `title` is "
        "TMDb's name, `release_year` the year of the first air date. Answers are cached (an "
        "hour by default).",
        parameters=[InputSerializer],
        responses={200: SearchResultSerializer(many=True), **TMDB_ERRORS},
    )
    def get(self, request: Request) -> Response:
        payload = tmdb_client.search_tv(**self.query_params(request))
        return Response(search_results(payload))


class ShowDetailsView(TMDbProxyView):
    class InputSerializer(serializers.Serializer):
        query = tmdb_id_field(help_text="A TMDb TV id.")

    @extend_schema(
        tags=["tmdb"],
        operation_id="tmdb_tv_details",
        summary="One TMDb TV show",
        description="One show's details with all its seasons, shaped to POST to "
        "`/api/v1/tv/` as they are. Answers are cached (a day by default).",
        parameters=[InputSerializer],
        responses={200: TMDbShowSerializer, 404: TMDB_SHOW_NOT_FOUND, **TMDB_ERRORS},
    )
    def get(self, request: Request) -> Response:
        payload = tmdb_client.tv_details(tmdb_id=self.query_params(request)["query"])
        return Response(show_fields(payload))
