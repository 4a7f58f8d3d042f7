from rest_framework import serializers

from collection.serializers import LegacyCopySerializer, legacy_copy_fields
from movies.models import (
    MAX_RELEASE_YEAR,
    MAX_RUNTIME_MINUTES,
    MAX_TMDB_ID,
    MIN_RELEASE_YEAR,
    MOVIE_FIELDS,
    Movie,
    MovieCopy,
)
from movies.selectors import movie_id_for_tmdb_id
from movies.services import duplicate_tmdb_id_message
from mycoll.fields import OwnedPrimaryKeyRelatedField, StrictIntegerField


def tmdb_id_field(**kwargs) -> StrictIntegerField:
    return StrictIntegerField(min_value=1, max_value=MAX_TMDB_ID, **kwargs)


def release_year_field(**kwargs) -> StrictIntegerField:
    return StrictIntegerField(min_value=MIN_RELEASE_YEAR, max_value=MAX_RELEASE_YEAR, **kwargs)


class MovieCopySerializer(LegacyCopySerializer):
    movie = OwnedPrimaryKeyRelatedField(queryset=Movie.objects.all())

    class Meta(LegacyCopySerializer.Meta):
        model = MovieCopy
        fields = legacy_copy_fields("movie")


class NestedMovieCopySerializer(MovieCopySerializer):
    movie = serializers.PrimaryKeyRelatedField(read_only=True)


class MovieSerializer(serializers.ModelSerializer):
    release_year = release_year_field()
    runtime_minutes = StrictIntegerField(
        min_value=0, max_value=MAX_RUNTIME_MINUTES, required=False, allow_null=True
    )
    tmdb_id = tmdb_id_field(required=False, allow_null=True)
    copies = NestedMovieCopySerializer(many=True, read_only=True)

    class Meta:
        model = Movie
        fields = [*MOVIE_FIELDS[:-2], "copies", *MOVIE_FIELDS[-2:]]
        read_only_fields = ["id", "copies", "created_at", "updated_at"]

    def validate_tmdb_id(self, value: int | None) -> int | None:
        if value is None:
            return value
        owner = self.context["request"].user
        exclude_id = self.instance.pk if self.instance else None
        existing = movie_id_for_tmdb_id(owner=owner, tmdb_id=value, exclude_id=exclude_id)
        if existing is not None:
            raise serializers.ValidationError(duplicate_tmdb_id_message(movie_id=existing))
        return value


class TMDbLookupSerializer(serializers.Serializer):
    """The tmdb_id of a one-call add, checked before TMDb is asked for its details."""

    tmdb_id = tmdb_id_field()

    def validate_tmdb_id(self, value: int) -> int:
        existing = movie_id_for_tmdb_id(owner=self.context["request"].user, tmdb_id=value)
        if existing is not None:
            raise serializers.ValidationError(duplicate_tmdb_id_message(movie_id=existing))
        return value
