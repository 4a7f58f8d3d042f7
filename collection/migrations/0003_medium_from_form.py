"""Every existing copy gets its medium from its form (collection.media), and nothing else of
it changes: a queryset update leaves `updated_at` as it was."""

from django.db import migrations

from collection.media import medium_from_form


def media_from_forms(apps, schema_editor) -> None:
    copies = apps.get_model("collection", "Copy").objects
    for form in copies.values_list("form", flat=True).distinct().order_by():
        copies.filter(form=form).update(medium=medium_from_form(form))


class Migration(migrations.Migration):
    dependencies = [("collection", "0002_rich_copies")]

    operations = [migrations.RunPython(media_from_forms, migrations.RunPython.noop, elidable=True)]
