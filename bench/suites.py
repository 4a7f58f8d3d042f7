"""The parts of a run: the main cases under each server command and cache (each with a bare
floor of its own), PostgreSQL's count of round trips, the scaling table, and the page of 50 at
the smallest and largest N, alternated. Each part runs in gunicorns of its own."""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass, field
from typing import Any

from bench.cases import PAGE50_PATH, SCALE_LIST, Case, Writer, main_cases
from bench.load import Load, merge
from bench.measures import Result
from bench.meters import worker_rss_mb
from bench.progress import log
from bench.roundtrips import LOG_STATEMENTS_ENV, count_round_trips, find_statement_log
from bench.runner import Bench, bearer
from bench.services import redis_available, redis_delete_prefix
from bench.stack import Stack
from bench.users import obtain_tokens
from livetest import Server, fetch


@dataclass
class Outcome:
    """Everything a run measured, for the report."""

    results: dict[str, list[Result]] = field(default_factory=dict)  # by "server, cache"
    memory: dict[str, Any] = field(default_factory=dict)  # worker VmRSS snapshots, MB
    round_trips: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)  # the scaling table
    scale_memory: dict[str, Any] = field(default_factory=dict)
    probe: dict[str, Any] = field(default_factory=dict)  # the page of 50, alternated
    targets: list[dict[str, Any]] = field(default_factory=list)
    elapsed: float = 0.0
    primary_key: str = ""

    @property
    def primary(self) -> list[Result]:
        """The main cases the targets are judged on: the first server command's, locmem."""
        return self.results.get(self.primary_key) or next(iter(self.results.values()), [])


def run_everything(bench: Bench, stack: Stack, exits: contextlib.ExitStack) -> Outcome:
    args = stack.args
    outcome = Outcome(primary_key=f"{args.servers[0]}, locmem")
    with stack.api() as server:
        tokens = obtain_tokens(server.port, stack.usernames, args.workers)
        outcome.memory["idle_mb"] = worker_rss_mb(server)
    caches = [c for c in ("locmem", "redis") if args.cache in (c, "both")]
    for command in args.servers:
        for cache in caches:
            if cache == "locmem" or command == args.servers[0]:
                run_main_part(bench, stack, tokens, outcome, command, cache, exits)
    run_round_trips_part(stack, tokens, outcome)
    if args.scale:
        run_scaling_part(bench, stack, tokens, outcome)
    return outcome


def run_main_part(
    bench: Bench,
    stack: Stack,
    tokens: dict[str, str],
    outcome: Outcome,
    command: str,
    cache: str,
    exits: contextlib.ExitStack,
) -> None:
    """The main cases under one server command and cache; the bare floor under the same
    command line. Redis: keys under a prefix of their own, deleted at the end."""
    env = stack.env
    if cache == "redis":
        url = stack.args.redis_url
        if not redis_available(url):
            log(f"Redis not reachable at {url}: Redis cases skipped")
            return
        prefix = f"mycoll-bench-{os.getpid()}-{secrets.token_hex(3)}"
        exits.callback(redis_delete_prefix, url, prefix)
        env = {**stack.env, "REDIS_URL": url, "BENCH_CACHE_PREFIX": prefix}
    key = f"{command}, {cache}"
    log(f"main cases: server {command}, cache {cache} ({stack.args.workers} gunicorn workers)")
    with stack.bare(command) as bare, stack.api(env, command) as server:
        bench.bare = bare
        cases = main_cases(stack.users, tokens, stack.args.connections)
        outcome.results[key] = run_main_cases(bench, server, cases)
        outcome.memory[f"{key} after the cases"] = worker_rss_mb(server)
        bench.bare = None


def run_main_cases(bench: Bench, server: Server, cases: list[Case]) -> list[Result]:
    results = []
    for case in cases:
        if bench.args.cases and case.name not in bench.args.cases:
            continue
        if case.status == 304:
            reply = fetch(server.port, "GET", case.path, bearer(case.token))
            case.if_none_match = reply.headers.get("etag", "")
        results.append(bench.measure(server, case))
    return results


def run_round_trips_part(stack: Stack, tokens: dict[str, str], outcome: Outcome) -> None:
    """PostgreSQL's own count of each request's statements, from a fresh one-worker server
    whose sessions log them."""
    statement_log = find_statement_log(stack.database, stack.args.pg_log)
    if statement_log is None:
        return
    log("round trips, as PostgreSQL's statement log counts them (a fresh one-worker server)")
    env = {**stack.env, LOG_STATEMENTS_ENV: "1"}
    with stack.api(env, stack.args.servers[0], workers=1) as server:
        outcome.round_trips = count_round_trips(statement_log, server, stack.users, tokens)


