"""The targets (issue 17: N=1000, C=2, 2 gunicorn workers, 2 cores), judged on the first
server command's cases with the locmem cache, against the bare floor; each for every list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench.cases import LIST_PATHS
from bench.measures import Result

# case kind -> (the least share of the bare floor, what it means)
RATIO_TARGETS = {
    "list": (0.45, "full list, unchanged"),
    "detail": (0.20, "detail, across many items"),
    "304": (0.40, "conditional list answered 304 (of an empty answer's floor)"),
    "after-write-2c": (0.10, "list right after a write, one user on 2 connections"),
}
TARGET_ROUND_TRIPS = 4
TARGET_PAGE_SPREAD = 0.20
TARGET_WORKER_RSS_MB = 150.0


@dataclass
class Verdicts:
    """Each target: what it is, what was measured, whether it holds (None: not measured),
    by how much it misses, and how busy the rest of the machine was meanwhile."""

    items: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self, name: str, measured: str, holds: bool | None, other: float = 0.0, miss: str = ""
    ) -> None:
        self.items.append(
            {
                "target": name,
                "measured": measured,
                "holds": holds,
                "misses_by": miss if holds is False else "",
                "other_cpu": round(other, 3),
            }
        )


def evaluate_targets(
    results: list[Result],
    round_trips: dict[str, list[dict[str, Any]]],
    rows: list[dict[str, Any]],
    memory: dict[str, Any],
    probe: dict[str, Any],
) -> list[dict[str, Any]]:
    verdicts = Verdicts()
    by_name = {r.case.name: r for r in results}
    for kind, (goal, label) in RATIO_TARGETS.items():
        for lp in LIST_PATHS:
            _judge_ratio(verdicts, by_name.get(f"{lp.name}-{kind}"), goal, f"{lp.name}: {label}")
    for lp in LIST_PATHS:
        _judge_round_trips(verdicts, lp.name, round_trips.get(lp.name, []))
    if probe:
        _judge_page_spread(verdicts, probe)
    _judge_memory(verdicts, rows, memory)
    return verdicts.items


def _judge_ratio(verdicts: Verdicts, result: Result | None, goal: float, label: str) -> None:
    ratio = result.ratio("bare") if result and result.measured else None
    name = f"{label} >= {goal:.0%} of the bare floor"
    if ratio is None:
        verdicts.add(name, "not measured", None)
        return
    stack = result.ratio("stack")
    measured = f"{ratio:.1%} (of the stack floor: {stack:.1%})" if stack else f"{ratio:.1%}"
    miss = f"{(goal - ratio) * 100:.1f} points ({ratio / goal:.0%} of the target)"
    verdicts.add(name, measured, ratio >= goal, result.other_cpu, miss)


def _judge_round_trips(verdicts: Verdicts, name: str, rows: list[dict[str, Any]]) -> None:
    lists = [r for r in rows if r["what"].startswith("list") and r["status"] == 200]
    label = f"{name}: SQL round trips of an uncached full list, PostgreSQL's count"
    if not lists:
        verdicts.add(f"{label} <= {TARGET_ROUND_TRIPS}", "not measured", None)
        return
    worst = max(r["postgresql"] for r in lists)
    measured = ", ".join(f"{r['what']}: {r['postgresql']}" for r in lists)
    verdicts.add(
        f"{label} <= {TARGET_ROUND_TRIPS}",
        measured,
        worst <= TARGET_ROUND_TRIPS,
        miss=f"{worst - TARGET_ROUND_TRIPS} round trips",
    )


def _judge_page_spread(verdicts: Verdicts, probe: dict[str, Any]) -> None:
    small, large = probe["n_small"], probe["n_large"]
    span = f"N={small:,} -> N={large:,}"
    a, b = probe["cached"][small], probe["cached"][large]
    # Under load the p50 is mostly queueing: the server's CPU time per request is the page's
    # own cost. A page no slower at the larger N holds, however much faster.
    spread = (b.server_cpu_ms or 0) / (a.server_cpu_ms or 1) - 1
    verdicts.add(
        f"page of 50, cached: server time per request at most 20% more ({span})",
        f"{a.server_cpu_ms or 0:.2f} -> {b.server_cpu_ms or 0:.2f} ms CPU ({spread:+.0%}); "
        f"p50 {a.p50_ms:.1f} -> {b.p50_ms:.1f} ms",
        spread <= TARGET_PAGE_SPREAD,
        max(a.other_cpu or 0.0, b.other_cpu or 0.0),
        f"{(spread - TARGET_PAGE_SPREAD) * 100:.0f} points",
    )
    a, b = probe["after_write"][small], probe["after_write"][large]
    # One connection: the GET's p50 is its service time.
    spread = b.p50_ms / a.p50_ms - 1 if a.p50_ms else 0.0
    verdicts.add(
        f"page of 50, right after a write: GET p50 (-c1) at most 20% more ({span})",
        f"{a.p50_ms:.1f} -> {b.p50_ms:.1f} ms ({spread:+.0%}); CPU per write+GET "
        f"{a.server_cpu_ms or 0:.1f} -> {b.server_cpu_ms or 0:.1f} ms",
        spread <= TARGET_PAGE_SPREAD,
        max(a.other_cpu or 0.0, b.other_cpu or 0.0),
        f"{(spread - TARGET_PAGE_SPREAD) * 100:.0f} points",
    )


def _judge_memory(verdicts: Verdicts, rows: list[dict[str, Any]], memory: dict[str, Any]) -> None:
    biggest = max((row["n"] for row in rows), default=0)
    sizes = memory.get(f"n{biggest}_after_list_mb")
    if sizes:
        verdicts.add(
            f"worker RSS < 150 MB after serving the {biggest:,}-movie list (fresh gunicorn)",
            " / ".join(f"{s:.0f} MB" for s in sizes),
            max(sizes) < TARGET_WORKER_RSS_MB,
            miss=f"{max(sizes) - TARGET_WORKER_RSS_MB:.0f} MB",
        )
