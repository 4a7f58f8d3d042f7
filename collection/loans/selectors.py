from django.db.models import Q
from django.utils import timezone


def overdue() -> Q:
    """A loan that is open, and was due before today."""
    return Q(returned_on__isnull=True, due_on__lt=timezone.localdate())