def run_scaling_part(bench: Bench, stack: Stack, tokens: dict[str, str], outcome: Outcome) -> None:
    log("scaling, locmem cache")
    ns = stack.args.scale
    command = stack.args.servers[0]
    with stack.bare(command) as bare:
        bench.bare = bare
        outcome.rows, outcome.scale_memory = run_scaling(bench, stack, tokens, ns)
        bench.bare = None
    outcome.memory["scaling"] = outcome.scale_memory
    if len(ns) >= 2:
        log("page of 50 at the smallest and largest N, alternated (a fresh gunicorn)")
        with stack.api(command=command) as server:
            outcome.probe = run_page_probe(bench, server, stack.users, tokens, ns)


def scale_writer(users: dict[str, Any], tokens: dict[str, str], n: int) -> Writer:
    """The user with N movies, writing to their first."""
    name = f"bench_scale_{n}"
    item = users[name]["ids"][SCALE_LIST.name][0]
    return Writer(tokens[name], SCALE_LIST.detail.format(id=item), SCALE_LIST.write_field)


def run_scaling(
    bench: Bench, stack: Stack, tokens: dict[str, str], ns: list[int]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """For each N, a fresh gunicorn: its workers' memory reflects that N alone."""
    rows: list[dict[str, Any]] = []
    memory: dict[str, Any] = {}
    for n in ns:
        writer = scale_writer(stack.users, tokens, n)
        log(f"scaling: N={n} (a fresh gunicorn)")
        with stack.api(command=stack.args.servers[0]) as server:
            memory[f"n{n}_idle_mb"] = worker_rss_mb(server)
            for kind, path in (("list", SCALE_LIST.path), ("page50", PAGE50_PATH)):
                rows.append(_scaling_row(bench, server, n, kind, path, writer, memory))
            memory[f"n{n}_after_all_mb"] = worker_rss_mb(server)
    return rows, memory


def _scaling_row(
    bench: Bench,
    server: Server,
    n: int,
    kind: str,
    path: str,
    writer: Writer,
    memory: dict[str, Any],
) -> dict[str, Any]:
    """One row: `path` cached (with its floors), then right after a write; once each."""

    def snapshot() -> None:
        memory[f"n{n}_after_{kind}_mb"] = worker_rss_mb(server)

    cached = bench.measure(
        server,
        Case(f"{kind}_n{n}", kind, path, writer.token),
        after_first_load=snapshot,
        repeat=1,
    )
    # One connection, one user: each GET strictly after its own write, never cached.
    fresh = bench.measure(
        server,
        Case(f"{kind}_aw_n{n}", kind, path, writer.token, writers=[writer]),
        with_floor=False,
        connections=1,
        repeat=1,
    )
    return {"n": n, "kind": kind, "cached": cached, "after_write": fresh}


def run_page_probe(
    bench: Bench, server: Server, users: dict[str, Any], tokens: dict[str, str], ns: list[int]
) -> dict[str, Any]:
    """The page of 50 at the smallest and the largest N, in one gunicorn, alternated
    (small, large, large, small; a quarter of the time each), cached and right after a
    write: the comparison the target asks for, without the drift between separate runs."""
    small, large = min(ns), max(ns)
    probe: dict[str, Any] = {"n_small": small, "n_large": large}
    for variant in ("cached", "after_write"):
        cases = {n: _probe_case(bench, server, users, tokens, variant, n) for n in (small, large)}
        probe[variant] = _alternate(bench, server, cases, 1 if variant == "after_write" else None)
        a, b = probe[variant][small], probe[variant][large]
        log(
            f"  page50 {variant} N={small}: p50 {a.p50_ms:.1f} ms, {a.server_cpu_ms:.2f} ms CPU; "
            f"N={large}: p50 {b.p50_ms:.1f} ms, {b.server_cpu_ms:.2f} ms CPU"
        )
    return probe


def _probe_case(
    bench: Bench,
    server: Server,
    users: dict[str, Any],
    tokens: dict[str, str],
    variant: str,
    n: int,
) -> Case:
    """The page of 50 of the user with N movies, warmed."""
    writer = scale_writer(users, tokens, n)
    writers = [writer] if variant == "after_write" else []
    case = Case(
        f"page50_probe_{variant}_n{n}", "page50", PAGE50_PATH, writer.token, writers=writers
    )
    bench.prepare(server, case, Result(case))
    return case


def _alternate(
    bench: Bench, server: Server, cases: dict[int, Case], connections: int | None
) -> dict[int, Load]:
    """The two cases loaded small, large, large, small, half the duration each."""
    small, large = min(cases), max(cases)
    half = max(1, bench.wrk.duration // 2)
    loads: dict[int, list[Load]] = {small: [], large: []}
    for n in (small, large, large, small):
        loads[n].append(bench.load(server, cases[n], connections, half))
    return {n: merge(parts) for n, parts in loads.items()}
