import django_filters
from django.db.models import Exists, OuterRef, QuerySet

from collection.filters import IntegerFilter
from movies.models import Movie, MovieCopy


def _with_copy(queryset: QuerySet[Movie], **copy_lookup: str) -> QuerySet[Movie]:
    copies = MovieCopy.objects.filter(movie=OuterRef("pk"), **copy_lookup)
    return queryset.filter(Exists(copies))


class MovieFilter(django_filters.FilterSet):
    release_year = IntegerFilter()
    form = django_filters.CharFilter(method="filter_form", max_length=200)
    platform = django_filters.CharFilter(method="filter_platform", max_length=200)

    class Meta:
        model = Movie
        fields = ["release_year", "form", "platform"]

    def filter_form(self, queryset: QuerySet[Movie], name: str, value: str) -> QuerySet[Movie]:
        return _with_copy(queryset, form__iexact=value)

    def filter_platform(self, queryset: QuerySet[Movie], name: str, value: str) -> QuerySet[Movie]:
        return _with_copy(queryset, platform__iexact=value)


class MovieCopyFilter(django_filters.FilterSet):
    movie = IntegerFilter(field_name="movie_id")
    form = django_filters.CharFilter(lookup_expr="iexact", max_length=200)
    platform = django_filters.CharFilter(lookup_expr="iexact", max_length=200)

    class Meta:
        model = MovieCopy
        fields = ["movie", "form", "platform"]
