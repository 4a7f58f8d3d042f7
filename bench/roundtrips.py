"""SQL round trips as PostgreSQL counts them: a gunicorn whose own sessions log every
statement (`log_statement=all`, set in their connection options by bench.settings when
BENCH_LOG_STATEMENTS=1: no other session logs more than before), and the server's log, read
through SQL (pg_read_file: the bench's user must be a superuser, as it is on loopback)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from bench.cases import LIST_PATHS, ListPath, Writer, username
from bench.progress import log
from bench.runner import bearer, write
from bench.services import Database
from livetest import Server, fetch

LOG_STATEMENTS_ENV = "BENCH_LOG_STATEMENTS"
MARKERS = ("LOG:  statement: ", "LOG:  execute ")


@dataclass
class StatementLog:
    database: Database
    path: str

    def size(self) -> int:
        return int(self.database.query("SELECT size FROM pg_stat_file(%s)", (self.path,))[0][0])

    def statements_since(self, offset: int) -> list[str]:
        """The statements of the bench's database logged after `offset`."""
        time.sleep(0.2)  # the backends write their lines before answering; a margin anyway
        end = self.size()
        text = self.database.query(
            "SELECT pg_read_file(%s, %s, %s)", (self.path, offset, max(0, end - offset))
        )[0][0]
        found = []
        for line in text.splitlines():
            marker = next((m for m in MARKERS if m in line), None)
            if marker and f"@{self.database.name} " in line:
                found.append(line.split(marker, 1)[1].strip())
        return found


def find_statement_log(database: Database, explicit: str | None) -> StatementLog | None:
    """The server's log file: --pg-log, else pg_current_logfile() (logging_collector on),
    else Debian's /var/log/postgresql/postgresql-<major>-<cluster>.log; None if unreadable."""
    import psycopg2

    try:
        path = explicit or database.query("SELECT pg_current_logfile()")[0][0]
        if not path:
            major = database.query("SHOW server_version_num")[0][0][:-4]
            cluster = PurePosixPath(database.query("SHOW data_directory")[0][0]).name
            path = f"/var/log/postgresql/postgresql-{major}-{cluster}.log"
        if not str(path).startswith("/"):
            path = f"{database.query('SHOW data_directory')[0][0]}/{path}"
        statement_log = StatementLog(database, str(path))
        statement_log.size()
        return statement_log
    except psycopg2.Error as error:  # not a superuser, no such file: say so, and go on
        log(f"round trips: PostgreSQL's log is not readable ({error}); skipped")
        return None


@dataclass
class Counter:
    """Requests to `server`, each with the statements PostgreSQL logged for it."""

    statement_log: StatementLog
    server: Server

    def get(self, label: str, path: str, headers: dict[str, str]) -> dict[str, Any]:
        offset = self.statement_log.size()
        reply = fetch(self.server.port, "GET", path, {**headers, "X-Bench-Count-Queries": "1"})
        statements = self.statement_log.statements_since(offset)
        return {
            "request": f"GET {path}",
            "what": label,
            "status": reply.status,
            "postgresql": len(statements),
            "in_process": int(reply.headers.get("x-bench-queries", "-1")),
            "statements": [s[:120] for s in statements],
        }


def count_round_trips(
    statement_log: StatementLog, server: Server, users: dict[str, Any], tokens: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """For each list, in a fresh one-worker server: the list uncached (nothing rendered yet),
    right after a write, its 304, and one item right after a write."""
    counter = Counter(statement_log, server)
    counts: dict[str, list[dict[str, Any]]] = {}
    for lp in LIST_PATHS:
        main = username("bench_main", lp.medium)
        counts[lp.name] = _list_round_trips(counter, lp, users[main], tokens[main])
        for row in counts[lp.name]:
            log(f"  {row['what']}: {row['postgresql']} statements ({row['request']})")
    return counts


def _list_round_trips(
    counter: Counter, lp: ListPath, user: dict[str, Any], token: str
) -> list[dict[str, Any]]:
    server = counter.server
    ids = user["ids"][lp.name]
    writer = Writer(token, lp.detail.format(id=ids[-1]), lp.write_field)
    auth = bearer(token)
    rows = [counter.get("list, nothing cached", lp.path, auth)]
    write(server, writer)
    rows.append(counter.get("list right after a write", lp.path, auth))
    etag = fetch(server.port, "GET", lp.path, auth).headers.get("etag", "")
    rows.append(counter.get("conditional list (304)", lp.path, {**auth, "If-None-Match": etag}))
    write(server, writer)
    rows.append(counter.get("item right after a write", writer.path, auth))
    return rows
