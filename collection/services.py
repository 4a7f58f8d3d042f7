"""The collection's write protocol: every write to a collection, from the API, the admin or a
bulk import, first takes the collection with `collection_lock`, once per transaction."""

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction

from collection.models import CollectionVersion


def collection_lock(*, owner_id: int) -> None:
    """Give the owner's collection a new version token, creating its row on the first write.

    It is one UPDATE, whose row lock is held to the end of the transaction: writes to one
    collection so run one at a time (a movie deleted by one request is a 404 to the next
    instead of being saved back, and two writes cannot deadlock on their rows), and the new
    token commits with the data it stands for.
    """
    token = uuid.uuid4()
    if CollectionVersion.objects.filter(owner_id=owner_id).update(token=token):
        return
    try:
        with transaction.atomic():
            CollectionVersion.objects.create(owner_id=owner_id, token=token)
    except IntegrityError:  # a concurrent first write created it: take it instead
        CollectionVersion.objects.filter(owner_id=owner_id).update(token=token)


def collections_lock(*, owner_ids: Iterable[int]) -> None:
    """Take several collections, always in the same order, so two such writes cannot deadlock."""
    for owner_id in sorted(set(owner_ids)):
        collection_lock(owner_id=owner_id)


@contextmanager
def collection_write(*, owner_id: int) -> Iterator[None]:
    """One transaction that holds the owner's collection: for writes outside a request (a
    bulk import's batch, a shell), which the API's AtomicWritesMiddleware does not wrap."""
    with transaction.atomic():
        collection_lock(owner_id=owner_id)
        yield
