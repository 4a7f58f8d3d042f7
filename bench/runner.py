"""Measuring one case: warm it, count its SQL, capture its answer as the bytes of its floor,
then load the case and its floor with wrk, alternated, metering the server's CPU."""

from __future__ import annotations

import argparse
import json
import secrets
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench.cases import Case, Result, Writer
from bench.load import Load, Wrk, merge
from bench.meters import CpuMeter, Usage
from bench.progress import log
from livetest import Reply, Server, fetch

COUNT_HEADERS = {"X-Bench-Count-Queries": "1"}


def bearer(token: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **(extra or {})}


def _queries(reply: Reply) -> int:
    """The SQL count that bench.middleware put in the answer (-1 if it did not)."""
    return int(reply.headers.get("x-bench-queries", "-1"))


class Bench:
    def __init__(
        self, args: argparse.Namespace, wrk: Wrk, floor_dir: Path, meter: CpuMeter
    ) -> None:
        self.args = args
        self.wrk = wrk
        self.floor_dir = floor_dir
        self.meter = meter

    # Capturing answers, counting queries, writing the floor.

    def _get(self, server: Server, case: Case, count: bool = False) -> Reply:
        headers = bearer(case.token, COUNT_HEADERS if count else None)
        if case.if_none_match:
            headers["If-None-Match"] = case.if_none_match
        return fetch(server.port, "GET", case.path, headers)

    def _write(self, server: Server, writer: Writer, count: bool = False) -> Reply:
        body = json.dumps({"title": f"Bench write {secrets.token_hex(4)}"}).encode()
        headers = bearer(writer.token, {"Content-Type": "application/json"})
        if count:
            headers.update(COUNT_HEADERS)
        reply = fetch(server.port, "PATCH", f"/api/v1/movies/{writer.movie_id}", headers, body)
        if reply.status != 200:
            raise RuntimeError(f"PATCH answered {reply.status}: {reply.body[:300]!r}")
        return reply

    def prepare(self, server: Server, case: Case, result: Result) -> Reply | None:
        """Warm the case, count its queries with plain requests, capture its answer."""
        if case.writers:
            reply = self._prepare_after_write(server, case, result)
        else:
            reply = self._prepare_read(server, case, result)
        if reply.status != case.status:
            result.skipped = f"answered {reply.status}, not {case.status}: {reply.body[:200]!r}"
            return None
        result.bytes = len(reply.body)
        return reply

    def _prepare_after_write(self, server: Server, case: Case, result: Result) -> Reply:
        for writer in case.writers:  # each writer's list once, then after a write
            self._write(server, writer)
            self._get(server, replace(case, token=writer.token))
        writer = case.writers[0]
        result.write_queries = _queries(self._write(server, writer, count=True))
        reply = self._get(server, replace(case, token=writer.token), True)
        result.queries = _queries(reply)
        return reply

    def _prepare_read(self, server: Server, case: Case, result: Result) -> Reply:
        for _ in range(2 * self.args.workers):
            self._get(server, case)
        # Steady state: the fewest queries seen (a worker may still have had a cold cache).
        replies = [self._get(server, case, count=True) for _ in range(3)]
        result.queries = min(_queries(r) for r in replies)
        return replies[-1]

    def save_floor(self, server: Server, name: str, reply: Reply) -> None:
        meta = {"status": reply.status, "content_type": reply.headers.get("content-type", "")}
        (self.floor_dir / f"{name}.body").write_bytes(reply.body)
        (self.floor_dir / f"{name}.json").write_text(json.dumps(meta))
        check = fetch(server.port, "GET", f"/__floor__/{name}")
        if check.status != reply.status or check.body != reply.body:
            raise RuntimeError(f"the floor of {name} does not answer the captured bytes")

    # Load.

    def load(self, server: Server, case: Case, connections: int | None, duration: int) -> Load:
        with self.meter.measure(server) as usage:
            load = self._load(server, case, connections, duration)
        return _account(load, usage)

    def _load(self, server: Server, case: Case, connections: int | None, duration: int) -> Load:
        if case.writers:
            writers = case.writers[: connections or len(case.writers)]
            env = {
                "BENCH_TOKENS": ",".join(w.token for w in writers),
                "BENCH_MOVIES": ",".join(str(w.movie_id) for w in writers),
                "BENCH_GET_PATH": case.path,
            }
            n = len(writers)
            return self.wrk.run(server.port, case.path, "after_write.lua", env, n, n, duration)
        env = {"BENCH_TOKEN": case.token, "BENCH_IF_NONE_MATCH": case.if_none_match}
        return self.wrk.run(server.port, case.path, "get.lua", env, None, connections, duration)

    def load_floor(
        self, server: Server, case: Case, threads: int, connections: int, duration: int
    ) -> Load:
        env = {"BENCH_TOKEN": case.token, "BENCH_IF_NONE_MATCH": case.if_none_match}
        path = f"/__floor__/{case.name}"
        with self.meter.measure(server) as usage:
            load = self.wrk.run(server.port, path, "get.lua", env, threads, connections, duration)
        return _account(load, usage)

    def measure(
        self,
        server: Server,
        case: Case,
        with_floor: bool = True,
        connections: int | None = None,
        after_first_load: Callable[[], None] | None = None,
        floor: Load | None = None,
    ) -> Result:
        """Warm, count, then load the case (and its floor, unless `floor` is given: a floor
        measured earlier). `after_first_load` runs after the case's first load, before the
        floor has put its own copy of the bytes in the workers."""
        result = Result(case, floor=floor)
        reply = self.prepare(server, case, result)
        if reply is None:
            log(f"  {case.name}: skipped ({result.skipped})")
            return result
        self._set_wrk_shape(case, result, connections)
        if not (with_floor and case.floor) or floor is not None:
            result.load = self.load(server, case, connections, self.wrk.duration)
            if after_first_load:
                after_first_load()
        else:
            self._load_alternating_with_floor(
                server, case, reply, result, connections, after_first_load
            )
        log(_summary(result))
        return result

    def _set_wrk_shape(self, case: Case, result: Result, connections: int | None) -> None:
        """wrk's -t and -c for the case: one thread per connection after a write."""
        if case.writers:
            result.connections = result.threads = min(
                connections or len(case.writers), len(case.writers)
            )
        else:
            result.connections = connections or self.wrk.connections
            result.threads = min(self.wrk.threads, result.connections)

    def _load_alternating_with_floor(
        self,
        server: Server,
        case: Case,
        reply: Reply,
        result: Result,
        connections: int | None,
        after_first_load: Callable[[], None] | None,
    ) -> None:
        """Case, floor, floor, case, each for half the time: a drift in the machine's load
        (other processes) weighs on both alike."""
        half = max(1, self.wrk.duration // 2)
        first = self.load(server, case, connections, half)
        if after_first_load:
            after_first_load()
        self.save_floor(server, case.name, reply)
        floors = [
            self.load_floor(server, case, result.threads, result.connections, half)
            for _ in range(2)
        ]
        result.load = merge([first, self.load(server, case, connections, half)])
        result.floor = merge(floors)


def _account(load: Load, usage: Usage) -> Load:
    load.other_cpu = usage.other_share
    load.server_cpu_ms = 1000 * usage.server_cpu_s / max(1, load.requests)
    return load


def _summary(result: Result) -> str:
    load = result.load
    assert load is not None
    ratio = f", {result.ratio:.1%} of floor" if result.ratio is not None else ""
    errors = f", ERRORS {load.errors}" if load.error_count else ""
    return (
        f"  {result.case.name}: {load.rps:,.1f} req/s, p50 {load.p50_ms:.1f} ms, "
        f"{result.queries} SQL{ratio}{errors}, other CPU {result.other_cpu:.0%}"
    )
