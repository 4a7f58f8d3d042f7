"""The mycoll source: an export imported into another account exports the same."""

import json

import pytest

from books.tests.factories import make_book, make_book_copy
from collection.models import Copy
from collection.tests.factories import make_loan, make_location
from movies.tests.factories import make_copy, make_movie
from transfer.export import json_document
from tv.tests.factories import make_season, make_season_copy, make_series_copy, make_show

pytestmark = pytest.mark.django_db

IDS = {"id", "created_at", "updated_at", "copy", "location", "parent", "season"}


def comparable(document: dict) -> dict:
    """The document without ids and timestamps: locations by path, loans inside copies."""
    paths = {}
    for place in document["locations"]:
        parent = paths.get(place["parent"])
        paths[place["id"]] = f"{parent} > {place['name']}" if parent else place["name"]
    loans = {}
    for loan in document["loans"]:
        loans.setdefault(loan["copy"], []).append({k: v for k, v in loan.items() if k not in IDS})

    def copy(c: dict) -> dict:
        shaped = {k: v for k, v in c.items() if k not in IDS}
        return {**shaped, "location": paths.get(c["location"]), "loans": loans.get(c["id"], [])}

    def title(t: dict) -> dict:
        numbers = {s["id"]: s["season_number"] for s in t.get("seasons", [])}
        seasons = [{k: v for k, v in s.items() if k not in IDS} for s in t.get("seasons", [])]
        shaped = {k: v for k, v in t.items() if k not in IDS and k not in ("copies", "seasons")}
        copies = [{**copy(c), "season": numbers.get(c.get("season"))} for c in t["copies"]]
        return {**shaped, "seasons": seasons, "copies": copies}

    sections = ("movies", "shows", "books")
    return {
        "head": (document["format"], document["version"]),
        **{s: sorted((title(t) for t in document[s]), key=json.dumps) for s in sections},
        "locations": sorted((paths[p["id"]], p["kind"], p["notes"]) for p in document["locations"]),
    }


def exported(owner) -> dict:
    return json.loads(b"".join(json_document(owner)))


@pytest.fixture
def rich_collection(user):
    room = make_location(user, "Living room", kind="room", notes="North wall")
    shelf = make_location(user, "Shelf 2", parent=room, kind="shelf")
    make_location(user, "Empty box", kind="box")
    sphere = make_movie(user, title="Sphere", tmdb_id=10153, image_link="https://x.test/a.jpg")
    disc = make_copy(
        sphere, medium="uhd_bluray", resolution="uhd_4k", hdr="dolby_vision", audio="dts_x",
        audio_channels="7.1.4", is_3d=True, region="B", edition="Steelbook", disc_count=2,
        barcode="4006381333931", condition="like_new", acquired_on="2024-03-09", price="24.99",
        currency="EUR", store="Fnac", digital_platform="", notes="=not a formula",
        extra={"signed": True, "row": 3}, location=shelf,
    )  # fmt: skip
    make_copy(sphere, form="VOD", platform="Prime Video", vod_link="https://prime.test/x")
    make_loan(disc, borrower="Grace", due_on="2026-02-01", notes="careful")
    make_movie(user, title="Alien", release_year=1979)
    show = make_show(user, tmdb_id=1396, tvdb_id=81189, imdb_id="tt0903747")
    first, _ = make_season(show, 1), make_season(show, 2, overview="No copy of this one.")
    make_season_copy(first, medium="bluray", location=room)
    make_series_copy(show, medium="dvd", disc_count=21)
    book = make_book(user, subtitle="A primer", categories=["Science"], page_count=320)
    make_book_copy(book, condition="good", price="12.00", currency="GBP")
    make_book(user, title="No ISBN", isbn_13="", authors=["Anonymous"], published_date="")
    return user


def test_the_round_trip_is_exact(rich_collection, other_user, other_client, run_imports):
    before = exported(rich_collection)

    report = run_imports("mycoll", json.dumps(before).encode(), client=other_client, dry_run=False)

    assert report["status"] == "done", report
    assert report["counts"]["rejected"] == 0, report["rows"]
    assert comparable(exported(other_user)) == comparable(before)


def test_a_second_import_changes_nothing(rich_collection, other_user, other_client, run_imports):
    document = json.dumps(exported(rich_collection)).encode()
    run_imports("mycoll", document, client=other_client, dry_run=False)
    first = exported(other_user)

    again = run_imports("mycoll", document, client=other_client, dry_run=False)

    assert again["counts"]["unchanged"] == again["counts"]["total"] == 8, again["rows"]
    assert exported(other_user) == first


def test_a_dry_run_stores_nothing_and_reports_what_a_run_would(
    rich_collection, other_user, other_client, run_imports
):
    document = json.dumps(exported(rich_collection)).encode()

    dry = run_imports("mycoll", document, client=other_client)
    real = run_imports("mycoll", document, client=other_client, dry_run=False)

    assert dry["dry_run"] is True and dry["status"] == "done"
    assert [r["status"] for r in dry["rows"]] == [r["status"] for r in real["rows"]]
    assert dry["counts"] == real["counts"]


def test_mycolls_csv_comes_back_as_it_went_out(
    owner_client, user, other_user, other_client, run_imports
):
    make_copy(
        make_movie(user, tmdb_id=10153),
        medium="dvd",
        notes="=SUM(A1)",
        price="9.50",
        currency="EUR",
        extra={"signed": True},
        acquired_on="2024-03-09",
    )
    exported = b"".join(owner_client.get("/api/v1/export?format=csv").streaming_content)

    report = run_imports("csv", exported, client=other_client, dry_run=False)
    again = run_imports("csv", exported, client=other_client, dry_run=False)

    assert report["counts"]["created"] == 1 and again["counts"]["unchanged"] == 1
    copy = Copy.objects.get(owner=other_user)
    assert (copy.notes, str(copy.price), copy.extra, str(copy.acquired_on)) == (
        "=SUM(A1)",
        "9.50",
        {"signed": True},
        "2024-03-09",
    )
    assert copy.movie.tmdb_id == 10153
