"""The floor: the same bytes as a real answer, from a view that does nothing else. Served by
the bare floor (bench/bare.py: no middleware, no database) and, under the API's own stack,
by bench.urls (the stack floor)."""

import json
import os
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified

FLOOR_DIR_ENV = "BENCH_FLOOR_DIR"

# case -> (status, content type, body); read from BENCH_FLOOR_DIR once per worker and case.
_answers: dict[str, tuple[int, str, bytes]] = {}


def _answer(case: str) -> tuple[int, str, bytes]:
    answer = _answers.get(case)
    if answer is None:
        folder = Path(os.environ.get(FLOOR_DIR_ENV, ""))
        meta_file, body_file = folder / f"{case}.json", folder / f"{case}.body"
        if not os.environ.get(FLOOR_DIR_ENV) or not meta_file.is_file():
            raise Http404(f"No floor captured for {case!r}.")
        meta = json.loads(meta_file.read_text())
        answer = (int(meta["status"]), str(meta["content_type"]), body_file.read_bytes())
        _answers[case] = answer
    return answer


def floor(request: HttpRequest, case: str) -> HttpResponse:
    """The captured answer of `case`: its status, content type and body (with its length, as
    the API's answers carry it), nothing computed. No transaction: reads never open one."""
    status, content_type, body = _answer(case)
    if status == 304:
        return HttpResponseNotModified()
    response = HttpResponse(body, status=status, content_type=content_type)
    response["Content-Length"] = str(len(body))
    return response
