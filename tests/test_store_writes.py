"""How SQLite batches are written: bulk statements, and checkpoints on the checkpointer thread."""
from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

import pytest

from khabar.store import open_store
from khabar.store import sqlite as sqlite_backend
from store_support import ANALYZER, corpus, records

CHECKPOINT_THREAD = "khabar-sqlite-checkpoint"


def _checkpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == CHECKPOINT_THREAD]


def _copies(n: int):
    """``n`` distinct records (new content hashes) made from the five documents of the test corpus."""
    base = records()
    return [replace(base[k % len(base)], content_hash=f"{k:064x}") for k in range(n)]


@pytest.mark.parametrize("rows, per", [
    (0, 50), (1, 50), (49, 50), (50, 50), (51, 50), (173, 50),  # whole groups of rows, then the rest
])
def test_sqlite_bulk_insert_writes_every_row_once(tmp_path, monkeypatch, rows, per):
    monkeypatch.setattr(sqlite_backend, "ROWS_PER_INSERT", per)
    with open_store(str(tmp_path / "k.db"), analyzer=ANALYZER) as store:
        store._begin_write()
        store._bulk_insert("fetch_state", ("url", "etag", "last_modified", "fetched_at"),
                           [(f"https://irna.ir/{i}", f"«{i}»", None, "2024") for i in range(rows)])
        store._commit()
        got = store._query("SELECT url, etag FROM fetch_state ORDER BY rowid")
    assert got == [(f"https://irna.ir/{i}", f"«{i}»") for i in range(rows)]


def test_sqlite_checkpointer_starts_with_the_first_batch_and_stops_on_close(tmp_path):
    before = len(_checkpoint_threads())
    store = open_store(str(tmp_path / "k.db"), analyzer=ANALYZER)
    assert len(_checkpoint_threads()) == before  # opening (and reading) starts no thread
    store.add(records())
    assert len(_checkpoint_threads()) == before + 1
    store.close()
    assert len(_checkpoint_threads()) == before


def test_sqlite_batches_are_visible_to_other_connections_and_survive_reopening(tmp_path):
    path = str(tmp_path / "k.db")
    with open_store(path, analyzer=ANALYZER) as store:
        for i in range(0, 60, 20):
            store.add(_copies(60)[i:i + 20])
            other = sqlite3.connect(path)
            assert other.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == i + 20
            other.close()
    with open_store(path, analyzer=ANALYZER) as store:
        assert store.stats()["documents"] == 60
        assert [h.document.title for h in store.search("شمخانی").hits][:1] in (["دیدار شمخانی"], ["تحریم‌ها"])


def test_sqlite_checkpointer_restarts_a_large_wal(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite_backend, "WAL_RESTART_BYTES", 1)  # restart after every batch
    path = tmp_path / "k.db"
    with open_store(str(path), analyzer=ANALYZER) as store:
        for i in range(0, 40, 10):
            store.add(_copies(40)[i:i + 10])
        store._checkpointer.close()  # let it finish its last checkpoint
        store._checkpointer = None
        wal = path.with_name("k.db-wal")
        # a restarted log is rewritten from its start: it never holds more than the last batch or two
        assert wal.stat().st_size < 4 * 1024 * 1024
        assert store.stats()["documents"] == 40


def test_sqlite_store_keeps_what_was_stored_when_a_batch_fails(tmp_path):
    path = str(tmp_path / "k.db")
    with open_store(path, analyzer=ANALYZER) as store:
        store.add(records(corpus()[:2]))
        bad = records(corpus()[2:])
        bad[1] = replace(bad[1], quotes=[{"start": 0}])  # no cue, content...: the batch fails mid-write
        with pytest.raises(KeyError):
            store.add(bad)
        assert store.stats()["documents"] == 2
        store.add(records(corpus()[2:]))  # the writer's caches were reset: ids stay consistent
        assert store.stats()["documents"] == 5
    with open_store(path, analyzer=ANALYZER) as store:
        assert store.stats()["documents"] == 5
        assert {e.name for e in store.entities(top=50)} >= {"علی شمخانی", "عباس عراقچی", "استقلال تهران"}
