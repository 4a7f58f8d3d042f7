"""The collection version and the copies move here from `movies`, their tables unchanged
(state only): movies.0002 drops them from the movies app's state, 0002 here renames them."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CREATE_IN_STATE = [
    migrations.CreateModel(
        name="CollectionVersion",
        fields=[
            (
                "owner",
                models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE,
                    primary_key=True,
                    related_name="collection_version",
                    serialize=False,
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
            ("token", models.UUIDField(default=uuid.uuid4)),
        ],
        options={"db_table": "movies_collectionversion"},
    ),
    migrations.CreateModel(
        name="Copy",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("platform", models.CharField(max_length=200)),
            ("form", models.CharField(max_length=200)),
            ("vod_link", models.URLField(blank=True, default="", max_length=500)),
            ("created_at", models.DateTimeField(auto_now_add=True)),
            ("updated_at", models.DateTimeField(auto_now=True)),
            (
                "movie",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="copies",
                    to="movies.movie",
                ),
            ),
            (
                "owner",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="copies",
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
        ],
        options={
            "db_table": "movies_moviecopy",
            "ordering": ["id"],
            "verbose_name_plural": "copies",
            "indexes": [models.Index(fields=["owner", "movie"], name="moviecopy_owner_movie")],
            "constraints": [
                models.CheckConstraint(
                    condition=models.Q(("platform", ""), _negated=True),
                    name="moviecopy_platform_not_blank",
                ),
                models.CheckConstraint(
                    condition=models.Q(("form", ""), _negated=True),
                    name="moviecopy_form_not_blank",
                ),
            ],
        },
    ),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("movies", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=CREATE_IN_STATE),
    ]
