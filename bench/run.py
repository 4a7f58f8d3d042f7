"""Benchmark the MyColl API against a bare Django floor and its own stack (bench/README.md).

Starts everything itself on loopback: a fresh PostgreSQL database, the fake TMDb, the API under
gunicorn (bench.settings: the real settings with DEBUG off, plus a floor view and a query
counter). Seeds users in bulk, drives each case with wrk for a fixed time, then serves the
same bytes from a bare view (the floor) under the same gunicorn settings, and reports every
case as a ratio to its floor. Stops what it started, even on error or Ctrl-C.

    .venv/bin/python bench/run.py [--quick] [--movies 1000] [--copies 2] [--duration 8] ...

Also `python -m bench.run` from the project's root. The parts live beside this file: cli
(options), stack and services (what a run starts), users (seeding, tokens), cases and runner
(one case against its floor), load and meters (wrk, CPU, memory), suites (the parts of a run),
targets and report.
"""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:
    # Run by path (`make bench`): Python put bench/ first on sys.path. Put the project's root
    # there instead, so that the modules below are bench.* as under `python -m bench.run`.
    BENCH_DIR = Path(__file__).resolve().parent
    sys.path[:] = [str(BENCH_DIR.parent), *(p for p in sys.path if Path(p).resolve() != BENCH_DIR)]

import contextlib
import signal
import time
from typing import Any

from bench import cli, report, stack, suites
from bench.load import Wrk, ensure_wrk
from bench.progress import log
from bench.runner import Bench
from bench.targets import evaluate_targets


def _interrupted(signum: int, frame: Any) -> None:
    log(f"{signal.Signals(signum).name}: stopping everything the bench started")
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = cli.parse_args(argv)
    started = time.monotonic()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _interrupted)
    wrk = Wrk(ensure_wrk(), args.duration, args.threads, args.connections)
    machine = report.machine_info()
    log(
        f"{machine['nproc']} CPUs ({machine['cpu_model']}); N={args.movies} C={args.copies}, "
        f"{args.workers} workers, servers {','.join(args.servers)}, wrk -t{args.threads} "
        f"-c{args.connections}, {args.duration} s x {args.repeat}, cache {args.cache}, "
        f"scale {args.scale}"
    )
    with contextlib.ExitStack() as exits:
        running = stack.start_stack(args, exits)
        bench = Bench(args, wrk, running.floor_dir, running.meter)
        outcome = suites.run_everything(bench, running, exits)
        outcome.targets = evaluate_targets(
            outcome.primary, outcome.round_trips, outcome.rows, outcome.scale_memory, outcome.probe
        )
        outcome.elapsed = time.monotonic() - started
    report.print_report(args, machine, outcome)
    report.save_and_print_json(report.report_json(args, machine, outcome), args.json_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
