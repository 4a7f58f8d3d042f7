"""copies/: every copy with every detail, of any kind of title."""

from datetime import date

import pytest

from collection.models import Copy
from collection.tests.scenarios import RICH
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db

PATH = "/api/v1/copies/"


@pytest.fixture
def movie(user):
    return make_movie(user, title="Sphere", release_year=1998)


def post(client, body):
    return client.post(PATH, body, format="json")


def test_it_records_a_copy_with_every_detail_and_answers_it_whole(owner_client, movie):
    response = post(owner_client, {"movie": movie.pk, **RICH, "price": 24.9, "currency": "eur"})

    assert response.status_code == 201
    body = response.json()
    copy = Copy.objects.get()
    assert list(body) == [
        "id", "kind", "movie", "show", "book", "season", "title", "platform", "form", "vod_link",
        "medium", "resolution", "hdr", "audio", "audio_channels", "is_3d", "region", "edition",
        "disc_count", "barcode", "condition", "acquired_on", "price", "currency", "store",
        "digital_platform", "notes", "extra", "location", "loan", "created_at", "updated_at",
    ]  # fmt: skip
    assert body["id"] == copy.pk and body["kind"] == "movie" and body["movie"] == movie.pk
    assert body["title"] == {"title": "Sphere", "year": 1998}
    assert body["price"] == "24.90" and body["currency"] == "EUR"
    assert body["extra"] == RICH["extra"] and body["acquired_on"] == "2024-03-09"
    assert owner_client.get(f"{PATH}{copy.pk}").json() == body
    assert owner_client.get(PATH).json() == [body]


def test_a_copy_may_be_just_a_medium_and_takes_its_medium_from_a_form(owner_client, movie):
    bare = post(owner_client, {"movie": movie.pk, "medium": "vhs"})
    formed = post(owner_client, {"movie": movie.pk, "form": "Blu-ray", "platform": "Shelf"})

    assert bare.status_code == 201 and bare.json()["platform"] == "" and bare.json()["form"] == ""
    assert formed.json()["medium"] == "bluray"


@pytest.mark.parametrize(
    ("barcode", "stored"),
    [("4006381333931", "4006381333931"), ("4006-3813 33931", "4006381333931"),
     ("036000291452", "036000291452"), ("9638-5074", "96385074")],
)  # fmt: skip
def test_it_keeps_a_barcodes_digits(owner_client, movie, barcode, stored):
    response = post(owner_client, {"movie": movie.pk, "barcode": barcode})

    assert response.status_code == 201
    assert response.json()["barcode"] == stored


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("medium", "laserdisk"),
        ("resolution", "8k"),
        ("hdr", "hdr11"),
        ("audio", "dolby"),
        ("audio_channels", "5.2"),
        ("condition", "mint"),
        ("disc_count", 0),
        ("disc_count", 501),
        ("disc_count", 1.5),
        ("barcode", "4006381333932"),
        ("barcode", "40063813339x1"),
        ("barcode", "12345678901231"),
        ("barcode", "1234567"),
        ("price", "-1.00"),
        ("price", "1.999"),
        ("price", "lots"),
        ("currency", "XYZ"),
        ("acquired_on", "2024-02-30"),
        ("region", "x" * 17),
        ("edition", "x" * 201),
        ("store", "x" * 201),
        ("digital_platform", "x" * 101),
        ("extra", ["not", "an", "object"]),
        ("extra", {"nested": {"a": 1}}),
        ("extra", {"none": None}),
        ("extra", {"long": "x" * 501}),
        ("extra", {f"k{i}": i for i in range(51)}),
        ("extra", {"": "nameless"}),
        ("vod_link", "not a link"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_field_and_stores_nothing(
    owner_client, movie, field, value
):
    response = post(owner_client, {"movie": movie.pk, "currency": "EUR", field: value})

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Copy.objects.exists()


def test_a_price_needs_a_currency_and_a_copy_needs_its_title(owner_client, movie):
    priced = post(owner_client, {"movie": movie.pk, "price": "5.00"})
    titleless = post(owner_client, {"medium": "dvd"})

    assert priced.status_code == 400 and list(priced.json()) == ["currency"]
    assert titleless.status_code == 400 and list(titleless.json()) == ["movie"]
    assert not Copy.objects.exists()


def test_another_users_movie_is_refused_like_a_missing_one(owner_client, other_user):
    theirs = make_movie(other_user)

    their_movie = post(owner_client, {"movie": theirs.pk})
    missing = post(owner_client, {"movie": 10**9})

    assert their_movie.status_code == missing.status_code == 400
    assert their_movie.json()["movie"] == [f'Invalid pk "{theirs.pk}" - object does not exist.']
    assert missing.json()["movie"] == [f'Invalid pk "{10**9}" - object does not exist.']


def test_it_changes_and_removes_a_copy(owner_client, movie):
    copy = make_copy(movie, medium="dvd")
    path = f"{PATH}{copy.pk}"

    patched = owner_client.patch(path, {"price": "9.50", "currency": "USD"}, format="json")
    cleared = owner_client.patch(path, {"currency": ""}, format="json")
    replaced = owner_client.put(path, {"movie": movie.pk, "medium": "bluray"}, format="json")
    deleted = owner_client.delete(path)

    assert patched.status_code == 200 and patched.json()["price"] == "9.50"
    assert cleared.status_code == 400 and list(cleared.json()) == ["currency"]
    assert replaced.json()["medium"] == "bluray" and replaced.json()["price"] == "9.50"
    assert replaced.json()["platform"] == "Shelf"  # PUT leaves an omitted optional field alone
    assert deleted.status_code == 204 and not Copy.objects.exists()


@pytest.fixture
def shelf(user):
    alien = make_movie(user, title="Alien", release_year=1979)
    sphere = make_movie(user, title="Sphere", release_year=1998)
    return {
        "alien_4k": make_copy(
            alien, medium="uhd_bluray", resolution="uhd_4k", hdr="hdr10", platform="Shelf",
            condition="new", acquired_on=date(2024, 1, 1), price="30.00", currency="EUR",
        ),
        "alien_vod": make_copy(
            alien, medium="digital", platform="Prime Video", acquired_on=date(2023, 6, 1),
            price="4.00", currency="USD",
        ),
        "sphere_dvd": make_copy(
            sphere, medium="dvd", resolution="sd_576i", condition="good",
            barcode="4006381333931", acquired_on=date(2024, 1, 2),
        ),
    }  # fmt: skip


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [copy["id"] for copy in response.json()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "movie"}, ["alien_4k", "alien_vod", "sphere_dvd"]),
        ({"medium": "dvd"}, ["sphere_dvd"]),
        ({"resolution": "uhd_4k"}, ["alien_4k"]),
        ({"hdr": "hdr10"}, ["alien_4k"]),
        ({"platform": "prime video"}, ["alien_vod"]),
        ({"condition": "good"}, ["sphere_dvd"]),
        ({"barcode": "4006-381-333-931"}, ["sphere_dvd"]),
        ({"acquired_after": "2024-01-01"}, ["alien_4k", "sphere_dvd"]),
        ({"acquired_before": "2024-01-01"}, ["alien_4k", "alien_vod"]),
        ({"ordering": "-acquired_on"}, ["sphere_dvd", "alien_4k", "alien_vod"]),
        ({"ordering": "medium"}, ["alien_vod", "sphere_dvd", "alien_4k"]),
        ({"ordering": "-title,acquired_on"}, ["sphere_dvd", "alien_vod", "alien_4k"]),
        ({"ordering": "-price", "acquired_before": "2024-01-01"}, ["alien_4k", "alien_vod"]),
        ({"ordering": "price", "acquired_before": "2024-01-01"}, ["alien_vod", "alien_4k"]),
        ({"ordering": "created_at"}, ["alien_4k", "alien_vod", "sphere_dvd"]),
    ],
)
def test_it_filters_and_sorts(owner_client, shelf, query, expected):
    assert ids(owner_client.get(PATH, query)) == [shelf[name].pk for name in expected]


