import pytest

from movies.models import Movie, MovieCopy
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db

VALID = {"title": "Sphere", "release_year": 1998}
# Every field TMDb could fill: with all of them, a tmdb_id never calls TMDb.
COMPLETE = {
    **VALID,
    "overview": "",
    "mpaa_rating": "",
    "runtime_minutes": None,
    "image_link": "",
    "tmdb_page_link": "",
}


def snapshot() -> list[tuple]:
    movies = list(Movie.objects.order_by("pk").values_list())
    return movies + list(MovieCopy.objects.order_by("pk").values_list())


# --- movies: each method -------------------------------------------------------------------


def test_it_creates_a_movie_with_only_the_required_fields(owner_client, user):
    response = owner_client.post("/api/v1/movies", VALID, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Sphere"
    assert body["overview"] == ""
    assert body["runtime_minutes"] is None
    assert body["tmdb_id"] is None
    assert body["created_at"] and body["updated_at"]
    assert Movie.objects.get().owner == user


def test_it_shows_a_movie_with_its_copies(owner_client, user):
    movie = make_movie(user, tmdb_id=10153)
    first, second = make_copy(movie), make_copy(movie, form="Blu-ray")

    response = owner_client.get(f"/api/v1/movies/{movie.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["tmdb_id"] == 10153
    assert [c["id"] for c in body["copies"]] == [first.pk, second.pk]
    assert set(body["copies"][0]) == {
        "id",
        "movie",
        "platform",
        "form",
        "vod_link",
        "created_at",
        "updated_at",
    }


def test_it_patches_one_field_of_a_movie(owner_client, user):
    movie = make_movie(user)

    response = owner_client.patch(f"/api/v1/movies/{movie.pk}", {"mpaa_rating": "R"}, format="json")

    assert response.status_code == 200
    movie.refresh_from_db()
    assert (movie.mpaa_rating, movie.title) == ("R", "Sphere")


def test_it_ignores_copies_sent_on_a_movie(owner_client, user):
    response = owner_client.post(
        "/api/v1/movies/", {**VALID, "copies": [{"platform": "x", "form": "y"}]}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["copies"] == []
    assert not MovieCopy.objects.exists()


def test_it_ignores_owner_id_and_timestamps_in_a_payload(owner_client, user, other_user):
    payload = {
        **VALID,
        "owner": other_user.pk,
        "id": 999,
        "created_at": "2000-01-01T00:00:00Z",
        "updated_at": "2000-01-01T00:00:00Z",
    }

    response = owner_client.post("/api/v1/movies/", payload, format="json")

    movie = Movie.objects.get()
    assert response.status_code == 201
    assert movie.owner == user
    assert movie.pk != 999
    assert movie.created_at.year > 2000


def test_it_ignores_a_new_owner_on_update(owner_client, user, other_user):
    movie = make_movie(user)

    owner_client.patch(f"/api/v1/movies/{movie.pk}", {"owner": other_user.pk}, format="json")

    movie.refresh_from_db()
    assert movie.owner == user


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "x" * 201, "Ensure this field has no more than 200 characters."),
        ("title", "", "This field may not be blank."),
        ("title", None, "This field may not be null."),
        ("release_year", 1869, "Ensure this value is greater than or equal to 1870."),
        ("release_year", 2101, "Ensure this value is less than or equal to 2100."),
        ("release_year", "nineteen", "A whole number is required."),
        ("release_year", 1998.5, "A whole number is required."),
        ("release_year", True, "A whole number is required."),
        ("release_year", "", "A whole number is required."),
        ("runtime_minutes", -1, "Ensure this value is greater than or equal to 0."),
        ("runtime_minutes", 10**12, "Ensure this value is less than or equal to 100000."),
        ("runtime_minutes", [], "A whole number is required."),
        ("mpaa_rating", "x" * 17, "Ensure this field has no more than 16 characters."),
        ("image_link", "not a url", "Enter a valid URL."),
        ("tmdb_page_link", "javascript:alert(1)", "Enter a valid URL."),
        ("tmdb_id", 0, "Ensure this value is greater than or equal to 1."),
        ("tmdb_id", "abc", "A whole number is required."),
        ("title", "nul\x00byte", "Null characters are not allowed."),
    ],
)
def test_it_rejects_a_bad_movie_field_and_names_it(owner_client, user, field, value, message):
    existing = make_movie(user, title="Kept")
    before = snapshot()

    created = owner_client.post("/api/v1/movies/", {**VALID, field: value}, format="json")
    updated = owner_client.put(
        f"/api/v1/movies/{existing.pk}", {**VALID, field: value}, format="json"
    )

    for response in (created, updated):
        assert response.status_code == 400
        assert response.json() == {field: [message]}
    assert snapshot() == before


