"""A show's, a season's and a season copy's input, checked field by field; answers are
shaped by tv.selectors, from the same rows as the lists."""

from typing import Any

from rest_framework import serializers

from collection.serializers import LegacyCopySerializer, legacy_copy_fields
from mycoll.fields import OwnedPrimaryKeyRelatedField, StrictIntegerField
from tv.models import (
    MAX_EPISODES,
    MAX_NETWORKS,
    MAX_SEASON_NUMBER,
    MAX_TMDB_ID,
    MAX_YEAR,
    MIN_YEAR,
    SEASON_FIELDS,
    SHOW_FIELDS,
    Season,
    SeasonCopy,
    Show,
    season_title,
)
from tv.selectors import season_detail, season_id_for_number, show_detail, show_id_for_tmdb_id


def tmdb_id_field(**kwargs: Any) -> StrictIntegerField:
    return StrictIntegerField(min_value=1, max_value=MAX_TMDB_ID, **kwargs)


def year_field(**kwargs: Any) -> StrictIntegerField:
    return StrictIntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


def _optional_count(maximum: int) -> StrictIntegerField:
    return StrictIntegerField(min_value=0, max_value=maximum, required=False, allow_null=True)


def duplicate_tmdb_id_message(*, show_id: int) -> str:
    return f"This show is already in your collection (show id {show_id})."


class SeasonCopySerializer(LegacyCopySerializer):
    """A season's copy in the legacy shape; its show is the season's."""

    season = OwnedPrimaryKeyRelatedField(queryset=Season.objects.all())

    class Meta(LegacyCopySerializer.Meta):
        model = SeasonCopy
        fields = legacy_copy_fields("season")


class NestedSeasonCopySerializer(SeasonCopySerializer):
    season = serializers.PrimaryKeyRelatedField(read_only=True)


class SeriesCopySerializer(LegacyCopySerializer):
    """A copy of the whole series (a complete box set), as its show lists it."""

    show = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta(LegacyCopySerializer.Meta):
        fields = legacy_copy_fields("show")


class ShowSeasonSerializer(serializers.ModelSerializer):
    """A season, as its show lists it and as a show's POST names it. The title defaults to
    TMDb's ("Season 2", "Specials"), the year to the air date's."""

    show = serializers.PrimaryKeyRelatedField(read_only=True)
    season_number = StrictIntegerField(
        min_value=0, max_value=MAX_SEASON_NUMBER, help_text="0 is the specials."
    )
    episode_count = _optional_count(MAX_EPISODES)
    year_first_aired = year_field(required=False, allow_null=True)
    season_copies = NestedSeasonCopySerializer(many=True, read_only=True)

    class Meta:
        model = Season
        fields = [*SEASON_FIELDS[:-2], "season_copies", *SEASON_FIELDS[-2:]]
        read_only_fields = ["id", "season_copies", "created_at", "updated_at"]
        extra_kwargs = {"title": {"required": False}, "air_date": {"allow_null": True}}
        validators: list = []  # one season number per show: validate() says it on the field

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and "title" not in attrs:
            attrs["title"] = season_title(attrs["season_number"])
        if attrs.get("air_date") and "year_first_aired" not in attrs:
            attrs["year_first_aired"] = attrs["air_date"].year
        return attrs


class SeasonSerializer(ShowSeasonSerializer):
    """A season on its own (`tv/season/`): it names one of the requester's shows."""

    show = OwnedPrimaryKeyRelatedField(queryset=Show.objects.all())

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        show = attrs.get("show") or self.instance.show
        number = attrs.get("season_number", getattr(self.instance, "season_number", None))
        exclude_id = self.instance.pk if self.instance else None
        taken = season_id_for_number(show_id=show.pk, season_number=number, exclude_id=exclude_id)
        if taken is not None:
            message = f"The show already has a season {number} (season id {taken})."
            raise serializers.ValidationError({"season_number": [message]})
        return attrs

    def to_representation(self, instance: Season) -> dict[str, Any]:
        return season_detail(season=instance)


class ShowSerializer(serializers.ModelSerializer):
    """A show with its seasons: a POST may name them (`seasons`); afterwards they are changed
    through `tv/season/`, and a PUT or PATCH leaves them alone."""

    year_first_aired = year_field(required=False, allow_null=True)
    last_air_year = year_field(required=False, allow_null=True)
    in_production = serializers.BooleanField(required=False, allow_null=True)
    number_of_seasons = _optional_count(MAX_SEASON_NUMBER)
    number_of_episodes = _optional_count(MAX_EPISODES)
    networks = serializers.ListField(
        child=serializers.CharField(max_length=100),
        max_length=MAX_NETWORKS,
        required=False,
        help_text="The networks' names.",
    )
    tmdb_id = tmdb_id_field(required=False, allow_null=True)
    imdb_id = serializers.RegexField(
        r"^tt[0-9]{1,13}$", max_length=16, required=False, allow_blank=True
    )
    tvdb_id = tmdb_id_field(required=False, allow_null=True)
    seasons = ShowSeasonSerializer(many=True, required=False)
    series_copies = SeriesCopySerializer(
        many=True, read_only=True, help_text="Copies of the whole series (box sets)."
    )

    class Meta:
        model = Show
        fields = [*SHOW_FIELDS[:-2], "seasons", "series_copies", *SHOW_FIELDS[-2:]]
        read_only_fields = ["id", "series_copies", "created_at", "updated_at"]
        extra_kwargs = {"tv_rating": {"help_text": 'The US content rating, "" when none.'}}

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None:
            fields["seasons"] = ShowSeasonSerializer(many=True, read_only=True)
        return fields

    def validate_tmdb_id(self, value: int | None) -> int | None:
        if value is not None:
            exclude_id = self.instance.pk if self.instance else None
            refuse_duplicate(self.context["request"].user, value, exclude_id)
        return value

    def validate_seasons(self, seasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
        numbers = [season["season_number"] for season in seasons]
        twice = sorted({number for number in numbers if numbers.count(number) > 1})
        if twice:
            raise serializers.ValidationError(f"Season {twice[0]} is named twice.")
        return seasons

    def to_representation(self, instance: Show) -> dict[str, Any]:
        return show_detail(show=instance)


class TMDbLookupSerializer(serializers.Serializer):
    """The tmdb_id of a one-call add, checked before TMDb is asked for its details."""

    tmdb_id = tmdb_id_field()

    def validate_tmdb_id(self, value: int) -> int:
        refuse_duplicate(self.context["request"].user, value)
        return value


def refuse_duplicate(owner: Any, tmdb_id: int, exclude_id: int | None = None) -> None:
    existing = show_id_for_tmdb_id(owner=owner, tmdb_id=tmdb_id, exclude_id=exclude_id)
    if existing is not None:
        raise serializers.ValidationError(duplicate_tmdb_id_message(show_id=existing))


class CompletenessSerializer(serializers.Serializer):
    """Which aired seasons the owner has (the OpenAPI description only)."""

    aired = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="The aired seasons' numbers: above 0, first aired on or before today.",
    )
    owned = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="The aired seasons with a copy (a copy of the whole series owns them all).",
    )
    missing = serializers.ListField(
        child=serializers.IntegerField(), help_text="The aired seasons without one."
    )
    complete = serializers.BooleanField(
        help_text="No aired season is missing, and the owner has a copy of something of it."
    )
