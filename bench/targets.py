"""The issue's targets (N=1000, C=2, 2 gunicorn workers, 2 cores), judged on a run's figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench.cases import Result
from bench.report import fmt

TARGET_LIST_RATIO = 0.30
TARGET_AFTER_WRITE_RATIO = 0.03
TARGET_AFTER_WRITE_QUERIES = 4
TARGET_304_RATIO = 0.60
TARGET_DETAIL_RATIO = 0.20
TARGET_PAGE_SPREAD = 0.20
TARGET_WORKER_RSS_MB = 150.0


@dataclass
class Verdicts:
    """Each target: what it is, what was measured, whether it holds (None: not measured),
    and how busy the rest of the machine was meanwhile."""

    items: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        name: str,
        measured: str,
        holds: bool | None,
        *parts: Result | None,
        other: float = 0.0,
    ) -> None:
        other = max([other, *(r.other_cpu for r in parts if r is not None)])
        self.items.append(
            {"target": name, "measured": measured, "holds": holds, "other_cpu": round(other, 3)}
        )

    def ratio_at_least(self, result: Result | None, goal: float, name: str) -> None:
        ratio = result.ratio if result else None
        holds = None if ratio is None else ratio >= goal
        self.add(name, fmt(ratio, ".1%", "not measured"), holds, result)


def evaluate_targets(
    results: list[Result],
    rows: list[dict[str, Any]],
    memory: dict[str, Any],
    probe: dict[str, Any],
) -> list[dict[str, Any]]:
    verdicts = Verdicts()
    _judge_cases(verdicts, {r.case.name: r for r in results})
    if probe:
        _judge_page_spread(verdicts, probe)
    _judge_memory(verdicts, rows, memory)
    return verdicts.items


def _judge_cases(verdicts: Verdicts, by_name: dict[str, Result]) -> None:
    verdicts.ratio_at_least(
        by_name.get("list"), TARGET_LIST_RATIO, "full list unchanged >= 30% of its floor"
    )
    after_write = by_name.get("list_after_write")
    verdicts.ratio_at_least(
        after_write, TARGET_AFTER_WRITE_RATIO, "full list after a write >= 3% of its floor"
    )
    queries = after_write.queries if after_write else None
    verdicts.add(
        "full list after a write: at most 4 SQL queries",
        f"{queries} queries",
        None if queries is None else queries <= TARGET_AFTER_WRITE_QUERIES,
    )
    verdicts.ratio_at_least(
        by_name.get("list_304"), TARGET_304_RATIO, "conditional list (304) >= 60% of an empty 304"
    )
    verdicts.ratio_at_least(
        by_name.get("detail"), TARGET_DETAIL_RATIO, "movie detail >= 20% of its floor"
    )


def _judge_page_spread(verdicts: Verdicts, probe: dict[str, Any]) -> None:
    small, large = probe["n_small"], probe["n_large"]
    span = f"N={small:,} -> N={large:,}"
    a, b = probe["cached"][small], probe["cached"][large]
    # Under -c8 the p50 is mostly queueing: the server's CPU time per request is the
    # page's own cost. A page no slower at the larger N holds, however much faster.
    spread = (b.server_cpu_ms or 0) / (a.server_cpu_ms or 1) - 1
    verdicts.add(
        f"page of 50, cached: server time per request at most 20% more ({span})",
        f"{a.server_cpu_ms or 0:.2f} -> {b.server_cpu_ms or 0:.2f} ms CPU ({spread:+.0%}); "
        f"p50 {a.p50_ms:.1f} -> {b.p50_ms:.1f} ms",
        spread <= TARGET_PAGE_SPREAD,
        other=max(a.other_cpu or 0.0, b.other_cpu or 0.0),
    )
    a, b = probe["after_write"][small], probe["after_write"][large]
    # One connection: the GET's p50 is its service time.
    spread = b.p50_ms / a.p50_ms - 1 if a.p50_ms else 0.0
    verdicts.add(
        f"page of 50, right after a write: GET p50 (-c1) at most 20% more ({span})",
        f"{a.p50_ms:.1f} -> {b.p50_ms:.1f} ms ({spread:+.0%}); CPU per write+GET "
        f"{a.server_cpu_ms or 0:.1f} -> {b.server_cpu_ms or 0:.1f} ms",
        spread <= TARGET_PAGE_SPREAD,
        other=max(a.other_cpu or 0.0, b.other_cpu or 0.0),
    )


def _judge_memory(verdicts: Verdicts, rows: list[dict[str, Any]], memory: dict[str, Any]) -> None:
    biggest = max((row["n"] for row in rows), default=0)
    sizes = memory.get(f"n{biggest}_after_list_mb")
    if sizes:
        verdicts.add(
            f"worker RSS < 150 MB after serving the {biggest:,}-movie list (fresh gunicorn)",
            " / ".join(f"{s:.0f} MB" for s in sizes),
            max(sizes) < TARGET_WORKER_RSS_MB,
        )
