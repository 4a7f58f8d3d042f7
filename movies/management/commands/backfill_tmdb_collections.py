from django.core.management.base import BaseCommand

from movies.tasks import backfill_tmdb_collections


class Command(BaseCommand):
    help = "Queue the task that fills in the TMDb collection of the movies added before it."

    def handle(self, *args, **options) -> None:
        result = backfill_tmdb_collections.enqueue()
        self.stdout.write(f"Queued task {result.id}: the worker (make run) runs it.")
