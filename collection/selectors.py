"""Reads of the collection's version."""

from django.contrib.auth.models import AbstractBaseUser

from collection.models import CollectionVersion


def collection_token(*, owner: AbstractBaseUser) -> str:
    """The owner's collection version; "0" until the first write.

    Free when the authentication loaded it with the user (mycoll.authentication); one query
    otherwise.
    """
    try:
        return owner.collection_version.token.hex
    except CollectionVersion.DoesNotExist:
        return "0"
