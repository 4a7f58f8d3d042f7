from django.apps import AppConfig


class CollectionConfig(AppConfig):
    """What every medium shares: the collection version and its write protocol, the read path
    (ETag, 304, cached bodies), pagination, filters, and the copies of every title."""

    name = "collection"
