"""GET /api/v1/export and manage.py export_collection."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from collection.tests.factories import make_loan, make_location
from movies.tests.factories import make_collection, make_copy, make_movie
from transfer.export import CSV_COLUMNS, spreadsheet_safe

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    assert response.streaming
    return b"".join(response.streaming_content)


@pytest.fixture
def collection(user):
    sphere = make_movie(user, title="Sphere", tmdb_id=10153)
    shelf = make_location(user, "Shelf", parent=make_location(user, "Living room"))
    copy = make_copy(
        sphere, medium="dvd", price="9.5", currency="EUR", location=shelf, extra={"signed": True}
    )
    make_loan(copy, due_on="2026-02-01")
    make_movie(user, title="Alien", release_year=1979)
    return {"sphere": sphere, "copy": copy, "shelf": shelf}


def test_it_exports_everything_as_one_json_document(owner_client, collection):
    response = owner_client.get("/api/v1/export", {"format": "json"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="mycoll-')
    document = json.loads(body(response))
    assert list(document) == ["format", "version", "movies", "shows", "books", "locations", "loans"]
    assert (document["format"], document["version"]) == ("mycoll", 1)
    sphere = next(m for m in document["movies"] if m["title"] == "Sphere")
    assert sphere["tmdb_id"] == 10153 and sphere["id"] == collection["sphere"].pk
    [copy] = sphere["copies"]
    assert copy["price"] == "9.50" and copy["extra"] == {"signed": True}
    assert copy["location"] == collection["shelf"].pk and copy["medium"] == "dvd"
    assert [m["copies"] for m in document["movies"] if m["title"] == "Alien"] == [[]]
    assert [loc["name"] for loc in document["locations"]] == ["Living room", "Shelf"]
    assert document["loans"][0]["copy"] == copy["id"]
    assert document["loans"][0]["due_on"] == "2026-02-01"


def test_it_exports_one_csv_row_per_copy(owner_client, collection):
    response = owner_client.get("/api/v1/export?format=csv")

    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    assert list(rows[0]) == list(CSV_COLUMNS)
    [row] = rows
    assert (row["kind"], row["title"], row["year"], row["tmdb_id"]) == (
        "movie",
        "Sphere",
        "1998",
        "10153",
    )
    assert row["location"] == "Living room > Shelf" and row["extra"] == '{"signed":true}'
    assert row["copy_id"] == str(collection["copy"].pk) and row["is_3d"] == "false"


def test_it_exports_the_movies_in_letterboxds_columns(owner_client, collection):
    response = owner_client.get("/api/v1/export?format=letterboxd")

    lines = body(response).decode().splitlines()
    assert lines == ["tmdbID,imdbID,Title,Year", ",,Alien,1979", "10153,,Sphere,1998"]


@pytest.mark.parametrize("cell", ["=HYPERLINK(1)", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=x"])
def test_it_escapes_cells_a_spreadsheet_would_run(owner_client, user, cell):
    make_copy(make_movie(user, title=cell), notes=cell)

    rows = list(
        csv.reader(
            io.StringIO(body(owner_client.get("/api/v1/export?format=csv")).decode(), newline="")
        )
    )

    assert rows[1][1] == "'" + cell and rows[1][CSV_COLUMNS.index("notes")] == "'" + cell
    assert spreadsheet_safe("Sphere") == "Sphere" and spreadsheet_safe(None) == ""


def test_it_refuses_an_unknown_format_with_a_400_naming_it(owner_client):
    response = owner_client.get("/api/v1/export?format=xml")

    assert response.status_code == 400
    assert response.json() == {"format": ["One of json, csv, letterboxd."]}


@pytest.mark.parametrize("fmt", ["json", "csv", "letterboxd"])
def test_it_exports_nothing_of_anyone_else(owner_client, other_user, user, fmt):
    theirs = make_movie(other_user, title="Theirs", tmdb_id=99)
    make_copy(theirs, notes="their secret")
    make_location(other_user, "Their attic")

    exported = body(owner_client.get("/api/v1/export", {"format": fmt}))

    assert b"Theirs" not in exported and b"secret" not in exported and b"attic" not in exported


def test_it_needs_a_token(api_client):
    assert api_client.get("/api/v1/export").status_code == 401


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fmt", ["json", "csv", "letterboxd"])
def test_it_exports_in_constant_queries(owner_client, user, fmt, django_assert_num_queries):
    def queries(size: int) -> int:
        make_collection(user, movies=size, copies=2)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            body(owner_client.get("/api/v1/export", {"format": fmt}))
        return len(captured)

    assert queries(3) == queries(300)


def test_the_command_writes_the_same_export(user, collection, tmp_path):
    target = tmp_path / "export.json"

    call_command(
        "export_collection", "--user", user.username, "--format", "json", "--output", str(target)
    )

    document = json.loads(target.read_text())
    assert [m["title"] for m in document["movies"]] == ["Sphere", "Alien"]
