"""Copies of TV shows: a copy names a show, and maybe one of its seasons."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("collection", "0005_book"),
        ("movies", "0002_copies_move_to_collection"),
        ("tv", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="copy",
            name="copy_exactly_one_title",
        ),
        migrations.AddField(
            model_name="copy",
            name="season",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="copies",
                to="tv.season",
            ),
        ),
        migrations.AddField(
            model_name="copy",
            name="show",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="copies",
                to="tv.show",
            ),
        ),
        migrations.AddIndex(
            model_name="copy",
            index=models.Index(fields=["owner", "show"], name="copy_owner_show"),
        ),
        migrations.AddConstraint(
            model_name="copy",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("movie__isnull", False), ("show__isnull", True)),
                    models.Q(("movie__isnull", True), ("show__isnull", False)),
                    _connector="OR",
                ),
                name="copy_exactly_one_title",
            ),
        ),
        migrations.AddConstraint(
            model_name="copy",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("season__isnull", True), ("show__isnull", False), _connector="OR"
                ),
                name="copy_season_has_show",
            ),
        ),
    ]
