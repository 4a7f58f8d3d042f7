from rest_framework import serializers

from movies.models import Movie, MovieCopy
from movies.selectors import movie_id_for_tmdb_id
from movies.services import duplicate_tmdb_id_message
from mycoll.fields import StrictIntegerField, StrictPrimaryKeyRelatedField


class MovieCopySerializer(serializers.ModelSerializer):
    movie = StrictPrimaryKeyRelatedField(queryset=Movie.objects.none())

    class Meta:
        model = MovieCopy
        fields = ["id", "movie", "platform", "form", "vod_link", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        # Only the requester's own movies: another user's id reads as a missing one.
        request = self.context.get("request")
        owner = getattr(request, "user", None)
        fields["movie"].queryset = (
            Movie.objects.filter(owner=owner) if owner else Movie.objects.none()
        )
        return fields


class NestedMovieCopySerializer(MovieCopySerializer):
    movie = serializers.PrimaryKeyRelatedField(read_only=True)


class MovieSerializer(serializers.ModelSerializer):
    release_year = StrictIntegerField(min_value=1870, max_value=2100)
    runtime_minutes = StrictIntegerField(
        min_value=0, max_value=100_000, required=False, allow_null=True
    )
    tmdb_id = StrictIntegerField(min_value=1, max_value=2**31 - 1, required=False, allow_null=True)
    copies = NestedMovieCopySerializer(many=True, read_only=True)

    class Meta:
        model = Movie
        fields = [
            "id",
            "title",
            "overview",
            "release_year",
            "mpaa_rating",
            "runtime_minutes",
            "image_link",
            "tmdb_page_link",
            "tmdb_id",
            "copies",
            "created_at",
            "updated_at",
        ]
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

    tmdb_id = StrictIntegerField(min_value=1, max_value=2**31 - 1)

    def validate_tmdb_id(self, value: int) -> int:
        existing = movie_id_for_tmdb_id(owner=self.context["request"].user, tmdb_id=value)
        if existing is not None:
            raise serializers.ValidationError(duplicate_tmdb_id_message(movie_id=existing))
        return value