@pytest.mark.parametrize("missing", ["title", "release_year"])
def test_it_requires_title_and_release_year(owner_client, missing):
    payload = {k: v for k, v in VALID.items() if k != missing}

    response = owner_client.post("/api/v1/movies/", payload, format="json")

    assert response.status_code == 400
    assert response.json() == {missing: ["This field is required."]}


@pytest.mark.parametrize("body", ["[]", '"a string"', "42", "null"])
def test_it_rejects_a_body_that_is_not_an_object(owner_client, body):
    response = owner_client.post("/api/v1/movies/", body, content_type="application/json")

    assert response.status_code == 400
    assert not Movie.objects.exists()


def test_it_accepts_an_empty_runtime_from_a_form_as_none(owner_client):
    response = owner_client.post("/api/v1/movies/", {**VALID, "runtime_minutes": ""}, format="json")

    assert response.status_code == 201
    assert response.json()["runtime_minutes"] is None


def test_it_rejects_a_tmdb_id_already_in_the_collection_naming_the_movie(owner_client, user):
    existing = make_movie(user, tmdb_id=603)

    response = owner_client.post("/api/v1/movies/", {**VALID, "tmdb_id": 603}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "tmdb_id": [f"This movie is already in your collection (movie id {existing.pk})."]
    }
    assert Movie.objects.count() == 1


def test_it_allows_the_same_tmdb_id_for_two_users(owner_client, other_user):
    make_movie(other_user, tmdb_id=603)

    response = owner_client.post("/api/v1/movies/", {**COMPLETE, "tmdb_id": 603}, format="json")

    assert response.status_code == 201


def test_it_keeps_its_own_tmdb_id_on_update(owner_client, user):
    movie = make_movie(user, tmdb_id=603)

    response = owner_client.put(
        f"/api/v1/movies/{movie.pk}", {**VALID, "tmdb_id": 603}, format="json"
    )

    assert response.status_code == 200


# --- copies ----------------------------------------------------------------------------------


def test_it_shows_updates_and_patches_a_copy(owner_client, user):
    movie = make_movie(user)
    copy = make_copy(movie)

    shown = owner_client.get(f"/api/v1/movies/copies/{copy.pk}")
    put = owner_client.put(
        f"/api/v1/movies/copies/{copy.pk}",
        {"movie": movie.pk, "platform": "Shelf", "form": "Blu-ray", "vod_link": ""},
        format="json",
    )
    patched = owner_client.patch(
        f"/api/v1/movies/copies/{copy.pk}/", {"platform": "Attic"}, format="json"
    )

    assert shown.status_code == 200
    assert shown.json()["movie"] == movie.pk
    assert put.status_code == 200
    assert patched.status_code == 200
    copy.refresh_from_db()
    assert (copy.form, copy.platform) == ("Blu-ray", "Attic")


