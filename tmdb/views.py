"""Authenticated proxies to TMDb: search, and one movie's details shaped for MyColl.

TMDb errors are answered by mycoll.exceptions.exception_handler (see tmdb.errors).
"""

from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mycoll.fields import StrictIntegerField
from mycoll.throttling import TMDbThrottle, UserThrottle
from tmdb.client import movie_details, search_movies

MAX_TMDB_ID = 2**31 - 1


class TMDbProxyView(APIView):
    throttle_classes = [UserThrottle, TMDbThrottle]


class MovieSearchView(TMDbProxyView):
    class InputSerializer(serializers.Serializer):
        query = serializers.CharField(max_length=200, trim_whitespace=True)
        page = StrictIntegerField(min_value=1, max_value=500, default=1)
        year = StrictIntegerField(min_value=1870, max_value=2100, required=False)

    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        return Response(search_movies(**params.validated_data))


class MovieDetailsView(TMDbProxyView):
    class InputSerializer(serializers.Serializer):
        query = StrictIntegerField(min_value=1, max_value=MAX_TMDB_ID)

    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        return Response(movie_details(tmdb_id=params.validated_data["query"]))
