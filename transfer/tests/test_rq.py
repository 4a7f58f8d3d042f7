"""With TASKS_BACKEND=rq, the same import job runs on an RQ worker over Redis (the machine's,
on 127.0.0.1:6379): queued by one process, applied by `manage.py rqworker` in another."""

import os
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings
from django.db import connection

from collection.models import Copy
from mycoll.tests.test_settings import run_python
from transfer.models import Import
from transfer.tests.helpers import csv_text
from transfer.tests.test_background import ROWS, goodreads_library

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = "redis://127.0.0.1:6379/13"  # a database of its own, emptied by the test
FILMS = csv_text(["kind", "title", "year"], *[["movie", f"Film {n}", 2001] for n in range(30)])
JOB_CLASS = "django_tasks_rq.backend.Job"  # the worker runs Django tasks, not bare functions
ENQUEUE = """
import django
django.setup()
from transfer.tasks import run_import
print(run_import.enqueue({pk}).id)
"""


def this_database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def rq_env():
    queue = redis.Redis.from_url(REDIS_URL)
    queue.flushdb()
    yield {"TASKS_BACKEND": "rq", "REDIS_URL": REDIS_URL, "DATABASE_URL": this_database_url()}
    queue.flushdb()


def test_an_import_runs_on_an_rq_worker(user, rq_env):
    run = Import.objects.create(owner=user, source="csv", dry_run=False, data=FILMS, total=30)

    queued = run_python(ENQUEUE.format(pk=run.pk), **rq_env)
    assert queued.returncode == 0, queued.stderr
    assert redis.Redis.from_url(REDIS_URL).llen("rq:queue:default") == 1
    worker = subprocess.run(
        [sys.executable, "manage.py", "rqworker", "--burst", "--job-class", JOB_CLASS, "default"],
        cwd=settings.BASE_DIR, env={**run_python_env(), **rq_env},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert worker.returncode == 0, worker.stderr
    run.refresh_from_db()
    assert run.status == "done" and run.created == 30, (run.error, worker.stderr)
    assert Copy.objects.filter(owner=user).count() == 30


def test_rq_needs_redis_url():
    result = run_python("import django; django.setup()", TASKS_BACKEND="rq", REDIS_URL="")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "MyColl refuses to start: TASKS_BACKEND=rq needs REDIS_URL."
    )


def run_python_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return {**env, "DJANGO_SETTINGS_MODULE": "mycoll.settings"}


def test_a_large_goodreads_import_shows_its_progress_on_an_rq_worker(user, rq_env):
    """The 5,000-row import of test_background, on RQ over Redis: progress is read from the
    database by another process while the worker applies the batches."""
    library = goodreads_library(ROWS)
    run = Import.objects.create(owner=user, source="goodreads", dry_run=False, data=library)
    queued = run_python(ENQUEUE.format(pk=run.pk), **rq_env)
    assert queued.returncode == 0, queued.stderr
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", "--burst", "--job-class", JOB_CLASS, "default"],
        cwd=settings.BASE_DIR, env={**run_python_env(), **rq_env, "IMPORT_BATCH_SIZE": "250"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    seen = []
    deadline = time.monotonic() + 240
    while worker.poll() is None and time.monotonic() < deadline:
        seen.append(Import.objects.filter(pk=run.pk).values_list("status", "created").get())
        time.sleep(0.1)
    output = worker.communicate(timeout=30)[0]

    run.refresh_from_db()
    assert worker.returncode == 0, output
    assert run.status == "done" and run.created == ROWS, (run.error, output[-2000:])
    midway = [created for status, created in seen if status == "running" and 0 < created < ROWS]
    assert midway and midway == sorted(midway), seen[:5]
