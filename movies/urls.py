from rest_framework.routers import SimpleRouter

from movies import views

# Every route answers with and without its trailing slash, with no redirect (the SPA sends
# PUT and DELETE to movies/<id>). Copies come first: "copies" would otherwise read as an id.
router = SimpleRouter()
router.trailing_slash = "/?"
router.register("movies/copies", views.MovieCopyViewSet, basename="moviecopy")
router.register("movies", views.MovieViewSet, basename="movie")

urlpatterns = router.urls
