"""Rate limits, counted in the shared cache (Redis when REDIS_URL is set).

Rates come from settings.THROTTLE_RATES at each request, so they are configurable per
environment; a rate of None switches that limit off.
"""

import hashlib
from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self) -> str | None:
        return settings.THROTTLE_RATES.get(self.scope)


class AuthIPThrottle(SettingsRateThrottle):
    """Sign-up and token requests per client address (X-Forwarded-For through the configured
    number of trusted proxies, REMOTE_ADDR otherwise)."""

    scope = "auth_ip"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AuthUsernameThrottle(SettingsRateThrottle):
    """Sign-up and token requests per username, from whatever addresses they come."""

    scope = "auth_username"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        username = request.data.get("username") if isinstance(request.data, dict) else None
        if not isinstance(username, str) or not username:
            return None
        ident = hashlib.sha256(username.casefold().encode()).hexdigest()[:32]
        return self.cache_format % {"scope": self.scope, "ident": ident}


class UserThrottle(SettingsRateThrottle):
    """Every API request, per signed-in user."""

    scope = "user"

    def get_cache_key(self, request: Request, view: Any) -> str:
        user = request.user
        ident = user.pk if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


AUTH_THROTTLES = [AuthIPThrottle, AuthUsernameThrottle]
