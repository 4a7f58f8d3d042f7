from collection.filters import IntegerFilter, LegacyCopyFilter, TitleFilter
from movies.models import Movie, MovieCopy


class MovieFilter(TitleFilter):
    title_field = "movie"
    release_year = IntegerFilter()

    class Meta:
        model = Movie
        fields = ["release_year", "form", "platform"]


class MovieCopyFilter(LegacyCopyFilter):
    movie = IntegerFilter(field_name="movie_id")

    class Meta:
        model = MovieCopy
        fields = ["movie", "form", "platform"]
