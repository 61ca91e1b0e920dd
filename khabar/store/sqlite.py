"""The SQLite backend (the default): one file, WAL journal, one connection that both reads and writes.

Each :meth:`add` batch runs in one ``BEGIN IMMEDIATE`` transaction, so a crash or Ctrl-C leaves the
file as it was after the last complete batch. ``:memory:`` gives a throw-away store (tests).

A batch commit appends the batch's pages to the write-ahead log; copying them into the database file
(a *checkpoint*, with its two ``fsync`` calls) is the slow, disk-bound half of a write. Once a store has
written, a :class:`Checkpointer` thread with its own connection does the checkpoints, so the writer
prepares and commits the next batch while the disk catches up: committed data is durable in the WAL
either way, and a crash at any point leaves the database consistent.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from itertools import chain
from pathlib import Path
from typing import Any, Callable, Sequence

from khabar.store.base import StoreError
from khabar.store.sql import SqlStore

# Rows per INSERT statement in bulk writes: one statement with many ``(?, ...)`` groups costs half as much
# per row as one statement per row (fewer VM starts and resets); kept under SQLite's 999-parameter limit.
ROWS_PER_INSERT = 50
MAX_PARAMETERS = 999

# A checkpoint that cannot keep up lets the WAL grow; past this size the checkpointer waits for the
# writer's current batch to commit and restarts the log from the beginning.
WAL_RESTART_BYTES = 256 * 1024 * 1024


class Checkpointer:
    """Copies committed WAL pages into the database file on a thread of its own.

    :meth:`wake` after every commit; :meth:`close` stops the thread (the store's own connection does the
    final checkpoint when it closes)."""

    def __init__(self, path: str, *, restart_bytes: int = WAL_RESTART_BYTES) -> None:
        self.path = path
        self.restart_bytes = restart_bytes
        self.error: BaseException | None = None
        self._wake = threading.Event()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="khabar-sqlite-checkpoint", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def close(self) -> None:
        self._stop = True
        self._wake.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=60.0)
        except sqlite3.Error as err:  # the writer falls back to checkpointing itself
            self.error = err
            return
        try:
            conn.execute("PRAGMA synchronous=NORMAL")
            while True:
                self._wake.wait()
                self._wake.clear()
                if self._stop:
                    break
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                if _size(f"{self.path}-wal") > self.restart_bytes:
                    conn.execute("PRAGMA wal_checkpoint(RESTART)").fetchall()
        except sqlite3.Error as err:
            self.error = err
        finally:
            conn.close()


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


class SqliteStore(SqlStore):
    blob_type = "BLOB"
    without_rowid = "WITHOUT ROWID"
    id_pk = "INTEGER PRIMARY KEY"  # the rowid itself

    def __init__(self, path: str | Path, *, analyzer: Callable[[str], Any] | None = None) -> None:
        path = str(path)
        super().__init__(path if path == ":memory:" else f"sqlite:///{path}", analyzer=analyzer)
        self.path = path
        self._checkpointer: Checkpointer | None = None
        if path != ":memory:":
            parent = Path(path).parent
            if not parent.is_dir():
                raise StoreError(f"E321: cannot create {path}: folder {parent} does not exist")
        try:
            self._conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
            self._conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as err:
            raise StoreError(f"E322: {path} is not a khabar SQLite database: {err}") from None
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA cache_size=-65536")
        self._conn.execute("PRAGMA temp_store=MEMORY")
        self._migrate()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

    def _key_lists(self, column: str, keys: Sequence[Any]):
        """One condition for any number of keys: the keys travel as one JSON array (no parameter limit)."""
        if keys:
            yield f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(list(keys), ensure_ascii=False)]

    def _lookup(self, table: str, key: str, columns: str, keys: Sequence[Any]) -> list[tuple]:
        """One join of the keys (a JSON array) with the table's unique index: a third cheaper than
        ``key IN (SELECT value FROM json_each(?))``, which first copies the keys into a temporary index."""
        if not keys:
            return []
        select = ", ".join(f"t.{c.strip()}" for c in columns.split(","))  # json_each has id and key columns too
        return self._conn.execute(f"SELECT {select} FROM json_each(?) AS k JOIN {table} AS t ON t.{key} = k.value",
                                  (json.dumps(list(keys), ensure_ascii=False),)).fetchall()

    def _add_entity_counts(self, updates: Sequence[tuple]) -> None:
        """The counts of known entities: one ``UPDATE … FROM (VALUES …)`` per 199 entities instead of one
        statement per entity (each id occurs once in ``updates``)."""
        per = MAX_PARAMETERS // 5
        for i in range(0, len(updates), per):
            part = updates[i:i + per]
            self._conn.execute(
                "WITH batch (documents, mentions, first_seen, last_seen, id) AS (VALUES "
                + ", ".join(["(?, ?, ?, ?, ?)"] * len(part)) + ") "
                "UPDATE entities SET documents = entities.documents + batch.documents, "
                "mentions = entities.mentions + batch.mentions, "
                "first_seen = CASE WHEN batch.first_seen IS NULL THEN entities.first_seen "
                "WHEN entities.first_seen IS NULL OR entities.first_seen > batch.first_seen THEN batch.first_seen "
                "ELSE entities.first_seen END, "
                "last_seen = CASE WHEN batch.last_seen IS NULL THEN entities.last_seen "
                "WHEN entities.last_seen IS NULL OR entities.last_seen < batch.last_seen THEN batch.last_seen "
                "ELSE entities.last_seen END "
                "FROM batch WHERE entities.id = batch.id", list(chain.from_iterable(part)))

    def _bulk_insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """INSERT ``rows`` with many rows per statement (whole groups), the rest one row per statement."""
        if not rows:
            return
        width = len(columns)
        per = max(1, min(ROWS_PER_INSERT, MAX_PARAMETERS // width))
        head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
        group = "(" + ", ".join("?" * width) + ")"
        full = len(rows) - len(rows) % per
        if full:
            flat = chain.from_iterable
            self._conn.executemany(head + ", ".join([group] * per),
                                   [tuple(flat(rows[i:i + per])) for i in range(0, full, per)])
        if full < len(rows):
            self._conn.executemany(head + group, rows[full:])

    def _table_exists(self, name: str) -> bool:
        return bool(self._query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))

    def _begin_write(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self._conn.execute("COMMIT")

    def add(self, records):
        result = super().add(records)
        if result.added:
            self._checkpoint_soon()
        return result

    add.__doc__ = SqlStore.add.__doc__

    def _checkpoint_soon(self) -> None:
        """Hand the checkpoint to the checkpointer thread (started by the first batch written to a file)."""
        if self.path == ":memory:":
            return
        cp = self._checkpointer
        if cp is None:
            self._conn.execute("PRAGMA wal_autocheckpoint=0")
            cp = self._checkpointer = Checkpointer(self.path, restart_bytes=WAL_RESTART_BYTES)
        if cp.error is not None:  # no second connection: checkpoint here, as SQLite would by itself
            self._conn.execute("PRAGMA wal_autocheckpoint=1000")
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            return
        cp.wake()

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
        if self._conn is not None:
            self._rollback()
            self._conn.close()
            self._conn = None
