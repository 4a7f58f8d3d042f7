from django.urls import re_path
from rest_framework.routers import SimpleRouter

from transfer import views

router = SimpleRouter()
router.trailing_slash = "/?"
router.register("imports", views.ImportViewSet, basename="import")

urlpatterns = [re_path(r"^export/?$", views.ExportView.as_view(), name="export"), *router.urls]
