from django.urls import re_path
from rest_framework_simplejwt.views import (
    TokenBlacklistView,
    TokenObtainPairView,
    TokenRefreshView,
)

from accounts import views
from mycoll.throttling import AUTH_THROTTLES

app_name = "accounts"

token = TokenObtainPairView.as_view(throttle_classes=AUTH_THROTTLES)
token_refresh = TokenRefreshView.as_view(throttle_classes=AUTH_THROTTLES)

urlpatterns = [
    re_path(r"^create/?$", views.SignUpView.as_view(), name="create"),
    re_path(r"^token/?$", token, name="token"),
    re_path(r"^token/refresh/?$", token_refresh, name="token-refresh"),
    re_path(r"^token/blacklist/?$", TokenBlacklistView.as_view(), name="token-blacklist"),
    re_path(r"^me/?$", views.MeView.as_view(), name="me"),
    re_path(r"^password/?$", views.PasswordChangeView.as_view(), name="password"),
]
