"""The report: the machine, a table per cache, the scaling table, worker memory, the targets,
and one JSON line with everything (also saved under bench/results/)."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.load import Load
from bench.measures import Result
from bench.services import server_options
from bench.suites import Outcome
from livetest import ROOT

RESULTS_DIR = ROOT / "bench" / "results"
NOISY = 0.10  # other processes took more than this share of the CPUs: figures are low
CASE_NOTES = [
    "bare: the same bytes from a Django project of one view, no middleware, no database, under "
    "the same gunicorn command line; stack: from a view behind the API's own middleware.",
    "ratio: req/s over the floor's; each figure the median of the repeats (case and floors "
    "loaded in turn: case, bare, stack, stack, bare, case).",
    "CPU ms: server CPU per request (gunicorn workers + the PostgreSQL backends), case and "
    "bare floor; its ratio is what a server with CPUs of its own would show.",
    "other: share of all CPUs that processes outside the bench took during the case or its "
    f"floors, median of the repeats ('!' above {NOISY:.0%}: the machine was busy).",
]


def fmt(value: float | None, spec: str = ",.1f", none: str = "-") -> str:
    return none if value is None else format(value, spec)


def noise(value: float) -> str:
    return f"{value:.0%}" + ("!" if value > NOISY else "")


# --- The machine -------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "git": _revision(),
        "nproc": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "free_h": _memory(),
    }


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return ""


def _memory() -> str:
    free = shutil.which("free")
    if not free:
        return ""
    return subprocess.run(  # noqa: S603
        [free, "-h"], capture_output=True, text=True, check=False
    ).stdout.strip()


def _revision() -> str:
    """The commit, and how many tracked files differ from it."""
    git = shutil.which("git")
    if not git:
        return ""
    head = subprocess.run(  # noqa: S603
        [git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(  # noqa: S603
        [git, "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    return f"{head} + {len(changed)} changed files" if changed else head


# --- Tables ------------------------------------------------------------------------------------


def print_main_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}")
    header = (
        f"{'case':<22} {'bytes':>9} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'SQL':>3} | "
        f"{'bare req/s':>10} {'ratio':>6} | {'stack req/s':>11} {'ratio':>6} | "
        f"{'CPU ms':>6} {'bare':>5} {'ratio':>6} | {'other':>5}  wrk"
    )
    print(header)
    print("-" * len(header))
    notes = []
    for r in results:
        print(_main_row(r))
        if r.measured and r.write_queries is not None:
            notes.append(
                f"{r.case.name}: each GET follows a PATCH ({r.write_queries} SQL) on the same "
                "connection; req/s, latency and CPU ms count the GETs only (CPU ms: the "
                "write's included)."
            )
        if r.measured and r.case.rotate:
            notes.append(f"{r.case.name}: {len(r.case.rotate):,} items requested in turn.")
    for note in notes + CASE_NOTES:
        print(f"  {note}")


def _main_row(r: Result) -> str:
    if not r.measured:
        return f"{r.case.name:<22} skipped: {r.skipped[:90]}"
    errors = f"  errors {r.errors}" if r.errors else ""
    return (
        f"{r.case.name:<22} {r.bytes:>9,} {fmt(r.case_figure('rps')):>8} "
        f"{fmt(r.case_figure('p50_ms'), '.2f'):>7} {fmt(r.case_figure('p99_ms'), '.2f'):>7} "
        f"{r.queries!s:>3} | {fmt(r.floor_figure('bare', 'rps')):>10} "
        f"{fmt(r.ratio('bare'), '.1%'):>6} | {fmt(r.floor_figure('stack', 'rps')):>11} "
        f"{fmt(r.ratio('stack'), '.1%'):>6} | {fmt(r.case_figure('server_cpu_ms'), '.2f'):>6} "
        f"{fmt(r.floor_figure('bare', 'server_cpu_ms'), '.2f'):>5} "
        f"{fmt(r.cpu_ratio('bare'), '.1%'):>6} | {noise(r.other_cpu):>5}  "
        f"-t{r.threads} -c{r.connections}{errors}"
    )


def print_round_trips(round_trips: dict[str, list[dict[str, Any]]]) -> None:
    if not round_trips:
        return
    print("\nSQL round trips: PostgreSQL's statement log (and the in-process count), one worker")
    for name, rows in round_trips.items():
        for row in rows:
            print(
                f"  {name:<7} {row['what']:<26} {row['postgresql']:>2} ({row['in_process']:>2})  "
                f"{row['request']} -> {row['status']}"
            )
            for statement in row["statements"]:
                print(f"{'':<12}{statement[:100]}")


def print_scaling_table(rows: list[dict[str, Any]]) -> None:
    print("\nScaling: one user with N movies (cached: wrk as above; after a write: -t1 -c1)")
    header = (
        f"{'case':<7} {'N':>6} {'bytes':>10} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'ratio':>6} {'CPU ms':>6} {'SQL':>3} | {'after a write: req/s':>20} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'CPU ms':>6} {'SQL':>3} | {'other':>5}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(_scaling_row(row))
    print("  ratio: of the bare floor. after a write: CPU ms includes the write before each GET.")


def _scaling_row(row: dict[str, Any]) -> str:
    c: Result = row["cached"]
    w: Result = row["after_write"]
    if not c.measured or not w.measured:
        return f"{row['kind']:<7} {row['n']:>6} skipped: {c.skipped or w.skipped}"
    other = max(c.other_cpu, w.other_cpu)
    return (
        f"{row['kind']:<7} {row['n']:>6,} {c.bytes:>10,} {fmt(c.case_figure('rps')):>8} "
        f"{fmt(c.case_figure('p50_ms'), '.2f'):>7} {fmt(c.case_figure('p99_ms'), '.2f'):>7} "
        f"{fmt(c.ratio('bare'), '.1%'):>6} {fmt(c.case_figure('server_cpu_ms'), '.2f'):>6} "
        f"{c.queries!s:>3} | {fmt(w.case_figure('rps')):>20} "
        f"{fmt(w.case_figure('p50_ms'), '.2f'):>7} {fmt(w.case_figure('p99_ms'), '.2f'):>7} "
        f"{fmt(w.case_figure('server_cpu_ms'), '.2f'):>6} {w.queries!s:>3} | {noise(other):>5}"
    )


# --- The whole report --------------------------------------------------------------------------


def print_report(args: argparse.Namespace, machine: dict[str, Any], outcome: Outcome) -> None:
    print(
        f"\nMyColl API vs its floors - {machine['date']}, {machine['nproc']} CPUs "
        f"({machine['cpu_model']}); N={args.movies} titles x C={args.copies} copies; gunicorn "
        f"{args.workers} workers ({', '.join(args.servers)}); wrk -t{args.threads} "
        f"-c{args.connections}, {args.duration} s per case and floor x {args.repeat}; "
        f"PostgreSQL {args.pg_url}; code {machine['git']}"
    )
    for key, results in outcome.results.items():
        command, cache = key.split(", ")
        gunicorn = " ".join(server_options(command, None))
        print_main_table(f"Cases: server {command} (gunicorn {gunicorn}), cache {cache}", results)
    print_round_trips(outcome.round_trips)
    if outcome.rows:
        print_scaling_table(outcome.rows)
    _print_memory(outcome)
    _print_targets(outcome.targets, outcome.primary_key)
    print(f"\nTotal time {outcome.elapsed:.0f} s")


def _print_memory(outcome: Outcome) -> None:
    print("\nWorker memory (VmRSS, MB, one figure per worker)")
    snapshots = {k: v for k, v in outcome.memory.items() if k != "scaling"}
    for key, value in (snapshots | outcome.scale_memory).items():
        print(f"  {key:<24} {' / '.join(f'{s:.0f}' for s in value)}")


def _print_targets(targets: list[dict[str, Any]], judged: str) -> None:
    print(f"\nTargets (N=1000, C=2, 2 workers, 2 cores; server {judged})")
    for t in targets:
        verdict = {True: "HOLDS", False: "MISSES", None: "n/a"}[t["holds"]]
        miss = f"; misses by {t['misses_by']}" if t["misses_by"] else ""
        busy = f" [noisy: other CPU {t['other_cpu']:.0%}]" if t["other_cpu"] > NOISY else ""
        print(f"  {verdict:<7} {t['target']}: {t['measured']}{miss}{busy}")


def report_json(
    args: argparse.Namespace, machine: dict[str, Any], outcome: Outcome
) -> dict[str, Any]:
    return {
        "machine": machine,
        "settings": {
            "movies": args.movies,
            "copies": args.copies,
            "duration_s": args.duration,
            "repeat": args.repeat,
            "servers": {c: server_options(c, None) for c in args.servers},
            "threads": args.threads,
            "connections": args.connections,
            "workers": args.workers,
            "scale": args.scale,
            "cache": args.cache,
        },
        "cases": {key: [r.as_dict() for r in rs] for key, rs in outcome.results.items()},
        "round_trips": outcome.round_trips,
        "scaling": [
            {
                "n": row["n"],
                "kind": row["kind"],
                "cached": row["cached"].as_dict(),
                "after_write": row["after_write"].as_dict(),
            }
            for row in outcome.rows
        ],
        "page_probe": {
            variant: {str(n): _probe_load(x) for n, x in outcome.probe[variant].items()}
            for variant in ("cached", "after_write")
            if outcome.probe
        },
        "memory_mb": outcome.memory,
        "targets": outcome.targets,
        "elapsed_s": round(outcome.elapsed, 1),
    }


def _probe_load(load: Load) -> dict[str, float]:
    return {
        "rps": round(load.rps, 1),
        "p50_ms": round(load.p50_ms, 2),
        "p99_ms": round(load.p99_ms, 2),
        "server_cpu_ms": round(load.server_cpu_ms or 0.0, 3),
        "other_cpu": round(load.other_cpu or 0.0, 3),
    }


def save_and_print_json(report: dict[str, Any], out: Path | None) -> None:
    """The report as one JSON line: saved to `out` (or bench/results/<time>.json), printed."""
    line = json.dumps(report, separators=(",", ":"))
    out = out or RESULTS_DIR / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(line + "\n")
    print(f"(saved to {out})")
    print(line)
