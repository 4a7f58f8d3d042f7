"""What every authenticated proxy to TMDb shares (movies.tmdb_views, tv.tmdb_views): its
throttles, its validated query parameters, and the shape of a search result."""

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from mycoll.fields import StrictIntegerField
from mycoll.throttling import UserThrottle
from tmdb.throttling import TMDbThrottle


class SearchResultSerializer(serializers.Serializer):
    """One search result (the OpenAPI description only: tmdb.payloads.search_result)."""

    id = serializers.IntegerField(help_text="The TMDb id: POST it as `tmdb_id` to add it.")
    title = serializers.CharField(allow_blank=True)
    original_title = serializers.CharField(allow_blank=True)
    overview = serializers.CharField(allow_blank=True)
    release_year = serializers.RegexField(
        r"^[0-9]{4}$", allow_blank=True, help_text='The year as text, "" when TMDb has none.'
    )
    poster_path = serializers.URLField(allow_blank=True, help_text='A full image URL, or "".')


class SearchQuerySerializer(serializers.Serializer):
    """A search's query parameters; each search adds its own `year`."""

    query = serializers.CharField(max_length=200, trim_whitespace=True)
    page = StrictIntegerField(min_value=1, max_value=500, default=1)


class TMDbProxyView(APIView):
    throttle_classes = [UserThrottle, TMDbThrottle]
    InputSerializer: type[serializers.Serializer]

    def query_params(self, request: Request) -> dict[str, Any]:
        """The validated query parameters (a 400 naming the field otherwise)."""
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data
