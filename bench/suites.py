"""The parts of a run: the main cases with each Django cache, the scaling table, and the page
of 50 at the smallest and largest N, alternated. Each part runs in gunicorns of its own."""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass, field
from typing import Any

from bench.cases import LIST_PATH, PAGE50_PATH, Case, Result, Writer, main_cases
from bench.load import Load, merge
from bench.meters import worker_rss_mb
from bench.progress import log
from bench.runner import Bench, bearer
from bench.services import redis_available, redis_delete_prefix
from bench.stack import Stack
from bench.users import obtain_tokens
from livetest import Server, fetch


@dataclass
class Outcome:
    """Everything a run measured, for the report."""

    results: dict[str, list[Result]] = field(default_factory=dict)  # by cache
    memory: dict[str, Any] = field(default_factory=dict)  # worker VmRSS snapshots, MB
    rows: list[dict[str, Any]] = field(default_factory=list)  # the scaling table
    scale_memory: dict[str, Any] = field(default_factory=dict)
    probe: dict[str, Any] = field(default_factory=dict)  # the page of 50, alternated
    targets: list[dict[str, Any]] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def primary(self) -> list[Result]:
        """The main cases the targets are judged on: locmem's, else Redis's."""
        return self.results.get("locmem") or self.results.get("redis") or []


def run_everything(bench: Bench, stack: Stack, exits: contextlib.ExitStack) -> Outcome:
    outcome = Outcome()
    tokens = run_locmem_part(bench, stack, outcome)
    if stack.args.scale:
        run_scaling_part(bench, stack, tokens, outcome)
    if stack.args.cache in ("redis", "both"):
        run_redis_part(bench, stack, tokens, outcome, exits)
    return outcome


def run_locmem_part(bench: Bench, stack: Stack, outcome: Outcome) -> dict[str, str]:
    """The first gunicorn: every user's token, and the main cases with locmem if asked for."""
    args = stack.args
    log(f"main cases, locmem cache ({args.workers} gunicorn workers)")
    with stack.api() as server:
        tokens = obtain_tokens(server.port, stack.usernames, args.workers)
        outcome.memory["main_idle_mb"] = worker_rss_mb(server)
        if args.cache in ("locmem", "both"):
            cases = main_cases(stack.users, tokens, args.connections)
            outcome.results["locmem"] = run_main_cases(bench, server, cases, {})
            outcome.memory["main_after_cases_mb"] = worker_rss_mb(server)
    return tokens


def run_scaling_part(bench: Bench, stack: Stack, tokens: dict[str, str], outcome: Outcome) -> None:
    log("scaling, locmem cache")
    ns = stack.args.scale
    outcome.rows, outcome.scale_memory = run_scaling(bench, stack, tokens, ns)
    outcome.memory["scaling"] = outcome.scale_memory
    if len(ns) >= 2:
        log("page of 50 at the smallest and largest N, alternated (a fresh gunicorn)")
        with stack.api() as server:
            outcome.probe = run_page_probe(bench, server, stack.users, tokens, ns)


def run_redis_part(
    bench: Bench,
    stack: Stack,
    tokens: dict[str, str],
    outcome: Outcome,
    exits: contextlib.ExitStack,
) -> None:
    """The main cases with Redis, under a key prefix of their own deleted at the end; the
    floors measured with locmem are reused (a floor does not touch the cache)."""
    url = stack.args.redis_url
    if not redis_available(url):
        log(f"Redis not reachable at {url}: Redis cases skipped")
        return
    prefix = f"mycoll-bench-{os.getpid()}-{secrets.token_hex(3)}"
    exits.callback(redis_delete_prefix, url, prefix)
    env = {**stack.env, "REDIS_URL": url, "BENCH_CACHE_PREFIX": prefix}
    floors = {r.case.name: r.floor for r in outcome.results.get("locmem", [])}
    log(f"main cases, Redis cache at {url} (prefix {prefix})")
    with stack.api(env) as server:
        cases = main_cases(stack.users, tokens, stack.args.connections)
        outcome.results["redis"] = run_main_cases(bench, server, cases, floors)
        outcome.memory["redis_after_cases_mb"] = worker_rss_mb(server)


def run_main_cases(
    bench: Bench, server: Server, cases: list[Case], floors: dict[str, Load | None]
) -> list[Result]:
    """The main cases; `floors` are reused (measured with another cache: the floor does not
    touch the cache), the missing ones measured."""
    results = []
    for case in cases:
        if bench.args.cases and case.name not in bench.args.cases:
            continue
        if case.name == "list_304":
            reply = fetch(server.port, "GET", case.path, bearer(case.token))
            case.if_none_match = reply.headers.get("etag", "")
        results.append(bench.measure(server, case, floor=floors.get(case.name)))
    return results


def run_scaling(
    bench: Bench, stack: Stack, tokens: dict[str, str], ns: list[int]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """For each N, a fresh gunicorn: its workers' memory reflects that N alone."""
    rows: list[dict[str, Any]] = []
    memory: dict[str, Any] = {}
    for n in ns:
        name = f"bench_scale_{n}"
        writer = Writer(tokens[name], stack.users[name]["movie_ids"][0])
        log(f"scaling: N={n} (a fresh gunicorn)")
        with stack.api() as server:
            memory[f"n{n}_idle_mb"] = worker_rss_mb(server)
            for kind, path in (("list", LIST_PATH), ("page50", PAGE50_PATH)):
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
    """One row: `path` cached (with its floor), then right after a write."""

    def snapshot() -> None:
        memory[f"n{n}_after_{kind}_mb"] = worker_rss_mb(server)

    cached = bench.measure(
        server, Case(f"{kind}_n{n}", kind, path, writer.token), after_first_load=snapshot
    )
    # One connection, one user: each GET strictly after its own write, never cached.
    fresh = bench.measure(
        server,
        Case(f"{kind}_aw_n{n}", kind, path, writer.token, writers=[writer]),
        with_floor=False,
        connections=1,
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
    name = f"bench_scale_{n}"
    token = tokens[name]
    writers = [Writer(token, users[name]["movie_ids"][0])] if variant == "after_write" else []
    case = Case(f"page50_probe_{variant}_n{n}", "page50", PAGE50_PATH, token, writers=writers)
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
