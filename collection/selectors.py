"""Reads of the collection's version."""

from django.contrib.auth.models import AbstractBaseUser

from collection.models import CollectionVersion
from mycoll.authentication import TOKEN_ATTRIBUTE


def collection_token(*, owner: AbstractBaseUser) -> str:
    """The owner's collection version; "0" until the first write.

    Free when the authentication loaded it with the user (mycoll.authentication); one query
    otherwise.
    """
    if hasattr(owner, TOKEN_ATTRIBUTE):
        return getattr(owner, TOKEN_ATTRIBUTE) or "0"
    try:
        return owner.collection_version.token.hex
    except CollectionVersion.DoesNotExist:
        return "0"
