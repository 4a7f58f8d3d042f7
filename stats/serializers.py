"""The shape of `/api/v1/stats/`, for the OpenAPI description."""

from rest_framework import serializers


def counts(help_text: str) -> serializers.DictField:
    return serializers.DictField(child=serializers.IntegerField(), help_text=help_text)


class CopyStatsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_kind = counts("Copies by the kind of their title.")
    by_medium = counts("Copies by medium; copies without one are left out.")
    by_resolution = counts("Copies by resolution; copies without one are left out.")
    by_hdr = counts("Copies by HDR format; copies without one are left out.")
    by_platform = counts("Copies by platform; copies without one are left out.")
    by_condition = counts("Copies by condition; copies without one are left out.")
    by_location = counts("Copies in each top-level location, and every location under it.")


class SpendingSerializer(serializers.Serializer):
    currency = serializers.CharField()
    year = serializers.IntegerField(allow_null=True, help_text="null: acquired on no known date.")
    total = serializers.RegexField(r"^[0-9]+\.[0-9]{2}$", help_text='A decimal, as "49.98".')


class LoanStatsSerializer(serializers.Serializer):
    on_loan = serializers.IntegerField()
    overdue = serializers.IntegerField()


class StatsCompletenessSerializer(serializers.Serializer):
    shows_missing_seasons = serializers.IntegerField()
    collections_missing_films = serializers.IntegerField()


class StatsSerializer(serializers.Serializer):
    """What the collection holds, what it cost, what is lent out, and what is missing."""

    titles = counts("Titles by kind.")
    titles_by_decade = counts("Titles of every kind by the decade of their year (`1990`).")
    copies = CopyStatsSerializer()
    spending = SpendingSerializer(many=True, help_text="Per currency and year, never summed.")
    loans = LoanStatsSerializer()
    completeness = StatsCompletenessSerializer()
