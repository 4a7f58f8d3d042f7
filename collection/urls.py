from rest_framework.routers import SimpleRouter

from collection import views
from collection.loans.views import LoanViewSet
from collection.locations.views import LocationViewSet

# Every route answers with and without its trailing slash, with no redirect.
router = SimpleRouter()
router.trailing_slash = "/?"
router.register("copies", views.CopyViewSet, basename="copy")
router.register("locations", LocationViewSet, basename="location")
router.register("loans", LoanViewSet, basename="loan")

urlpatterns = router.urls
