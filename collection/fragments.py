"""Each title's JSON kept as a fragment, keyed by the versions of the rows it was rendered
from: after a write, only what changed is rendered again, and a list is assembled from its
fragments (a detail is its own fragment).

A row's version is PostgreSQL's `xmin`, the transaction that wrote that version of the row:
whatever writes a row (the API, the admin, a shell, a queryset update, raw SQL) gives it a
new one. A fragment's key holds the version of every row it shows, read in the very query
that rendered it (a movie's: the movie's and each of its copies'), so a fragment never stands
for rows other than its own; a list asks for the current versions first, and renders only the
titles whose fragment does not match. xmin counts transactions in 32 bits and wraps after 2**32
of them: a fragment is never used once older than COLLECTION_CACHE_SECONDS, a time in which no
server runs four billion transactions.

Only PostgreSQL has row versions; on SQLite (local use) lists are rendered whole. Only reads
outside a transaction use or keep fragments: within a transaction, a row it wrote carries the
xmin that its next version in the same transaction will carry too.

The fragments live in each worker's memory (FragmentStore: bounded by
COLLECTION_FRAGMENT_BYTES, oldest out first): they are cheap to rebuild, and reading them back
must cost less than rendering them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from django.conf import settings
from django.db import connection
from django.db.models import BigIntegerField, F, Func

ENTRY_OVERHEAD = 200  # bytes a stored fragment costs beyond its own (key, tuple, version)


class RowVersion(Func):
    """The xmin of the row that a column reference names: RowVersion() for the query's own
    table, RowVersion("relation__id") for a joined one."""

    output_field = BigIntegerField()

    def __init__(self, column: str = "id") -> None:
        super().__init__(F(column))

    @property
    def convert_value(self) -> Callable[..., Any]:
        return self._convert_value_noop  # an int already: no converter to run on every row

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        column, params = compiler.compile(self.source_expressions[0])  # "alias"."id"
        return f"{column.rsplit('.', 1)[0]}.xmin::text::bigint", params


def fragments_enabled() -> bool:
    return connection.vendor == "postgresql" and not connection.in_atomic_block


@dataclass(frozen=True)
class Rendered:
    id: int
    version: Hashable
    json: bytes


class FragmentStore:
    """Fragments by kind and id, each with its version and when it was rendered; and which
    owners' whole lists of a kind were rendered lately (their fragments are likely here)."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[int, tuple[Hashable, bytes, float]]] = {}
        self._warm: dict[tuple[str, int], float] = {}
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, kind: str, id_: int, version: Hashable, born_after: float) -> bytes | None:
        entry = self._entries.get(kind, {}).get(id_)
        if entry is None or entry[0] != version or entry[2] < born_after:
            return None
        return entry[1]

    def lookup(
        self, kind: str, wanted: list[tuple[int, Hashable]], born_after: float
    ) -> tuple[list[bytes | None], list[int]]:
        """For each (id, version) wanted, its fragment or None; and the ids of the Nones."""
        entries = self._entries.get(kind, {})
        found: list[bytes | None] = []
        missing = []
        for id_, version in wanted:
            entry = entries.get(id_)
            if entry is not None and entry[0] == version and entry[2] >= born_after:
                found.append(entry[1])
            else:
                found.append(None)
                missing.append(id_)
        return found, missing

    def put(self, kind: str, rendered: Iterable[Rendered], now: float) -> None:
        with self._lock:
            entries = self._entries.setdefault(kind, {})
            for item in rendered:
                old = entries.pop(item.id, None)
                if old is not None:
                    self._bytes -= len(old[1]) + ENTRY_OVERHEAD
                entries[item.id] = (item.version, item.json, now)
                self._bytes += len(item.json) + ENTRY_OVERHEAD
            self._evict()

    def _evict(self) -> None:
        budget = settings.COLLECTION_FRAGMENT_BYTES
        while self._bytes > budget * 3 // 4 and any(self._entries.values()):
            # The oldest out, in one go (each kind's entries are in the order they came in).
            for entries in self._entries.values():
                if entries and self._bytes > budget * 3 // 4:
                    _, json, _ = entries.pop(next(iter(entries)))
                    self._bytes -= len(json) + ENTRY_OVERHEAD

    def is_warm(self, kind: str, owner_id: int, now: float) -> bool:
        return self._warm.get((kind, owner_id), float("-inf")) >= now - _max_age()

    def mark_warm(self, kind: str, owner_id: int, now: float) -> None:
        self._warm[(kind, owner_id)] = now

    def __len__(self) -> int:
        return sum(map(len, self._entries.values()))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._warm.clear()
            self._bytes = 0


