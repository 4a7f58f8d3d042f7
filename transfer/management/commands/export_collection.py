"""`manage.py export_collection --user ada --format json [--output FILE]`: the same file as
`GET /api/v1/export`, for large collections and scripts."""

import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from transfer.export import EXPORTERS


class Command(BaseCommand):
    help = "Write a user's collection as JSON, CSV or Letterboxd CSV (to stdout by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="The username.")
        parser.add_argument("--format", choices=list(EXPORTERS), default="json")
        parser.add_argument("--output", help="A file to write (default: standard output).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            owner = get_user_model().objects.get(username=options["user"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {options['user']!r}.") from None
        chunks = EXPORTERS[options["format"]](owner)
        if options["output"]:
            with open(options["output"], "wb") as target:
                target.writelines(chunks)
            return
        out = getattr(self.stdout, "buffer", None) or sys.stdout.buffer
        for chunk in chunks:
            out.write(chunk)
        out.flush()
