"""The OpenAPI description of the TV endpoints (see mycoll.schema)."""

from collection.schema import CollectionSchema
from tv.serializers import ShowSeasonSerializer, ShowSerializer, tmdb_id_field, year_field
from tv.services import TMDB_FILLED_FIELDS


class ShowFromTMDbSerializer(ShowSerializer):
    """A one-call add: a TMDb id, and any fields to keep; TMDb fills in the rest, seasons
    included."""

    tmdb_id = tmdb_id_field(
        help_text="A TMDb id, from the search. The fields left out are filled from TMDb."
    )

    class Meta(ShowSerializer.Meta):
        extra_kwargs = {"title": {"required": False}}


class ShowSchema(CollectionSchema):
    """The shows' viewset: a show is added in full, or from a TMDb id alone."""

    post_alternative = ShowFromTMDbSerializer


class TMDbSeasonSerializer(ShowSeasonSerializer):
    """One season of a TMDb show, shaped like a MyColl season."""

    year_first_aired = year_field(allow_null=True)

    class Meta(ShowSeasonSerializer.Meta):
        fields = [
            field
            for field in ShowSeasonSerializer.Meta.fields
            if field not in ("id", "show", "season_copies", "created_at", "updated_at")
        ]


class TMDbShowSerializer(ShowSerializer):
    """One TMDb show shaped like a MyColl show, with its seasons in season order: ready to
    POST to tv/ as it is."""

    seasons = TMDbSeasonSerializer(many=True)

    class Meta(ShowSerializer.Meta):
        fields = ["tmdb_id", *TMDB_FILLED_FIELDS]
