"""A worker that dies in the middle of an import leaves it resumable, never half-applied
without a trace."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from collection.models import Copy
from transfer.models import Import
from transfer.tasks import run_import
from transfer.tests.helpers import IMMEDIATE, csv_text

pytestmark = pytest.mark.django_db

ROWS = csv_text(
    ["kind", "title", "year"], *[["movie", f"Film {n}", 1990 + n % 30] for n in range(10)]
)


def test_a_killed_worker_leaves_whole_batches_and_their_reports(user, settings, monkeypatch):
    settings.IMPORT_BATCH_SIZE = 3
    run = Import.objects.create(owner=user, source="csv", dry_run=False, data=ROWS, total=10)
    from transfer import apply

    calls = {"n": 0}
    real = apply.Applier.apply_batch

    def dies_on_the_third_batch(self, items):
        calls["n"] += 1
        if calls["n"] == 3:
            raise SystemExit("the worker is killed")
        return real(self, items)

    monkeypatch.setattr(apply.Applier, "apply_batch", dies_on_the_third_batch)
    with pytest.raises(SystemExit):
        run_import.call(run.pk)

    run.refresh_from_db()
    assert run.status == "running" and run.processed == 6
    assert run.rows.count() == 6 == Copy.objects.count()


def test_resume_imports_goes_on_from_the_last_applied_batch(user, settings):
    settings.IMPORT_BATCH_SIZE = 4
    run = Import.objects.create(owner=user, source="csv", dry_run=False, data=ROWS, total=10)
    from transfer.apply import Applier

    applier = Applier(run)
    from transfer.sources import READERS

    applier.apply_batch(list(READERS["csv"](ROWS))[:4])
    Import.objects.filter(pk=run.pk).update(
        status="running", heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    call_command("resume_imports")
    assert DBTaskResult.objects.count() == 1 and Import.objects.get().status == "queued"

    settings.TASKS = IMMEDIATE
    run_import.call(run.pk)

    run.refresh_from_db()
    assert run.status == "done" and run.processed == 10 and run.created == 10
    assert Copy.objects.count() == 10 and run.rows.count() == 10
    assert bytes(run.data) == b""


def test_a_running_import_with_a_live_worker_is_left_alone(user):
    Import.objects.create(owner=user, source="csv", status="running", heartbeat_at=timezone.now())

    call_command("resume_imports")

    assert not DBTaskResult.objects.exists()
