"""A plain GET of a collection list or item (no query string) answered before DRF's dispatch:
the `304` when the client's copy is current, else the body cached for the collection's
version, else the body the viewset builds (its own list_json or item_json). Each is the very
answer DRF would give (collection.answers makes both), for a fraction of the cost.

It checks what DRF checks first, with the same code: simplejwt's authentication (which DRF
then reuses: mycoll.authentication), the viewset's permissions and throttles (whose verdict
DRF then reuses: a throttled request gets DRF's own 429, and is counted once) and the content
negotiation (JSON must be acceptable). A request with a query string, one that fails any of
these, and one the viewset cannot answer (a 404) go on to DRF, which answers them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from rest_framework import exceptions
from rest_framework.request import Request

from collection.answers import JSON, Versioned
from mycoll.authentication import authenticate_early

THROTTLES_CHECKED = "_collection_throttle_waits"  # on the request: DRF's check_throttles
ACCEPTED = {"*/*", "application/*", JSON}  # DRF's negotiation picks the JSON renderer


def early_view(viewset: type, actions: dict[str, str], initkwargs: dict, drf_view: Callable):
    """`drf_view` (a viewset's list or retrieve view), first trying the early answer."""
    actions = {"head": actions["get"], **actions}  # as DRF's own view maps them
    headers = _viewset(viewset, actions, initkwargs).default_response_headers  # Allow

    @functools.wraps(drf_view)  # DRF's attributes (cls, actions, csrf_exempt) included
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        answer = None
        if _plain_get(request):
            answer = early_answer(_viewset(viewset, actions, initkwargs), request, args, kwargs)
        if answer is None:
            return drf_view(request, *args, **kwargs)
        for name, value in headers.items():
            answer[name] = value
        return answer

    return view


def _viewset(viewset: type, actions: dict[str, str], initkwargs: dict) -> Any:
    """A viewset instance set up as DRF's view sets one up for a request."""
    view = viewset(**initkwargs)
    view.action_map = actions
    for method, action in actions.items():
        setattr(view, method, getattr(view, action))
    return view


def _plain_get(request: HttpRequest) -> bool:
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return False
    accept = request.META.get("HTTP_ACCEPT")
    return not accept or any(i.split(";", 1)[0].strip() in ACCEPTED for i in accept.split(","))


def early_answer(view: Any, request: HttpRequest, args: Any, kwargs: Any) -> HttpResponse | None:
    try:
        if authenticate_early(request) is None:
            return None  # DRF answers it (401)
    except exceptions.APIException:
        return None
    view.args, view.kwargs = args, kwargs
    view.request = checked = view.initialize_request(request, *args, **kwargs)
    view.format_kwarg = None
    if not all(p.has_permission(checked, view) for p in view.get_permissions()):
        return None
    waits = [t.wait() for t in view.get_throttles() if not t.allow_request(checked, view)]
    setattr(request, THROTTLES_CHECKED, waits)
    if waits:
        return None
    versioned = Versioned(request, checked.user)
    if versioned.current:
        return versioned.answer(None)
    try:
        return versioned.answer(versioned.body(lambda: _build(view, checked)))
    except (Http404, exceptions.APIException):
        return None


def _build(view: Any, request: Request) -> bytes:
    if view.action == "list":
        return view.list_json(request)
    return view.item_json(request, view.kwargs[view.lookup_url_kwarg or view.lookup_field])


def reuse_throttle_check(view: Any, request: Request) -> bool:
    """DRF's check_throttles, when the early answer already made it for this request: raise
    its 429 as DRF would; False when it was not made."""
    waits = request._request.__dict__.pop(THROTTLES_CHECKED, None)
    if waits is None:
        return False
    if waits:
        view.throttled(request, max((w for w in waits if w is not None), default=None))
    return True
