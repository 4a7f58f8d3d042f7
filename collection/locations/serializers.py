from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from collection.locations.services import location_check_parent, location_name_taken
from collection.models import Location
from mycoll.fields import OwnedPrimaryKeyRelatedField

LOCATION_FIELDS = ["id", "name", "parent", "kind", "notes"]


class LocationSerializer(serializers.ModelSerializer):
    """A place in the owner's tree: a room, a shelf, a box."""

    parent = OwnedPrimaryKeyRelatedField(
        queryset=Location.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Location
        fields = LOCATION_FIELDS
        read_only_fields = ["id"]
        extra_kwargs = {"name": {"trim_whitespace": True}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        owner_id = self.context["request"].user.pk
        current = self.instance
        parent = attrs.get("parent", current.parent if current else None)
        name = attrs.get("name", current.name if current else "")
        parent_id = parent.pk if parent else None
        location_id = current.pk if current else None
        location_check_parent(owner_id=owner_id, location_id=location_id, parent_id=parent_id)
        if location_name_taken(
            owner_id=owner_id, parent_id=parent_id, name=name, exclude_id=location_id
        ):
            raise serializers.ValidationError(
                {"name": ["A location with this name is already there (names ignore case)."]}
            )
        return attrs


@extend_schema_field({"type": "array", "items": {"$ref": "#/components/schemas/LocationNode"}})
class ChildNodesField(serializers.ListField):
    pass


class LocationNodeSerializer(serializers.Serializer):
    """One node of `?tree=1`: a location, its copy counts, and the locations it holds."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    parent = serializers.IntegerField(allow_null=True)
    kind = serializers.ChoiceField(choices=Location._meta.get_field("kind").choices)
    notes = serializers.CharField(allow_blank=True)
    copy_count = serializers.IntegerField(help_text="Copies in this location itself.")
    total_copy_count = serializers.IntegerField(help_text="Copies in it and under it.")
    children = ChildNodesField(help_text="The locations under it, as nodes.")


class DeleteQuerySerializer(serializers.Serializer):
    move_to = OwnedPrimaryKeyRelatedField(
        queryset=Location.objects.all(),
        required=False,
        help_text="Where its copies and locations go before it is deleted.",
    )