def _max_age() -> float:
    return float(settings.COLLECTION_CACHE_SECONDS)


STORE = FragmentStore()


@dataclass(frozen=True)
class FragmentSource:
    """How one owner's titles of one kind are read: `versions()` their ids and current
    versions, in the list's order (one query); `render(ids)` renders those titles (all of the
    list's when ids is None), each with the versions of the rows it was rendered from."""

    kind: str
    owner_id: int
    versions: Callable[[], list[tuple[int, Hashable]]]
    render: Callable[[list[int] | None], list[Rendered]]


def fragments(source: FragmentSource, whole_list: bool = True) -> list[bytes]:
    """The titles' JSON, in order: kept fragments whose versions are current, the others
    rendered and kept. An owner whose whole list was not rendered lately is rendered at once
    (one query fewer than asking for the versions first)."""
    now = time.monotonic()
    if not STORE.is_warm(source.kind, source.owner_id, now):
        rendered = source.render(None)
        STORE.put(source.kind, rendered, now)
        if whole_list:
            STORE.mark_warm(source.kind, source.owner_id, now)
        return [item.json for item in rendered]
    wanted = source.versions()
    found, missing = STORE.lookup(source.kind, wanted, now - _max_age())
    if not missing:
        return found
    rendered = source.render(missing)
    STORE.put(source.kind, rendered, now)
    fresh = {item.id: item.json for item in rendered}
    # A title gone between the two queries is left out, as a list read a moment later would.
    return [
        json if json is not None else fresh[id_]
        for (id_, _), json in zip(wanted, found, strict=True)
        if json is not None or id_ in fresh
    ]


def fetch_all(rows: Any) -> list[tuple]:
    """A values_list's rows in one round trip, as the driver gives them: for columns that
    need no converting (ids, row versions)."""
    return _run(*rows.query.sql_with_params())


def _run(sql: str, params: Any) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class CompiledQuery:
    """A values_list whose SQL is compiled once per process, then run with other values: for
    the hottest reads (a plain list's row versions, one item), where the ORM would take
    longer to build the statement than the database to answer it. `build(*values)` makes the
    queryset; it is compiled with stand-ins for the values, which must reach the SQL as
    parameters of their own (ids do). Rows come as the ORM gives them (its converters)."""

    STAND_INS = tuple(-(10**15) - n for n in range(8))

    def __init__(self, build: Callable[..., Any]) -> None:
        self.build = build
        self._compiled: tuple[str, list, list] | None = None

    def _compile(self, arity: int) -> tuple[str, list, list]:
        stand_ins = self.STAND_INS[:arity]
        compiler = self.build(*stand_ins).query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = [(stand_ins.index(p) if p in stand_ins else None, p) for p in params]
        found = compiler.get_converters([column for column, _, _ in compiler.select])
        converters = [(i, expression, tuple(c)) for i, (c, expression) in found.items()]
        return sql, slots, converters

    def rows(self, *values: int) -> list[tuple]:
        if self._compiled is None:
            self._compiled = self._compile(len(values))
        sql, slots, converters = self._compiled
        rows = _run(sql, [p if i is None else values[i] for i, p in slots])
        if not converters:
            return rows
        return [self._converted(list(row), converters) for row in rows]

    @staticmethod
    def _converted(row: list, converters: list) -> tuple:
        for index, expression, functions in converters:
            for convert in functions:
                row[index] = convert(row[index], expression, connection)
        return tuple(row)


def fragment_json(value: Any) -> bytes:
    """`value` as the lists render it (orjson, datetimes as DRF writes them), in bytes of its
    own size: orjson's keep its buffer's spare room, kilobytes for a small object, which a
    store of ten thousand fragments would hold on to."""
    return memoryview(orjson.dumps(value, option=orjson.OPT_UTC_Z)).tobytes()


def json_array_of(parts: list[bytes]) -> bytes:
    """The JSON array of fragments: the same bytes as orjson's of the objects they are,
    copied once (a list of 10,000 titles is megabytes)."""
    if not parts:
        return b"[]"
    parts[0] = b"[" + parts[0]
    parts[-1] += b"]"  # the same part when there is one
    return b",".join(parts)
