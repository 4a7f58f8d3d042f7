"""The import job, on Django's Tasks API: whichever backend TASKS names runs it (the database
worker by default, RQ workers with TASKS_BACKEND=rq)."""

import logging
from collections.abc import Callable
from itertools import islice

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from tmdb.errors import TMDbError
from transfer.apply import Applier
from transfer.models import Import, ImportStatus
from transfer.sources import READERS

logger = logging.getLogger(__name__)


@task()
def run_import(import_id: int) -> None:
    """Apply the import from where it stands (`processed` rows are already applied), a batch
    at a time, until it is done, cancelled, or fails."""
    if claim(import_id):
        apply_import(Import.objects.get(pk=import_id))


def claim(import_id: int) -> bool:
    """Mark a queued (or resumed) import running; False when it is finished or cancelled."""
    return bool(
        Import.objects.filter(
            pk=import_id, status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]
        ).update(
            status=ImportStatus.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
        )
    )


def apply_import(run: Import, progress: Callable[[int], None] | None = None) -> None:
    """Run a claimed import to its end; `progress(rows)` after each batch."""
    try:
        _run(run, progress)
    except TMDbError as error:
        _finish(run, ImportStatus.FAILED, f"TMDb failed ({error.reason}) after row "
                f"{_processed(run)}; post the file again to go on from there.")  # fmt: skip
    except Exception:
        logger.exception("Import %s failed", run.pk)
        _finish(run, ImportStatus.FAILED, f"An unexpected error stopped the import after "
                f"{_processed(run)} rows; post the file again to go on from there.")  # fmt: skip
    else:
        _finish(run, ImportStatus.DONE)


def _run(run: Import, progress: Callable[[int], None] | None) -> None:
    applier = Applier(run)
    items = islice(READERS[run.source](bytes(run.data)), run.processed, None)
    size = settings.IMPORT_BATCH_SIZE
    for batch in iter(lambda: list(islice(items, size)), []):
        if not Import.objects.filter(pk=run.pk, status=ImportStatus.RUNNING).exists():
            return  # cancelled
        applier.resolve(batch)
        applier.apply_batch(batch)
        if progress is not None:
            progress(len(batch))


def _processed(run: Import) -> int:
    return Import.objects.values_list("processed", flat=True).get(pk=run.pk)


def _finish(run: Import, status: str, error: str = "") -> None:
    # A cancelled import stays cancelled; the upload is not kept once the import is over.
    Import.objects.filter(pk=run.pk, status=ImportStatus.RUNNING).update(
        status=status, error=error, finished_at=timezone.now()
    )
    Import.objects.filter(pk=run.pk).update(data=b"")
