"""The SQLite backend (the default): one file, WAL journal, one connection that both reads and writes.

Each :meth:`add` batch runs in one ``BEGIN IMMEDIATE`` transaction, so a crash or Ctrl-C leaves the
file as it was after the last complete batch. ``:memory:`` gives a throw-away store (tests).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Callable, Sequence

from khabar.store.base import StoreError
from khabar.store.sql import SqlStore


class SqliteStore(SqlStore):
    blob_type = "BLOB"
    without_rowid = "WITHOUT ROWID"
    id_pk = "INTEGER PRIMARY KEY"  # the rowid itself

    def __init__(self, path: str | Path, *, analyzer: Callable[[str], Any] | None = None) -> None:
        path = str(path)
        super().__init__(path if path == ":memory:" else f"sqlite:///{path}", analyzer=analyzer)
        self.path = path
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

    def _table_exists(self, name: str) -> bool:
        return bool(self._query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))

    def _begin_write(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self._conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def close(self) -> None:
        if self._conn is not None:
            self._rollback()
            self._conn.close()
            self._conn = None
