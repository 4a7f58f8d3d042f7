"""What a case measured: one Sample per repeat (the case, its bare floor and its stack floor,
loaded in turn), and the medians over the repeats that the report and the targets use."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Any

from bench.cases import Case
from bench.load import Load

FLOORS = ("bare", "stack")


@dataclass
class Sample:
    """One repeat: the case and each floor, each the merge of its halves."""

    case: Load
    floors: dict[str, Load] = field(default_factory=dict)

    @property
    def other_cpu(self) -> float:
        return max(x.other_cpu or 0.0 for x in (self.case, *self.floors.values()))

    def ratio(self, floor: str) -> float | None:
        load = self.floors.get(floor)
        return self.case.rps / load.rps if load and load.rps else None

    def cpu_ratio(self, floor: str) -> float | None:
        load = self.floors.get(floor)
        if not load or not self.case.server_cpu_ms:
            return None
        return (load.server_cpu_ms or 0.0) / self.case.server_cpu_ms


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return median(present) if present else None


@dataclass
class Result:
    case: Case
    bytes: int = 0
    queries: int | None = None
    write_queries: int | None = None
    samples: list[Sample] = field(default_factory=list)
    skipped: str = ""
    connections: int = 0
    threads: int = 0

    @property
    def measured(self) -> bool:
        return bool(self.samples) and not self.skipped

    def case_figure(self, name: str) -> float | None:
        """The median over the repeats of one of the case's Load figures (rps, p50_ms, ...)."""
        return _median([getattr(s.case, name) for s in self.samples])

    def floor_figure(self, floor: str, name: str) -> float | None:
        return _median([getattr(s.floors[floor], name) for s in self.samples if floor in s.floors])

    def ratio(self, floor: str = "bare") -> float | None:
        return _median([s.ratio(floor) for s in self.samples])

    def cpu_ratio(self, floor: str = "bare") -> float | None:
        return _median([s.cpu_ratio(floor) for s in self.samples])

    @property
    def other_cpu(self) -> float:
        """The median over the repeats of the largest share that other processes took."""
        return _median([s.other_cpu for s in self.samples]) or 0.0

    @property
    def other_cpu_max(self) -> float:
        return max((s.other_cpu for s in self.samples), default=0.0)

    @property
    def errors(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for sample in self.samples:
            for key, value in sample.case.errors.items():
                total[key] = total.get(key, 0) + value
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "case": self.case.name,
            "request": f"GET {self.case.path}",
            "rotating_over": len(self.case.rotate) or None,
            "status": self.case.status,
            "bytes": self.bytes,
            "sql_queries": self.queries,
            "write_sql_queries": self.write_queries,
            "wrk": f"-t{self.threads} -c{self.connections}" if self.samples else None,
            "median": {
                "rps": _rounded(self.case_figure("rps"), 1),
                "p50_ms": _rounded(self.case_figure("p50_ms"), 2),
                "p99_ms": _rounded(self.case_figure("p99_ms"), 2),
                "server_cpu_ms": _rounded(self.case_figure("server_cpu_ms"), 3),
                **{f"{f}_floor_rps": _rounded(self.floor_figure(f, "rps"), 1) for f in FLOORS},
                **{f"ratio_{f}": _rounded(self.ratio(f), 4) for f in FLOORS},
                **{f"cpu_ratio_{f}": _rounded(self.cpu_ratio(f), 4) for f in FLOORS},
                "other_cpu": round(self.other_cpu, 3),
            },
            "samples": [
                {
                    "case": _load_as_dict(s.case),
                    **{f: _load_as_dict(x) for f, x in s.floors.items()},
                }
                for s in self.samples
            ],
            "skipped": self.skipped or None,
        }


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _load_as_dict(load: Load) -> dict[str, Any]:
    return {
        "rps": round(load.rps, 1),
        "p50_ms": round(load.p50_ms, 2),
        "p99_ms": round(load.p99_ms, 2),
        "requests": load.requests,
        "errors": load.errors,
        "other_cpu": _rounded(load.other_cpu, 3),
        "server_cpu_ms": _rounded(load.server_cpu_ms, 3),
        **load.extra,
    }
