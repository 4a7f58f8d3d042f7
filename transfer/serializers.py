from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from transfer.models import Import, ImportRow, ImportSource, ImportStatus

COUNTS = ("total", "created", "updated", "unchanged", "unmatched", "rejected", "skipped")
COUNTS_SCHEMA = {
    "type": "object",
    "description": "Rows so far: `total` in the file, then how many came to each end.",
    "properties": {name: {"type": "integer"} for name in COUNTS},
    "required": list(COUNTS),
}
MATCHED_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": "What the row matched or made: the title (`kind`, `id`, null in a dry "
    "run for a title it would make, `title`, `year`, `copies`), or a location's `location`.",
    "additionalProperties": True,
}


@extend_schema_field(COUNTS_SCHEMA)
class CountsField(serializers.DictField):
    def to_representation(self, value: Import) -> dict[str, int]:
        return {name: getattr(value, name) for name in COUNTS}


@extend_schema_field(MATCHED_SCHEMA)
class MatchedField(serializers.JSONField):
    pass


def enum_field(name: str, values: list[str]) -> serializers.CharField:
    """A read-only choice, its values named in words (an enum would be a reference to a
    component, and a read-only reference needs an `allOf`)."""
    schema = {"type": "string", "description": f"One of {', '.join(values)}."}
    field_class = extend_schema_field(schema)(type(f"{name}Field", (serializers.CharField,), {}))
    return field_class(read_only=True)


class ImportRowSerializer(serializers.ModelSerializer):
    matched = MatchedField(read_only=True)

    class Meta:
        model = ImportRow
        fields = ["row", "status", "matched", "message"]


class ImportSerializer(serializers.ModelSerializer):
    source = enum_field("Source", ImportSource.values)
    status = enum_field("Status", ImportStatus.values)
    counts = CountsField(read_only=True, source="*")

    class Meta:
        model = Import
        fields = [
            "id", "source", "status", "dry_run", "file_name", "counts", "processed", "error",
            "created_at", "started_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields


class ImportDetailSerializer(ImportSerializer):
    rows = ImportRowSerializer(many=True, read_only=True)

    class Meta(ImportSerializer.Meta):
        fields = [*ImportSerializer.Meta.fields, "rows"]
        read_only_fields = fields


class ImportUploadSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=ImportSource.choices)
    file = serializers.FileField(allow_empty_file=False)
    dry_run = serializers.BooleanField(default=True)
