"""Answers to a plain GET of a collection list or item given before DRF when they can be: the
`304` when the client's copy is current, else the body cached for the collection's version;
either is the very answer DRF would give (collection.answers makes both), for a fraction of
the cost. Everything else goes on to DRF.

It checks what DRF would check first, with the same code: simplejwt's authentication (which
DRF then reuses: mycoll.authentication), the viewset's permissions and throttles (whose
verdict DRF then reuses: a throttled request is answered by DRF's own 429, and counted once)
and the content negotiation (JSON must be acceptable). A request with a query string, or that
fails any of these, goes to DRF untouched.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from rest_framework import exceptions
from rest_framework.request import Request

from collection.answers import JSON, Versioned
from mycoll.authentication import authenticate_early

THROTTLES_CHECKED = "_collection_throttle_waits"  # on the request: DRF's check_throttles
ACCEPTED = {"*/*", "application/*", JSON}  # DRF's negotiation picks the JSON renderer


def early_view(viewset: type, actions: dict[str, str], initkwargs: dict, drf_view: Callable):
    """`drf_view` (a viewset's list or retrieve view), first trying the early answer."""
    probe = viewset(**initkwargs)  # to read the headers DRF adds, as DRF's view sets it up
    for method, action in {"head": actions["get"], **actions}.items():
        setattr(probe, method, getattr(probe, action))
    headers = probe.default_response_headers

    @functools.wraps(drf_view)  # DRF's attributes (cls, actions, csrf_exempt) included
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        answer = early_answer(probe, request)
        if answer is None:
            return drf_view(request, *args, **kwargs)
        for name, value in headers.items():
            answer[name] = value
        return answer

    return view


def early_answer(probe: Any, request: HttpRequest) -> HttpResponse | None:
    if request.method != "GET" or request.META.get("QUERY_STRING") or not _accepts_json(request):
        return None
    try:
        authenticated = authenticate_early(request)
    except exceptions.APIException:
        return None  # DRF answers it (401)
    if authenticated is None:
        return None
    checked = Request(request)
    checked.user, checked.auth = authenticated
    if not all(p.has_permission(checked, probe) for p in probe.get_permissions()):
        return None
    waits = [t.wait() for t in probe.get_throttles() if not t.allow_request(checked, probe)]
    setattr(request, THROTTLES_CHECKED, waits)
    if waits:
        return None
    versioned = Versioned(request, checked.user)
    if versioned.current:
        return versioned.answer(None)
    body = versioned.cached_body()
    return None if body is None else versioned.answer(body)


def _accepts_json(request: HttpRequest) -> bool:
    accept = request.META.get("HTTP_ACCEPT")
    if not accept:
        return True
    return any(item.split(";", 1)[0].strip() in ACCEPTED for item in accept.split(","))


def reuse_throttle_check(view: Any, request: Request) -> bool:
    """DRF's check_throttles, when the early answer already made it for this request: raise
    its 429 as DRF would; False when it was not made."""
    waits = request._request.__dict__.pop(THROTTLES_CHECKED, None)
    if waits is None:
        return False
    if waits:
        view.throttled(request, max((w for w in waits if w is not None), default=None))
    return True
