from django.contrib.auth.models import AbstractBaseUser
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken


def user_blacklist_refresh_tokens(*, user: AbstractBaseUser) -> int:
    """Blacklist every refresh token issued to the user; returns how many were still live."""
    live = OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True)
    return len(BlacklistedToken.objects.bulk_create([BlacklistedToken(token=t) for t in live]))
