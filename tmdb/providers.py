"""Where to watch a title, from TMDb's watch/providers (whose data is JustWatch's): the answer
movies/<id>/providers and tv/<id>/providers give, and the check of its region."""

from typing import Any

import pycountry
from django.conf import settings
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError

from mycoll.throttling import UserThrottle
from tmdb import client
from tmdb.payloads import image_url, listed, positive_int, text
from tmdb.throttling import TMDbThrottle

# A viewset's actions that ask TMDb: its throttle too, and no list machinery.
TMDB_ACTION = {
    "throttle_classes": [UserThrottle, TMDbThrottle],
    "filter_backends": [],
    "pagination_class": None,
}
OFFER_KINDS = ("flatrate", "rent", "buy", "free")
ATTRIBUTION = "JustWatch"  # TMDb's terms: the offers are JustWatch's, and say so
REGIONS = frozenset(country.alpha_2 for country in pycountry.countries)


def region_code(value: str | None) -> str:
    """An ISO 3166-1 alpha-2 code in any case (DEFAULT_REGION when none): a 400 naming
    `region` otherwise, before TMDb is asked."""
    code = (value if value is not None else settings.DEFAULT_REGION).strip().upper()
    if code not in REGIONS:
        raise ValidationError({"region": ["A country code from ISO 3166-1 is required (US, DE)."]})
    return code


def title_providers(*, kind: str, tmdb_id: int | None, region: str | None, what: str) -> dict:
    """The offers for one title in one region; a title with no TMDb id is a 404 saying so."""
    code = region_code(region)
    if tmdb_id is None:
        raise NotFound(f"This {what} has no TMDb id: set its tmdb_id to see where it streams.")
    payload = client.watch_providers(kind=kind, tmdb_id=tmdb_id)
    return providers_answer(payload, code)


def providers_answer(payload: dict, region: str) -> dict[str, Any]:
    offers = payload["results"].get(region)
    offers = offers if isinstance(offers, dict) else {}
    return {
        "region": region,
        "link": text(offers.get("link")),
        **{kind: [_provider(item) for item in listed(offers.get(kind))] for kind in OFFER_KINDS},
        "attribution": ATTRIBUTION,
    }


def _provider(item: Any) -> dict[str, Any]:
    item = item if isinstance(item, dict) else {}
    priority = item.get("display_priority")
    return {
        "provider_id": positive_int(item.get("provider_id")),
        "name": text(item.get("provider_name")),
        "logo": image_url(item.get("logo_path")),
        "display_priority": priority if isinstance(priority, int) else None,
    }


class ProviderSerializer(serializers.Serializer):
    provider_id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField(allow_blank=True)
    logo = serializers.URLField(allow_blank=True, help_text='A full image URL, or "".')
    display_priority = serializers.IntegerField(allow_null=True)


class ProvidersSerializer(serializers.Serializer):
    """Where a title streams (`flatrate`), rents, sells and is free, in one region."""

    region = serializers.CharField()
    link = serializers.CharField(allow_blank=True, help_text="TMDb's page of the offers.")
    flatrate = ProviderSerializer(many=True)
    rent = ProviderSerializer(many=True)
    buy = ProviderSerializer(many=True)
    free = ProviderSerializer(many=True)
    attribution = serializers.CharField(help_text='Always "JustWatch", whose data it is.')


class ProvidersQuerySerializer(serializers.Serializer):
    region = serializers.CharField(
        required=False, help_text="ISO 3166-1 alpha-2, any case; DEFAULT_REGION (US) when left out."
    )