def test_it_moves_a_copy_to_another_of_ones_own_movies(owner_client, user):
    copy = make_copy(make_movie(user))
    other_movie = make_movie(user, title="The Matrix", release_year=1999)

    response = owner_client.patch(
        f"/api/v1/movies/copies/{copy.pk}", {"movie": other_movie.pk}, format="json"
    )

    assert response.status_code == 200
    copy.refresh_from_db()
    assert copy.movie == other_movie


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("platform", "", "This field may not be blank."),
        ("form", "x" * 201, "Ensure this field has no more than 200 characters."),
        ("vod_link", "ftp//nope", "Enter a valid URL."),
        ("movie", "abc", "Incorrect type. Expected pk value, received str."),
        ("movie", 10**30, "Incorrect type. Expected pk value, received float."),
        ("movie", 2**62, f'Invalid pk "{2**62}" - object does not exist.'),
        ("movie", 1.5, "Incorrect type. Expected pk value, received float."),
        ("movie", True, "Incorrect type. Expected pk value, received bool."),
        ("movie", None, "This field may not be null."),
    ],
)
def test_it_rejects_a_bad_copy_field_and_names_it(owner_client, user, field, value, message):
    movie = make_movie(user)
    copy = make_copy(movie)
    before = snapshot()
    payload = {"movie": movie.pk, "platform": "Shelf", "form": "DVD", "vod_link": "", field: value}

    created = owner_client.post("/api/v1/movies/copies/", payload, format="json")
    updated = owner_client.put(f"/api/v1/movies/copies/{copy.pk}", payload, format="json")

    for response in (created, updated):
        assert response.status_code == 400
        assert response.json() == {field: [message]}
    assert snapshot() == before


@pytest.mark.parametrize("missing", ["movie", "platform", "form"])
def test_it_requires_a_copys_movie_platform_and_form(owner_client, user, missing):
    payload = {"movie": make_movie(user).pk, "platform": "Shelf", "form": "DVD"}
    del payload[missing]

    response = owner_client.post("/api/v1/movies/copies/", payload, format="json")

    assert response.status_code == 400
    assert response.json() == {missing: ["This field is required."]}


# --- listing: order, pagination, filters ----------------------------------------------------


def titles(response) -> list[str]:
    body = response.json()
    return [m["title"] for m in (body["results"] if isinstance(body, dict) else body)]


def test_it_lists_movies_by_title_then_id(owner_client, user):
    for title in ["Zodiac", "Alien", "Memento", "Alien"]:
        make_movie(user, title=title)

    response = owner_client.get("/api/v1/movies/")

    assert titles(response) == ["Alien", "Alien", "Memento", "Zodiac"]
    ids = [m["id"] for m in response.json()[:2]]
    assert ids == sorted(ids)


def test_it_lists_copies_by_movie_title_then_id(owner_client, user):
    zodiac, alien = make_movie(user, title="Zodiac"), make_movie(user, title="Alien")
    z1, a1, a2 = make_copy(zodiac), make_copy(alien), make_copy(alien)

    response = owner_client.get("/api/v1/movies/copies")

    assert [c["id"] for c in response.json()] == [a1.pk, a2.pk, z1.pk]


def test_it_pages_on_request(owner_client, user):
    for n in range(5):
        make_movie(user, title=f"Movie {n}")

    response = owner_client.get("/api/v1/movies/?limit=2&offset=2")

    body = response.json()
    assert body["count"] == 5
    assert titles(response) == ["Movie 2", "Movie 3"]
    assert "offset=4" in body["next"]
    assert body["previous"] is not None


def test_it_caps_the_page_size(owner_client, user):
    for n in range(3):
        make_movie(user, title=f"Movie {n}")

    response = owner_client.get("/api/v1/movies/?limit=100000")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=-1", "limit=abc", "offset=-5", "limit=2&offset=x", "limit=1e3"]
)
def test_it_rejects_a_bad_page_parameter(owner_client, query):
    response = owner_client.get(f"/api/v1/movies/?{query}")
    copies = owner_client.get(f"/api/v1/movies/copies/?{query}")

    assert response.status_code == 400
    assert copies.status_code == 400
    assert set(response.json()) <= {"limit", "offset"}


def test_it_pages_copies_on_request(owner_client, user):
    movie = make_movie(user)
    copies = [make_copy(movie) for _ in range(3)]

    response = owner_client.get("/api/v1/movies/copies/?limit=2")

    assert response.json()["count"] == 3
    assert [c["id"] for c in response.json()["results"]] == [c.pk for c in copies[:2]]


