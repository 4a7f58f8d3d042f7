"""Django's PostgreSQL backend, with a health check that costs no round trip.

With CONN_HEALTH_CHECKS, Django checks a persistent connection before the first query of
each request; its PostgreSQL backend does so with a `SELECT 1`, a round trip as dear as the
query itself. An idle connection has nothing to read, though: when its socket is readable,
the server has closed it (a restart, pg_terminate_backend, an idle timeout) or is telling it
why it will. So this one asks the socket instead (poll(2), no wait), and libpq for the state
of the session; an unusable connection is then replaced before the request uses it, as with
`SELECT 1`. A connection lost without a word (a cable cut to a remote server) fails at its
first query instead, which answers 503 (mycoll.middleware), and is replaced at the next.
"""

import select

from django.db.backends.postgresql import base
from psycopg2 import extensions

IDLE = extensions.TRANSACTION_STATUS_IDLE
READABLE_OR_BROKEN = select.POLLIN | select.POLLPRI | select.POLLERR | select.POLLHUP


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed:
            return False
        if connection.info.transaction_status != IDLE:
            return super().is_usable()  # in a transaction: let PostgreSQL say
        poller = select.poll()
        poller.register(connection.fileno(), READABLE_OR_BROKEN)
        return not poller.poll(0)
