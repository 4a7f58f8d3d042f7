"""POST imports/, GET imports/ and imports/<id>, POST imports/<id>/cancel."""

import pytest
from django_tasks_db.models import DBTaskResult

from collection.models import Copy
from movies.models import Movie
from transfer.models import Import
from transfer.tests.helpers import csv_text, post_import, zipped

pytestmark = pytest.mark.django_db

SPHERE_CSV = csv_text(["kind", "title", "year", "medium"], ["movie", "Sphere", "1998", "dvd"])


def nothing_stored() -> bool:
    return not (Import.objects.exists() or DBTaskResult.objects.exists() or Copy.objects.exists())


def test_it_queues_an_import_and_answers_202_with_its_id(
    owner_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_import(owner_client, "csv", SPHERE_CSV, "mine.csv")

    assert response.status_code == 202
    body = response.json()
    assert (
        body["status"] == "queued" and body["dry_run"] is True and body["file_name"] == "mine.csv"
    )
    assert body["counts"] == {
        "total": 1, "created": 0, "updated": 0, "unchanged": 0, "unmatched": 0, "rejected": 0,
        "skipped": 0,
    }  # fmt: skip
    assert DBTaskResult.objects.get().args_kwargs == {"args": [body["id"]], "kwargs": {}}


def test_it_runs_the_import_and_reports_each_row(run_imports, user):
    report = run_imports("csv", SPHERE_CSV, dry_run=False)

    assert report["status"] == "done" and report["finished_at"]
    assert report["counts"]["created"] == 1
    [row] = report["rows"]
    assert row["row"] == 1 and row["status"] == "created"
    assert row["matched"]["title"] == "Sphere" and row["matched"]["id"] == Movie.objects.get().pk
    assert Copy.objects.get(owner=user).medium == "dvd"


def test_a_dry_run_changes_nothing(run_imports):
    report = run_imports("csv", SPHERE_CSV)

    assert report["counts"]["created"] == 1 and report["rows"][0]["matched"]["id"] is None
    assert not Movie.objects.exists() and not Copy.objects.exists()


def test_it_lists_the_requesters_imports_newest_first(owner_client, run_imports):
    first = run_imports("csv", SPHERE_CSV)
    second = run_imports("csv", SPHERE_CSV)

    listed = owner_client.get("/api/v1/imports").json()

    assert [i["id"] for i in listed] == [second["id"], first["id"]]
    assert "rows" not in listed[0]


def test_it_cancels_a_queued_import_and_the_job_then_does_nothing(owner_client, settings):
    queued = post_import(owner_client, "csv", SPHERE_CSV, dry_run=False).json()

    cancelled = owner_client.post(f"/api/v1/imports/{queued['id']}/cancel")
    from transfer.tasks import run_import

    run_import.call(queued["id"])

    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert Import.objects.get().status == "cancelled" and not Copy.objects.exists()


def test_a_finished_import_cannot_be_cancelled(owner_client, run_imports):
    done = run_imports("csv", SPHERE_CSV)

    response = owner_client.post(f"/api/v1/imports/{done['id']}/cancel")

    assert response.status_code == 409
    assert response.json() == {"detail": "This import is already done.", "code": "conflict"}


BOMB = zipped({"collection-movies.json": b"[" + b" " * 5000 + b"]"})
MANY = zipped({f"f{i}.json": b"[]" for i in range(12)})
CLIMBER = zipped({"../collection-movies.json": b"[]"})
HUGE_ROW = b"kind,title,year\nmovie," + b"x" * (10 * 1024 * 1024) + b",1998\n"


@pytest.mark.parametrize(
    ("source", "content", "problem"),
    [
        ("trakt", SPHERE_CSV, "A Trakt export is a zip archive; this file is not one."),
        ("trakt", b"PK\x03\x04 truncated", "The file is not a zip archive"),
        ("trakt", BOMB, "The zip uncompresses to more than 1000 bytes."),
        ("trakt", MANY, "The zip holds 12 entries; at most 10."),
        ("trakt", CLIMBER, "The zip member '../collection-movies.json' points outside"),
        ("csv", "kind,title,year\nmovie,Amélie,2001\n".encode("latin-1"), "is not UTF-8 text"),
        ("csv", "kind,title,year\n".encode("utf-16"), "The file is UTF-16; save it as UTF-8."),
        ("csv", b"kind,name\nmovie,Sphere\n", "The file lacks the required columns: title, year."),
        ("csv", HUGE_ROW, "Line 2 is longer than 65536 bytes."),
        ("mycoll", b'{"format": "other"}', "The file is not a MyColl export"),
        ("letterboxd", zipped({"ratings.csv": b"Name,Year,Letterboxd URI\n"}), "no watched.csv"),
    ],
)
def test_it_refuses_a_hostile_file_with_a_400_naming_the_problem(
    owner_client, settings, source, content, problem, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1000
    settings.IMPORT_MAX_ZIP_ENTRIES = 10

    with django_capture_on_commit_callbacks(execute=True):
        response = post_import(owner_client, source, content)

    assert response.status_code == 400
    [message] = response.json()["file"]
    assert message.startswith(problem) or problem in message, message
    assert nothing_stored()


def test_a_utf8_bom_is_fine(owner_client):
    response = post_import(owner_client, "csv", b"\xef\xbb\xbf" + SPHERE_CSV)

    assert response.status_code == 202


def test_a_file_over_the_size_limit_is_a_413(owner_client, settings):
    settings.IMPORT_MAX_FILE_BYTES = 40

    response = post_import(owner_client, "csv", SPHERE_CSV + b"movie,Alien,1979\n")

    assert response.status_code == 413
    assert response.json()["detail"] == "The file is larger than the limit of 40 bytes."
    assert nothing_stored()


def test_a_body_over_the_upload_limit_is_refused_before_it_is_read(owner_client, settings):
    settings.MAX_UPLOAD_BODY_BYTES = 100

    response = post_import(owner_client, "csv", SPHERE_CSV * 10)

    assert response.status_code == 413 and nothing_stored()


@pytest.mark.parametrize(
    ("data", "field"),
    [({"source": "netflix"}, "source"), ({"source": "csv"}, "file")],
)
def test_it_names_a_missing_or_bad_field(owner_client, data, field):
    response = owner_client.post("/api/v1/imports/", data, format="multipart")

    assert response.status_code == 400 and field in response.json()


def test_json_is_not_an_upload(owner_client):
    response = owner_client.post("/api/v1/imports/", {"source": "csv"}, format="json")

    assert response.status_code == 415


@pytest.mark.parametrize("method", ["get", "post"])
def test_nobody_reads_or_cancels_anothers_import(owner_client, other_client, method):
    theirs = post_import(other_client, "csv", SPHERE_CSV).json()["id"]
    suffix = "/cancel" if method == "post" else ""

    response = getattr(owner_client, method)(f"/api/v1/imports/{theirs}{suffix}")
    missing = getattr(owner_client, method)(f"/api/v1/imports/{10**9}{suffix}")

    assert response.status_code == missing.status_code == 404
    assert response.content == missing.content
    assert owner_client.get("/api/v1/imports/").json() == []
    assert Import.objects.get().status == "queued"


def test_an_outsider_gets_a_401(api_client):
    assert api_client.get("/api/v1/imports/").status_code == 401
    assert post_import(api_client, "csv", SPHERE_CSV).status_code == 401


def test_a_rejected_row_leaves_nothing_behind_for_the_rows_after_it(run_imports, user):
    rows = csv_text(
        ["kind", "title", "year", "copy_id", "barcode"],
        ["movie", "Sphere", "1998", "1", "4006381333931"],
        ["movie", "Sphere", "1998", "1", "123"],
        ["movie", "Alien", "1979", "2", "not a barcode"],
        ["movie", "Alien", "1979", "3", ""],
    )

    report = run_imports("csv", rows, dry_run=False)

    assert [r["status"] for r in report["rows"]] == ["created", "rejected", "rejected", "created"]
    assert "barcode" in report["rows"][1]["message"]
    assert Copy.objects.filter(movie__title="Sphere").get().barcode == "4006381333931"
    assert Movie.objects.filter(title="Alien").count() == 1
