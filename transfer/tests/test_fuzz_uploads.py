"""Generated uploads to POST imports/: never a 5xx, always JSON, and a refused upload stores
and queues nothing."""

import pytest
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transfer.models import Import
from transfer.tests.helpers import csv_text, upload, zipped

pytestmark = pytest.mark.django_db

HEADERS = [
    ["kind", "title", "year", "medium", "price", "currency", "barcode", "extra", "copy_id"],
    ["Title", "Author", "ISBN", "ISBN13", "Owned Copies", "Binding", "Book Id"],
    ["Name", "Year", "Letterboxd URI"],
    ["Title", "Year", "Format", "Quantity", "Purchase Price", "Collection Status", "Barcode"],
    ["item_type", "title", "ean_isbn13", "upc_isbn10", "copies", "publish_date"],
]
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["movie", "book", "1998", '="9780345391803"', "=1+1", "€ 12,99", "-1", ""]),
)
csv_files = st.builds(
    lambda header, rows: csv_text(header, *rows),
    st.sampled_from(HEADERS),
    st.lists(st.lists(cells, max_size=10), max_size=5),
)
json_files = st.sampled_from(
    [b'{"format": "mycoll", "version": 1, "movies": [{"title": "x", "copies": [{}]}]}',
     b'{"format": "mycoll", "version": 1, "movies": [1]}', b"[]", b"{", b'[{"movie": null}]']
)  # fmt: skip
zip_files = st.builds(
    zipped,
    st.dictionaries(
        st.sampled_from(["collection-movies.json", "collection-shows.json", "watched.csv", "x"]),
        st.one_of(json_files, csv_files, st.binary(max_size=40)),
        max_size=3,
    ),
)
files = st.one_of(csv_files, json_files, zip_files, st.binary(max_size=200))
sources = st.sampled_from(
    ["mycoll", "csv", "letterboxd", "goodreads", "clz", "libib", "trakt", "", "x"]
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(source=sources, content=files, dry_run=st.sampled_from(["true", "false", "maybe", None]))
def test_no_generated_upload_gets_a_5xx_or_stores_anything_when_refused(
    owner_client, source, content, dry_run
):
    before = Import.objects.count(), DBTaskResult.objects.count()
    data = {"source": source, "file": upload(content)}
    if dry_run is not None:
        data["dry_run"] = dry_run

    response = owner_client.post("/api/v1/imports/", data, format="multipart")

    assert response.status_code in {202, 400}, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    if response.status_code == 400:
        assert (Import.objects.count(), DBTaskResult.objects.count()) == before
        assert set(body) <= {"source", "file", "dry_run"}, body
