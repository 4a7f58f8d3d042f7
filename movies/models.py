import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

MIN_RELEASE_YEAR = 1870
MAX_RELEASE_YEAR = 2100
MAX_RUNTIME_MINUTES = 100_000


class Movie(models.Model):
    """A film in one person's collection."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="movies"
    )
    title = models.CharField(max_length=200)
    release_year = models.IntegerField(
        validators=[MinValueValidator(MIN_RELEASE_YEAR), MaxValueValidator(MAX_RELEASE_YEAR)]
    )
    overview = models.TextField(blank=True, default="")
    mpaa_rating = models.CharField(max_length=16, blank=True, default="")
    runtime_minutes = models.IntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_RUNTIME_MINUTES)],
    )
    image_link = models.URLField(max_length=500, blank=True, default="")
    tmdb_page_link = models.URLField(max_length=500, blank=True, default="")
    tmdb_id = models.IntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(2**31 - 1)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["owner", "title", "id"], name="movie_owner_title")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "tmdb_id"],
                condition=Q(tmdb_id__isnull=False),
                name="movie_unique_tmdb_id_per_owner",
                violation_error_message="This movie is already in your collection.",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="movie_title_not_blank"),
            models.CheckConstraint(
                condition=Q(release_year__gte=MIN_RELEASE_YEAR, release_year__lte=MAX_RELEASE_YEAR),
                name="movie_release_year_range",
            ),
            models.CheckConstraint(
                condition=Q(runtime_minutes__isnull=True)
                | Q(runtime_minutes__gte=0, runtime_minutes__lte=MAX_RUNTIME_MINUTES),
                name="movie_runtime_minutes_range",
            ),
            models.CheckConstraint(
                condition=Q(tmdb_id__isnull=True) | Q(tmdb_id__gte=1), name="movie_tmdb_id_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.release_year})"


class MovieCopy(models.Model):
    """One copy of a movie that its owner has: a disc on the shelf, a VOD on a service."""

    movie = models.ForeignKey(Movie, on_delete=models.CASCADE, related_name="copies")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="movie_copies"
    )
    platform = models.CharField(max_length=200)
    form = models.CharField(max_length=200)
    vod_link = models.URLField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["movie__title", "id"]
        verbose_name_plural = "movie copies"
        indexes = [models.Index(fields=["owner", "movie"], name="moviecopy_owner_movie")]
        constraints = [
            models.CheckConstraint(condition=~Q(platform=""), name="moviecopy_platform_not_blank"),
            models.CheckConstraint(condition=~Q(form=""), name="moviecopy_form_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.form} on {self.platform}"


class CollectionVersion(models.Model):
    """Changes, in the same transaction, with every write to its owner's movies or copies.

    The list endpoints use it as their ETag and as the key of the rendered list in the cache,
    so a list rendered before a write can never be served after it.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="collection_version",
    )
    token = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return f"{self.owner_id}: {self.token}"
