"""The copies and the collection version now belong to the `collection` app (state only: the
tables are the same, renamed by collection.0002); MovieCopy stays, as a proxy of its copies."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("movies", "0001_initial"),
        ("collection", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="MovieCopy"),
                migrations.DeleteModel(name="CollectionVersion"),
            ]
        ),
        migrations.CreateModel(
            name="MovieCopy",
            fields=[],
            options={
                "verbose_name_plural": "movie copies",
                "ordering": ["movie__title", "id"],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("collection.copy",),
        ),
    ]
