"""The read and write path every medium's viewsets share."""

import inspect
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from collection.answers import Versioned
from collection.early import early_view, reuse_throttle_check
from collection.pagination import OptInLimitOffsetPagination
from collection.services import collection_lock
from mycoll.renderers import ORJSONRenderer

ID_PATTERN = r"[0-9]{1,18}"
render = ORJSONRenderer().render


class CollectionWriteMixin:
    """Every write first takes its collection (collection.services.collection_lock), in the
    request's transaction (mycoll.middleware.AtomicWritesMiddleware)."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method not in SAFE_METHODS:
            collection_lock(owner_id=request.user.pk)


class CollectionReadMixin:
    """Lists and details answer from the owner's collection version: `304` when the client's
    copy is current, else the rendered JSON, kept in the cache with the version it was read
    at. Any write changes the version, so no stale answer is ever served; the key and the ETag
    name the user, so no user is ever served another's."""

    pagination_class = OptInLimitOffsetPagination
    lookup_value_regex = ID_PATTERN

    @classmethod
    def as_view(cls, actions: dict[str, str] | None = None, **initkwargs: Any) -> Callable:
        view = super().as_view(actions, **initkwargs)
        action = (actions or {}).get("get")
        # The plain GET before DRF, for the read path below (not for a viewset's own list or
        # retrieve, which may answer otherwise).
        own = action in ("list", "retrieve") and getattr(__class__, action)
        if own and inspect.unwrap(getattr(cls, action)) is own:  # drf-spectacular wraps it
            return early_view(cls, actions, initkwargs, view)
        return view

    def filter_queryset(self, queryset: Any) -> Any:
        # One item (read, written or deleted) without query parameters: the filters have
        # nothing to filter (get_queryset scopes to the owner), and cost a form each.
        if self.action != "list" and self.detail and not self.request.query_params:
            return queryset
        return super().filter_queryset(queryset)

    def check_throttles(self, request: Request) -> None:
        if not reuse_throttle_check(self, request):
            super().check_throttles(request)

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().dispatch(request, *args, **kwargs)
        # DRF keeps the response on the view, and the view sits in a reference cycle with its
        # request: without this, a large list's body lives on until the cycle collector runs.
        self.response = None
        return response

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.versioned_answer(request, lambda: self.list_json(request))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        pk = kwargs[self.lookup_url_kwarg or self.lookup_field]
        return self.versioned_answer(request, lambda: self.item_json(request, pk))

    def list_json(self, request: Request) -> bytes:
        raise NotImplementedError

    def item_json(self, request: Request, pk: str) -> bytes:
        """One item's JSON (a 404 when the requester has none with this id): by default
        `detail_json` of `get_object()`; a medium may read it faster (movies: its fragment)."""
        return self.detail_json(self.get_object())

    def detail_json(self, instance: Any) -> bytes:
        return render(self.get_serializer(instance).data)

    def paginated_json(self, request: Request, rows: Any, shape: Callable[[Any], list]) -> bytes:
        """A page of `rows` as `{count, next, previous, results}`; None without `limit` or
        `offset`, when the caller renders the whole list its own way."""
        page = self.paginate_queryset(rows)
        if page is None:
            return None
        return render(self.paginator.get_paginated_response(shape(page)).data)

    def versioned_answer(
        self, request: Request, build: Callable[[], bytes], *, scope: str = ""
    ) -> HttpResponse:
        """`scope` names what else the answer depends on (the day, say) but the collection."""
        return Versioned(request, request.user, scope).respond(build)
