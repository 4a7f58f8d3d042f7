from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from collection.models import Copy

MIN_YEAR = 1920
MAX_YEAR = 2100
MAX_SEASON_NUMBER = 9999  # some daily shows number their seasons by year
MAX_EPISODES = 100_000
MAX_TMDB_ID = 2**31 - 1
MAX_NETWORKS = 50

# A show's fields, in the order the API shows them (`seasons` and `series_copies` come before
# the timestamps).
SHOW_FIELDS = (
    "id",
    "title",
    "original_title",
    "year_first_aired",
    "last_air_year",
    "overview",
    "status",
    "in_production",
    "tv_rating",
    "number_of_seasons",
    "number_of_episodes",
    "networks",
    "image_link",
    "tmdb_page_link",
    "tmdb_id",
    "imdb_id",
    "tvdb_id",
    "created_at",
    "updated_at",
)
# A season's fields, likewise (`season_copies` comes before the timestamps).
SEASON_FIELDS = (
    "id",
    "show",
    "title",
    "season_number",
    "episode_count",
    "year_first_aired",
    "air_date",
    "overview",
    "image_link",
    "tmdb_page_link",
    "created_at",
    "updated_at",
)


def _year_field(**kwargs) -> models.IntegerField:
    validators = [MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    return models.IntegerField(null=True, blank=True, validators=validators, **kwargs)


def _count_field(maximum: int) -> models.PositiveIntegerField:
    validators = [MaxValueValidator(maximum)]
    return models.PositiveIntegerField(null=True, blank=True, validators=validators)


def _in_range(field: str, low: int, high: int) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high})


class Show(models.Model):
    """A TV show in one person's collection, with its seasons."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shows"
    )
    title = models.CharField(max_length=200)
    original_title = models.CharField(max_length=200, blank=True, default="")
    year_first_aired = _year_field()
    last_air_year = _year_field()
    overview = models.TextField(blank=True, default="")
    status = models.CharField(max_length=64, blank=True, default="")
    in_production = models.BooleanField(null=True, blank=True)
    tv_rating = models.CharField(max_length=16, blank=True, default="")
    number_of_seasons = _count_field(MAX_SEASON_NUMBER)
    number_of_episodes = _count_field(MAX_EPISODES)
    networks = models.JSONField(default=list, blank=True)
    image_link = models.URLField(max_length=500, blank=True, default="")
    tmdb_page_link = models.URLField(max_length=500, blank=True, default="")
    tmdb_id = models.IntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_TMDB_ID)]
    )
    imdb_id = models.CharField(max_length=16, blank=True, default="")
    tvdb_id = models.IntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_TMDB_ID)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["owner", "title", "id"], name="show_owner_title")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "tmdb_id"],
                condition=Q(tmdb_id__isnull=False),
                name="show_unique_tmdb_id_per_owner",
                violation_error_message="This show is already in your collection.",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="show_title_not_blank"),
            models.CheckConstraint(
                condition=_in_range("year_first_aired", MIN_YEAR, MAX_YEAR),
                name="show_year_first_aired_range",
            ),
            models.CheckConstraint(
                condition=_in_range("last_air_year", MIN_YEAR, MAX_YEAR),
                name="show_last_air_year_range",
            ),
            models.CheckConstraint(
                condition=_in_range("number_of_seasons", 0, MAX_SEASON_NUMBER),
                name="show_number_of_seasons_range",
            ),
            models.CheckConstraint(
                condition=_in_range("number_of_episodes", 0, MAX_EPISODES),
                name="show_number_of_episodes_range",
            ),
            models.CheckConstraint(
                condition=_in_range("tmdb_id", 1, MAX_TMDB_ID), name="show_tmdb_id_positive"
            ),
            models.CheckConstraint(
                condition=_in_range("tvdb_id", 1, MAX_TMDB_ID), name="show_tvdb_id_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year_first_aired})" if self.year_first_aired else self.title


class Season(models.Model):
    """One season of a show (season 0 holds the specials); its owner is its show's."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seasons"
    )
    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="seasons")
    title = models.CharField(max_length=200)
    season_number = models.PositiveIntegerField(validators=[MaxValueValidator(MAX_SEASON_NUMBER)])
    episode_count = _count_field(MAX_EPISODES)
    year_first_aired = _year_field()
    air_date = models.DateField(null=True, blank=True)
    overview = models.TextField(blank=True, default="")
    image_link = models.URLField(max_length=500, blank=True, default="")
    tmdb_page_link = models.URLField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["show", "season_number"]
        indexes = [models.Index(fields=["owner", "show"], name="season_owner_show")]
        constraints = [
            models.UniqueConstraint(
                fields=["show", "season_number"],
                name="season_unique_number_per_show",
                violation_error_message="The show already has a season with this number.",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="season_title_not_blank"),
            models.CheckConstraint(
                condition=Q(season_number__gte=0, season_number__lte=MAX_SEASON_NUMBER),
                name="season_number_range",
            ),
            models.CheckConstraint(
                condition=_in_range("episode_count", 0, MAX_EPISODES),
                name="season_episode_count_range",
            ),
            models.CheckConstraint(
                condition=_in_range("year_first_aired", MIN_YEAR, MAX_YEAR),
                name="season_year_first_aired_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.show.title}: {self.title}"


def season_title(season_number: int) -> str:
    """What TMDb calls a season that has no name of its own."""
    return "Specials" if season_number == 0 else f"Season {season_number}"


class SeasonCopyManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(season__isnull=False)


class SeasonCopy(Copy):
    """The copies of seasons, as the legacy-shaped endpoints (`tv/season/copy/`) and the
    admin show them: rows of the one copy table (collection.models.Copy) that name a season
    and its show. A copy of a show with no season (the whole series) is not one of them."""

    objects = SeasonCopyManager()

    class Meta:
        proxy = True
        ordering = ["show__title", "season__season_number", "id"]
        verbose_name_plural = "season copies"
