"""`manage.py import_collection FILE --source trakt --user ada [--no-dry-run]`: the same
import as `POST /api/v1/imports/`, run here with a progress bar, for large files and scripts.
It is recorded like any other (GET /api/v1/imports/<id> shows it)."""

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from transfer.models import Import, ImportSource
from transfer.services import import_create
from transfer.sources.base import SourceError
from transfer.tasks import apply_import, claim

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Import a file from another service into a user's collection (a dry run by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", required=True, choices=ImportSource.values)
        parser.add_argument("--user", required=True, help="The username.")
        parser.add_argument(
            "--no-dry-run", action="store_false", dest="dry_run", help="Apply it for real."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        owner = get_user_model().objects.filter(username=options["user"]).first()
        if owner is None:
            raise CommandError(f"No user named {options['user']!r}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        if path.stat().st_size > settings.IMPORT_MAX_FILE_BYTES:
            raise CommandError(f"{path} is over IMPORT_MAX_FILE_BYTES.")
        try:
            run = import_create(
                owner=owner, source=options["source"], data=path.read_bytes(),
                file_name=path.name, dry_run=options["dry_run"],
            )  # fmt: skip
        except SourceError as error:
            raise CommandError(str(error)) from None
        claim(run.pk)
        done = 0

        def progress(rows: int) -> None:
            nonlocal done
            done += rows
            filled = BAR_WIDTH * done // max(run.total, 1)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            sys.stderr.write(f"\r[{bar}] {done}/{run.total} rows")
            sys.stderr.flush()

        apply_import(run, progress)
        sys.stderr.write("\n")
        self._summary(Import.objects.get(pk=run.pk))

    def _summary(self, run: Import) -> None:
        counts = ", ".join(
            f"{getattr(run, n)} {n}"
            for n in ("created", "updated", "unchanged", "unmatched", "rejected", "skipped")
        )
        what = "Dry run" if run.dry_run else "Import"
        self.stdout.write(f"{what} {run.pk} {run.status}: {counts}.")
        if run.error:
            raise CommandError(run.error)
