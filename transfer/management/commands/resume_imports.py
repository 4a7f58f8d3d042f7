"""`manage.py resume_imports [--stale-after SECONDS]`: queue again the imports whose worker
stopped (killed, or its machine lost) in the middle. Each goes on from the rows it had
applied: those were committed with their reports, batch by batch. `make run` runs it before
it starts the worker."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q
from django.utils import timezone

from transfer.models import Import, ImportStatus
from transfer.tasks import run_import


class Command(BaseCommand):
    help = "Queue again the running imports that no worker has reported on lately."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-after",
            type=int,
            default=settings.IMPORT_STALE_SECONDS,
            help="Seconds without a report after which a running import is resumed "
            "(default: IMPORT_STALE_SECONDS; 0 when no other worker can be running).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        since = timezone.now() - timedelta(seconds=options["stale_after"])
        stale = Import.objects.filter(status=ImportStatus.RUNNING).filter(
            Q(heartbeat_at__lte=since) | Q(heartbeat_at__isnull=True)
        )
        for pk in stale.values_list("pk", flat=True):
            if Import.objects.filter(pk=pk, status=ImportStatus.RUNNING).update(
                status=ImportStatus.QUEUED
            ):
                run_import.enqueue(pk)
                self.stdout.write(f"Import {pk} resumed.")
