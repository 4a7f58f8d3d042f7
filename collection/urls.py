from rest_framework.routers import SimpleRouter

from collection import views

# Every route answers with and without its trailing slash, with no redirect.
router = SimpleRouter()
router.trailing_slash = "/?"
router.register("copies", views.CopyViewSet, basename="copy")

urlpatterns = router.urls
