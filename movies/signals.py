"""Every write to a movie or a copy changes its owner's collection version, in its transaction."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from movies.models import Movie, MovieCopy
from movies.services import collection_touch


@receiver(post_save, sender=Movie)
@receiver(post_save, sender=MovieCopy)
def touch_on_save(sender: type, instance: Movie | MovieCopy, **kwargs: Any) -> None:
    collection_touch(owner_id=instance.owner_id)


@receiver(post_delete, sender=Movie)
@receiver(post_delete, sender=MovieCopy)
def touch_on_delete(
    sender: type, instance: Movie | MovieCopy, origin: Any = None, **kwargs: Any
) -> None:
    if isinstance(origin, get_user_model()):
        return  # the owner is being deleted, and with it the version row
    collection_touch(owner_id=instance.owner_id)
