"""Writes of the imports: an upload checked and queued, an import cancelled."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from mycoll.errors import ApplicationError, Conflict
from transfer.models import FINISHED, Import, ImportStatus
from transfer.sources import READERS
from transfer.sources.base import SourceError
from transfer.tasks import run_import


class FileTooLarge(ApplicationError):
    status_code = 413
    code = "file_too_large"


def import_upload(
    *, owner: AbstractBaseUser, source: str, upload: UploadedFile, dry_run: bool
) -> Import:
    """An uploaded file's import, queued for the worker."""
    limit = settings.IMPORT_MAX_FILE_BYTES
    data = upload.read(limit + 1) if upload.size is not None and upload.size <= limit else b""
    if not data or len(data) > limit:
        raise FileTooLarge(f"The file is larger than the limit of {limit} bytes.")
    run = import_create(
        owner=owner, source=source, data=data, file_name=upload.name or "", dry_run=dry_run
    )
    transaction.on_commit(lambda: run_import.enqueue(run.pk))
    return run


def import_create(
    *, owner: AbstractBaseUser, source: str, data: bytes, file_name: str, dry_run: bool
) -> Import:
    """Read the whole file now, so that a file its source cannot read is refused
    (SourceError, a 400) before anything is stored or queued."""
    total = 0
    for total, _ in enumerate(READERS[source](data), start=1):
        if total > settings.IMPORT_MAX_ROWS:
            raise SourceError(f"The file has more than {settings.IMPORT_MAX_ROWS} rows.")
    run = Import.objects.create(
        owner=owner,
        source=source,
        dry_run=dry_run,
        file_name=file_name[:255],
        data=data,
        total=total,
    )
    return run


def import_cancel(*, run: Import) -> Import:
    """Stop a queued or running import after its current batch; a finished one is a 409."""
    cancelled = (
        Import.objects.filter(pk=run.pk)
        .exclude(status__in=FINISHED)
        .update(status=ImportStatus.CANCELLED, finished_at=timezone.now())
    )
    run.refresh_from_db()
    if not cancelled:
        raise Conflict(f"This import is already {run.status}.")
    return run