@pytest.mark.parametrize(
    ("name", "value"),
    [("kind", "song"), ("medium", "dvdx"), ("resolution", "8k"), ("hdr", "x"),
     ("condition", "mint"), ("barcode", "123"), ("acquired_after", "yesterday"),
     ("acquired_before", "2024-13-01"), ("ordering", "owner"), ("limit", "0")],
)  # fmt: skip
def test_a_bad_filter_is_a_400_naming_it(owner_client, shelf, name, value):
    response = owner_client.get(PATH, {name: value})

    assert response.status_code == 400
    assert list(response.json()) == [name]


def test_it_pages_on_request_only(owner_client, shelf):
    page = owner_client.get(PATH, {"limit": 2}).json()

    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    assert isinstance(owner_client.get(PATH).json(), list)


def test_it_looks_copies_up_by_barcode(owner_client, shelf, other_user):
    make_copy(make_movie(other_user), barcode="4006381333931")

    found = owner_client.get(f"{PATH}lookup", {"barcode": "4006 3813 33931"})
    none = owner_client.get(f"{PATH}lookup/", {"barcode": "96385074"})
    bad = owner_client.get(f"{PATH}lookup", {"barcode": "4006381333932"})
    absent = owner_client.get(f"{PATH}lookup")

    assert ids(found) == [shelf["sphere_dvd"].pk]
    assert found.json()[0] == owner_client.get(f"{PATH}{shelf['sphere_dvd'].pk}").json()
    assert ids(none) == []
    assert bad.status_code == absent.status_code == 400
    assert list(bad.json()) == list(absent.json()) == ["barcode"]


def test_an_unchanged_list_answers_304_and_a_write_changes_it(owner_client, shelf):
    first = owner_client.get(PATH)
    unchanged = owner_client.get(PATH, HTTP_IF_NONE_MATCH=first["ETag"])
    owner_client.patch(f"{PATH}{shelf['alien_vod'].pk}", {"notes": "gift"}, format="json")
    changed = owner_client.get(PATH, HTTP_IF_NONE_MATCH=first["ETag"])

    assert unchanged.status_code == 304
    assert changed.status_code == 200 and b"gift" in changed.content
