from rest_framework.routers import SimpleRouter

from books import views

# Every route answers with and without its trailing slash, with no redirect. Copies come
# first: "copies" would otherwise read as an id.
router = SimpleRouter()
router.trailing_slash = "/?"
router.register("books/copies", views.BookCopyViewSet, basename="bookcopy")
router.register("books", views.BookViewSet, basename="book")

urlpatterns = router.urls
