"""The viewsets of every medium's titles and of their copies in the legacy shape (see
movies.views, books.views): scoped to the requester, listed the fast way (collection.listing),
written under the collection's write protocol."""

from collections.abc import Callable
from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.filters import SearchFilter
from rest_framework.request import Request
from rest_framework.serializers import BaseSerializer

from collection.filters import StrictOrderingFilter
from collection.listing import TitleListing
from collection.viewsets import CollectionReadMixin, CollectionWriteMixin, render


class TitleViewSet(CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet):
    """A medium's titles, each with its copies. Subclasses name the `title_model`, the proxy
    of its copies (`copy_model`), its `listing`, and the service that saves a validated title
    (`title_save(serializer=..., owner=...)`)."""

    title_model: type[Model]
    copy_model: type[Model]
    listing: TitleListing
    title_save: Callable[..., Any]
    filter_backends = [DjangoFilterBackend, SearchFilter, StrictOrderingFilter]
    search_fields = ["title"]
    ordering = ["title", "id"]

    def get_queryset(self) -> QuerySet:
        titles = self.title_model.objects.filter(owner=self.request.user)
        if self.action == "list":
            return titles
        return titles.prefetch_related(Prefetch("copies", self.copy_model.objects.order_by("id")))

    def list_json(self, request: Request) -> bytes:
        titles = self.filter_queryset(self.get_queryset())
        copies = self.copy_model.objects.filter(owner=request.user)
        return self.listing.list_json(self, request, titles, copies)

    def item_json(self, request: Request, pk: str) -> bytes:
        """One title as the list shows it, from its row and its copies' (no serializer)."""
        titles = self.title_model.objects.filter(owner=request.user)
        found = self.filter_queryset(titles) if request.query_params else titles
        copies = self.copy_model.objects.filter(owner=request.user)
        row = self.listing.title_row(found, copies, pk)
        if row is None:
            raise Http404(f"No {self.title_model._meta.object_name} matches the given query.")
        return render(row)

    def perform_create(self, serializer: BaseSerializer) -> None:
        self.title_save(serializer=serializer, owner=self.request.user)

    def perform_update(self, serializer: BaseSerializer) -> None:
        self.title_save(serializer=serializer, owner=self.request.user)


class TitleCopyViewSet(CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet):
    """A medium's copies in their legacy shape, sorted by their title. Subclasses name the
    proxy of its copies (`copy_model`) and its `listing`."""

    copy_model: type[Model]
    listing: TitleListing
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self) -> QuerySet:
        copies = self.copy_model.objects.filter(owner=self.request.user)
        return copies.order_by(f"{self.listing.title_field}__title", "id")

    def list_json(self, request: Request) -> bytes:
        return self.listing.copies_json(self, request, self.filter_queryset(self.get_queryset()))

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.save(owner=self.request.user)
