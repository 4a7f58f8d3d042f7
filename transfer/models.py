from django.conf import settings
from django.db import models
from django.db.models import Q

from collection.models import Copy


class ImportSource(models.TextChoices):
    MYCOLL = "mycoll"
    CSV = "csv"
    LETTERBOXD = "letterboxd"
    GOODREADS = "goodreads"
    CLZ = "clz"
    LIBIB = "libib"
    TRAKT = "trakt"


class ImportStatus(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINISHED = (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.CANCELLED)


class RowStatus(models.TextChoices):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    UNMATCHED = "unmatched"
    REJECTED = "rejected"
    SKIPPED = "skipped"


class Import(models.Model):
    """A file brought in from another service, applied in the background by a task
    (transfer.tasks.run_import). `processed` rows are applied (or, in a dry run, reported),
    in the same transaction as their reports: a worker that dies leaves the import resumable
    from there (manage.py resume_imports)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="imports"
    )
    source = models.CharField(max_length=16, choices=ImportSource.choices)
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    dry_run = models.BooleanField(default=True)
    file_name = models.CharField(max_length=255, blank=True, default="")
    # The upload itself, in the database so that a worker on any machine can read it; it is
    # dropped once the import is finished.
    data = models.BinaryField(default=b"", editable=False)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    unmatched = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "created_at"], name="import_owner_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=ImportSource.values), name="import_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ImportStatus.values), name="import_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} import {self.pk} ({self.status})"


class ImportRow(models.Model):
    """What became of one row of the source (a CSV line, a Trakt item)."""

    run = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="rows")
    row = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=RowStatus.choices)
    matched = models.JSONField(null=True, blank=True)
    message = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["run", "row"]
        constraints = [
            models.UniqueConstraint(fields=["run", "row"], name="import_row_unique"),
        ]

    def __str__(self) -> str:
        return f"row {self.row}: {self.status}"


class ImportedCopy(models.Model):
    """A copy an import made, under the source's key for it (its record id, or a key built
    from the row): a later import of the same record updates this copy instead of adding
    another. Copies without one were made by hand, and no import touches them."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    source = models.CharField(max_length=16, choices=ImportSource.choices)
    key = models.CharField(max_length=300)
    copy = models.OneToOneField(Copy, on_delete=models.CASCADE, related_name="imported_as")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "key"], name="imported_copy_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.key}"
