"""Each source's reader: `read(data) -> Iterator[Item]`, raising SourceError for a file it
cannot read. Everything but the rows' own content is checked before a job is queued."""

from collections.abc import Callable, Iterator

from transfer.sources import clz, goodreads, letterboxd, libib, mycoll, mycoll_csv, trakt
from transfer.sources.base import Item

READERS: dict[str, Callable[[bytes], Iterator[Item]]] = {
    "mycoll": mycoll.read,
    "csv": mycoll_csv.read,
    "letterboxd": letterboxd.read,
    "goodreads": goodreads.read,
    "clz": clz.read,
    "libib": libib.read,
    "trakt": trakt.read,
}