def test_it_searches_titles_case_insensitively(owner_client, user):
    make_movie(user, title="The Matrix")
    make_movie(user, title="Matrix Reloaded")
    make_movie(user, title="Sphere")

    response = owner_client.get("/api/v1/movies/?search=MATRIX")

    assert titles(response) == ["Matrix Reloaded", "The Matrix"]


def test_it_filters_movies_by_release_year(owner_client, user):
    make_movie(user, title="Sphere", release_year=1998)
    make_movie(user, title="The Matrix", release_year=1999)

    response = owner_client.get("/api/v1/movies/?release_year=1999")

    assert titles(response) == ["The Matrix"]


@pytest.mark.parametrize(
    ("query", "expected"), [("form=dvd", ["Sphere"]), ("platform=PRIME VIDEO", ["The Matrix"])]
)
def test_it_filters_movies_by_a_copys_form_or_platform(owner_client, user, query, expected):
    sphere, matrix = make_movie(user, title="Sphere"), make_movie(user, title="The Matrix")
    make_copy(sphere, form="DVD")
    make_copy(sphere, form="DVD", platform="Attic")
    make_copy(matrix, form="VOD", platform="Prime Video")

    response = owner_client.get(f"/api/v1/movies/?{query}")

    assert titles(response) == expected


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("release_year", ["B", "A", "C"]),
        ("-release_year", ["C", "A", "B"]),
        ("runtime_minutes", ["C", "B", "A"]),
        ("-title", ["C", "B", "A"]),
        ("created_at", ["A", "B", "C"]),
    ],
)
def test_it_orders_movies_on_request(owner_client, user, ordering, expected):
    make_movie(user, title="A", release_year=1990, runtime_minutes=120)
    make_movie(user, title="B", release_year=1980, runtime_minutes=100)
    make_movie(user, title="C", release_year=2000, runtime_minutes=80)

    response = owner_client.get(f"/api/v1/movies/?ordering={ordering}")

    assert titles(response) == expected


@pytest.mark.parametrize(
    "query", ["ordering=owner", "ordering=password", "release_year=abc", "ordering="]
)
def test_it_rejects_a_bad_filter_or_ordering(owner_client, query):
    response = owner_client.get(f"/api/v1/movies/?{query}")

    assert response.status_code == 400
    assert set(response.json()) & {"ordering", "release_year"}


def test_it_filters_copies_by_movie_form_and_platform(owner_client, user):
    sphere, matrix = make_movie(user, title="Sphere"), make_movie(user, title="The Matrix")
    dvd = make_copy(sphere, form="DVD")
    vod = make_copy(sphere, form="VOD", platform="Prime Video")
    other = make_copy(matrix, form="DVD")

    by_movie = owner_client.get(f"/api/v1/movies/copies/?movie={sphere.pk}")
    by_form = owner_client.get("/api/v1/movies/copies/?form=dvd")
    by_platform = owner_client.get("/api/v1/movies/copies/?platform=prime video")

    assert [c["id"] for c in by_movie.json()] == [dvd.pk, vod.pk]
    assert [c["id"] for c in by_form.json()] == [dvd.pk, other.pk]
    assert [c["id"] for c in by_platform.json()] == [vod.pk]


@pytest.mark.parametrize(
    "path", ["/api/v1/movies/abc", "/api/v1/movies/copies/1.5", "/api/v1/movies/" + "9" * 30]
)
def test_it_answers_a_malformed_id_with_a_json_404(owner_client, path):
    response = owner_client.get(path)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/movies/copies/?movie=1.5", "movie"),
        (f"/api/v1/movies/copies/?movie={2**63}", "movie"),
        ("/api/v1/movies/copies/?movie=abc", "movie"),
        ("/api/v1/movies/?release_year=1998.5", "release_year"),
        (f"/api/v1/movies/?release_year={2**64}", "release_year"),
    ],
)
def test_it_rejects_a_number_filter_that_is_not_a_whole_number_in_range(owner_client, path, field):
    response = owner_client.get(path)

    assert response.status_code == 400
    assert list(response.json()) == [field]
