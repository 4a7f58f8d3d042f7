from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from collection.models import Copy

MIN_RELEASE_YEAR = 1870
MAX_RELEASE_YEAR = 2100
MAX_RUNTIME_MINUTES = 100_000
MAX_TMDB_ID = 2**31 - 1

# A movie's fields, in the order the API shows them (`copies` comes before the timestamps).
MOVIE_FIELDS = (
    "id",
    "title",
    "overview",
    "release_year",
    "mpaa_rating",
    "runtime_minutes",
    "image_link",
    "tmdb_page_link",
    "tmdb_id",
    "created_at",
    "updated_at",
)


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
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_TMDB_ID)]
    )
    # TMDb's collection of the film ("The Matrix Collection"): known once asked (checked).
    tmdb_collection_id = models.PositiveIntegerField(null=True, blank=True)
    tmdb_collection_checked = models.BooleanField(default=False)
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


class MovieCopyManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(movie__isnull=False)


class MovieCopy(Copy):
    """The copies of movies, as the legacy endpoints (`movies/copies/`) and the admin show
    them: rows of the one copy table (collection.models.Copy)."""

    objects = MovieCopyManager()

    class Meta:
        proxy = True
        ordering = ["movie__title", "id"]
        verbose_name_plural = "movie copies"
