"""The shapes of the TMDb collections answer, and its query."""

from rest_framework import serializers


class CollectionPartSerializer(serializers.Serializer):
    tmdb_id = serializers.IntegerField()
    title = serializers.CharField(allow_blank=True)
    release_year = serializers.IntegerField(allow_null=True)
    owned = serializers.BooleanField(help_text="Whether the requester has this film.")
    movie = serializers.IntegerField(allow_null=True, help_text="The requester's movie, or null.")


class TMDbCollectionSerializer(serializers.Serializer):
    """A TMDb collection the requester has a film of."""

    tmdb_id = serializers.IntegerField()
    name = serializers.CharField(allow_blank=True)
    owned_count = serializers.IntegerField()
    total = serializers.IntegerField()
    parts = CollectionPartSerializer(many=True, help_text="Every film, oldest first.")


class CollectionsQuerySerializer(serializers.Serializer):
    incomplete = serializers.ChoiceField(
        choices=[0, 1], default=0, help_text="`1`: only the collections missing a film."
    )
