"""Measuring one case: warm it, count its SQL, capture its answer as the bytes of its floors,
then load the case and its two floors with wrk, in turn and repeatedly, metering the CPU."""

from __future__ import annotations

import argparse
import json
import secrets
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench.cases import Case, Writer
from bench.load import Load, Wrk, merge
from bench.measures import Result, Sample
from bench.meters import CpuMeter, Usage
from bench.progress import log
from livetest import Reply, Server, fetch

COUNT_HEADERS = {"X-Bench-Count-Queries": "1"}
FLOOR_PATH = "/api/__floor__/{name}"


def bearer(token: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **(extra or {})}


def _queries(reply: Reply) -> int:
    """The SQL count that bench.middleware put in the answer (-1 if it did not)."""
    return int(reply.headers.get("x-bench-queries", "-1"))


def get(server: Server, case: Case, count: bool = False) -> Reply:
    headers = bearer(case.token, COUNT_HEADERS if count else None)
    if case.if_none_match:
        headers["If-None-Match"] = case.if_none_match
    return fetch(server.port, "GET", case.path, headers)


def write(server: Server, writer: Writer, count: bool = False) -> Reply:
    body = json.dumps({writer.field: f"Bench write {secrets.token_hex(4)}"}).encode()
    headers = bearer(writer.token, {"Content-Type": "application/json"})
    if count:
        headers.update(COUNT_HEADERS)
    reply = fetch(server.port, "PATCH", writer.path, headers, body)
    if reply.status != 200:
        raise RuntimeError(f"PATCH {writer.path} answered {reply.status}: {reply.body[:300]!r}")
    return reply


class Bench:
    """Loads cases on the API's server, and their floors: the same bytes from a bare Django
    project (`bare`, a server of its own) and from the API's own stack (`stack`)."""

    def __init__(
        self, args: argparse.Namespace, wrk: Wrk, floor_dir: Path, meter: CpuMeter
    ) -> None:
        self.args = args
        self.wrk = wrk
        self.floor_dir = floor_dir
        self.meter = meter
        self.bare: Server | None = None  # set by the suite that started it

    # Capturing answers, counting queries, writing the floor.

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
            write(server, writer)
            get(server, replace(case, token=writer.token))
        writer = case.writers[0]
        result.write_queries = _queries(write(server, writer, count=True))
        reply = get(server, replace(case, token=writer.token), True)
        result.queries = _queries(reply)
        return reply

    def _prepare_read(self, server: Server, case: Case, result: Result) -> Reply:
        for path in case.rotate[: 4 * self.args.workers] or [case.path] * 2 * self.args.workers:
            get(server, replace(case, path=path))
        # Steady state: the fewest queries seen (a worker may still have had a cold cache).
        replies = [get(server, case, count=True) for _ in range(3)]
        result.queries = min(_queries(r) for r in replies)
        return replies[-1]

    def save_floor(self, server: Server, name: str, reply: Reply) -> None:
        meta = {"status": reply.status, "content_type": reply.headers.get("content-type", "")}
        (self.floor_dir / f"{name}.body").write_bytes(reply.body)
        (self.floor_dir / f"{name}.json").write_text(json.dumps(meta))
        for floor in (server, self.bare):
            check = fetch(floor.port, "GET", FLOOR_PATH.format(name=name)) if floor else None
            if check and (check.status != reply.status or check.body != reply.body):
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
                "BENCH_WRITE_PATHS": ",".join(w.path for w in writers),
                "BENCH_WRITE_FIELD": writers[0].field,
                "BENCH_GET_PATH": case.path,
            }
            n = len(writers)
            return self.wrk.run(server.port, case.path, "after_write.lua", env, n, n, duration)
        env = {**_get_env(case), "BENCH_PATHS": ",".join(case.rotate)}
        threads = min(self.wrk.threads, connections or self.wrk.connections)
        return self.wrk.run(server.port, case.path, "get.lua", env, threads, connections, duration)

    def load_floor(
        self, floor: Server, case: Case, threads: int, connections: int, duration: int
    ) -> Load:
        path = FLOOR_PATH.format(name=case.name)
        with self.meter.measure(floor) as usage:
            load = self.wrk.run(
                floor.port, path, "get.lua", _get_env(case), threads, connections, duration
            )
        return _account(load, usage)

    def measure(
        self,
        server: Server,
        case: Case,
        with_floor: bool = True,
        connections: int | None = None,
        after_first_load: Callable[[], None] | None = None,
        repeat: int | None = None,
    ) -> Result:
        """Warm, count, then load the case and its floors in turn, `repeat` times.
        `after_first_load` runs after the case's first load, before the floors have put their
        own copies of the bytes in the workers."""
        result = Result(case)
        reply = self.prepare(server, case, result)
        if reply is None:
            log(f"  {case.name}: skipped ({result.skipped})")
            return result
        connections = connections or case.connections
        self._set_wrk_shape(case, result, connections)
        if with_floor and case.floor:
            self.save_floor(server, case.name, reply)
        for i in range(repeat or self.args.repeat):
            hook = after_first_load if i == 0 else None
            result.samples.append(
                self._sample(server, case, result, connections, with_floor and case.floor, hook)
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

    def _sample(
        self,
        server: Server,
        case: Case,
        result: Result,
        connections: int | None,
        with_floor: bool,
        after_first_load: Callable[[], None] | None,
    ) -> Sample:
        """Case, bare floor, stack floor, stack floor, bare floor, case, each for half the
        duration: a drift in the machine's load (other processes) weighs on all alike."""
        half = max(1, self.wrk.duration // 2)
        first = self.load(server, case, connections, half)
        if after_first_load:
            after_first_load()
        if not with_floor:
            return Sample(merge([first, self.load(server, case, connections, half)]))
        floors = {"bare": self.bare, "stack": server}
        order = [f for f in floors if floors[f]]
        loads: dict[str, list[Load]] = {f: [] for f in order}
        for name in order + order[::-1]:
            shape = (result.threads, result.connections, half)
            loads[name].append(self.load_floor(floors[name], case, *shape))
        last = self.load(server, case, connections, half)
        return Sample(merge([first, last]), {f: merge(parts) for f, parts in loads.items()})


def _get_env(case: Case) -> dict[str, str]:
    return {"BENCH_TOKEN": case.token, "BENCH_IF_NONE_MATCH": case.if_none_match}


def _account(load: Load, usage: Usage) -> Load:
    load.other_cpu = usage.other_share
    load.server_cpu_ms = 1000 * usage.server_cpu_s / max(1, load.requests)
    return load


def _summary(result: Result) -> str:
    ratio = result.ratio("bare")
    ratio_text = f", {ratio:.1%} of the bare floor" if ratio is not None else ""
    errors = f", ERRORS {result.errors}" if result.errors else ""
    return (
        f"  {result.case.name}: {result.case_figure('rps') or 0:,.1f} req/s, "
        f"p50 {result.case_figure('p50_ms') or 0:.1f} ms, {result.queries} SQL{ratio_text}"
        f"{errors}, other CPU {result.other_cpu:.0%}"
    )
