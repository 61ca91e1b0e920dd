"""The PostgreSQL backend (psycopg 3), selected by a ``postgresql://`` URL.

It runs the same SQL as the SQLite backend (placeholders rewritten to ``%s``) and ranks with the same
BM25 expression, so both return the same results on the same corpus. Batches are written in one
transaction under a transaction-level advisory lock (one writer at a time); bulk rows go through COPY.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from khabar.store.base import StoreError
from khabar.store.sql import SqlStore

_WRITE_LOCK = 0x6B686162  # "khab"


def _pg(sql: str) -> str:
    return sql.replace("?", "%s")


class PostgresStore(SqlStore):
    blob_type = "BYTEA"
    without_rowid = ""
    id_list_agg = "string_agg(DISTINCT CAST(m.entity_id AS TEXT), ',')"

    def __init__(self, url: str, *, analyzer: Callable[[str], Any] | None = None) -> None:
        import psycopg

        super().__init__(url, analyzer=analyzer)
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as err:
            raise StoreError(f"E323: cannot connect to PostgreSQL at {_redact(url)}: {str(err).strip()}") from None
        self._in_tx = False
        self._migrate()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(_pg(sql), params, prepare=False)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(_pg(sql), rows)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._conn.execute(_pg(sql), params).fetchall()

    def _table_exists(self, name: str) -> bool:
        return bool(self._query("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                                "AND table_name = ?", (name,)))

    def _id_lists(self, column: str, ids: Sequence[int]):
        ids = list(ids)
        if ids:
            yield f"{column} = ANY(?)", [ids]

    def _bulk_insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        with self._conn.cursor() as cur:
            with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _begin_write(self) -> None:
        self._conn.execute("BEGIN")
        self._in_tx = True
        self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))

    def _commit(self) -> None:
        self._conn.execute("COMMIT")
        self._in_tx = False

    def _rollback(self) -> None:
        if self._in_tx and not self._conn.closed:
            self._conn.execute("ROLLBACK")
        self._in_tx = False

    def close(self) -> None:
        if self._conn is not None and not self._conn.closed:
            self._rollback()
            self._conn.close()


def _redact(url: str) -> str:
    """The URL without its password."""
    import re

    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
