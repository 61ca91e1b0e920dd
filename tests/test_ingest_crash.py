"""Crash safety with real articles: ``khabar ingest`` killed with SIGKILL mid-run leaves a consistent
database; running the same command again resumes without duplicates."""
from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import numpy as np
import pytest

from khabar.document import Document
from khabar.store import open_store

N_ARTICLES = 40


def consistency_problems(db: str) -> list[str]:
    """Every invariant the store keeps between its tables; empty when consistent."""
    conn = sqlite3.connect(db)
    q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
    checks = {
        "corpus_stats.documents": "SELECT (SELECT value FROM corpus_stats WHERE key = 'documents') "
                                  "- (SELECT COUNT(*) FROM documents)",
        "corpus_stats.total_length": "SELECT (SELECT value FROM corpus_stats WHERE key = 'total_length') "
                                     "- (SELECT COALESCE(SUM(length), 0) FROM documents)",
        "orphan terms": "SELECT COUNT(*) FROM postings WHERE term_id NOT IN (SELECT id FROM terms)",
        "orphan postings": "SELECT COUNT(*) FROM postings WHERE block NOT IN (SELECT id FROM documents)",
        "content rows": "SELECT (SELECT COUNT(*) FROM document_content) - (SELECT COUNT(*) FROM documents)",
        "term rows": "SELECT (SELECT COUNT(*) FROM document_terms) - (SELECT COUNT(*) FROM documents)",
        "orphan bands": "SELECT COUNT(*) FROM doc_bands WHERE grp NOT IN (SELECT id FROM documents)",
        "orphan doc_entities": "SELECT COUNT(*) FROM doc_entities WHERE doc_id NOT IN (SELECT id FROM documents)",
        "entities.documents": "SELECT COUNT(*) FROM entities e WHERE documents <> "
                              "(SELECT COUNT(*) FROM doc_entities d WHERE d.entity_id = e.id)",
        "orphan quotes": "SELECT COUNT(*) FROM quotes WHERE doc_id NOT IN (SELECT id FROM documents)",
        "orphan events": "SELECT COUNT(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)",
        "duplicate hashes": "SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM documents",
    }
    problems = [name for name, sql in checks.items() if q(sql)[0][0] != 0]
    stored = {r[0] for r in q("SELECT id FROM documents")}
    posted = set()
    for (blob,) in q("SELECT doc_ids FROM postings"):
        posted.update(np.frombuffer(blob, dtype="<u4").tolist())
    if posted != stored:
        problems.append("postings documents")
    conn.close()
    return problems


def _documents(db: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def articles(shared_data, tmp_path_factory):
    """A test-time copy of real Fars and Varzesh3 articles (in a temporary folder, never committed)."""
    path = tmp_path_factory.mktemp("articles") / "news.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for name in ("farsnews-lmcourse", "varzesh3-lmcourse"):
            with open(shared_data / name / "train.jsonl", encoding="utf-8") as fh:
                out.writelines(itertools.islice(fh, N_ARTICLES // 2))
    return path


def _ingest_command(articles, db):
    return [sys.executable, "-m", "khabar", "ingest", str(articles), "--db", db, "--batch-size", "4",
            "--no-progress", "--json"]


def test_crash_sigkill_mid_ingest_then_resume(articles, tmp_path):
    db = str(tmp_path / "crash.db")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(_ingest_command(articles, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while _documents(db) < 8 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed: " + proc.stderr.read().decode()[-500:]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _documents(db)
    assert 8 <= partial < N_ARTICLES
    assert consistency_problems(db) == []

    done = subprocess.run(_ingest_command(articles, db), capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-1000:]
    summary = json.loads(done.stdout)
    assert summary["duplicates"] >= partial and summary["failed"] == 0
    assert _documents(db) == partial + summary["added"] == N_ARTICLES
    assert consistency_problems(db) == []

    # the stored documents are the real analysis, and search finds real articles
    with open(articles, encoding="utf-8") as fh:
        first = json.loads(fh.readline())
    with open_store(db) as store:
        doc = store.document(1)
        assert isinstance(doc, Document) and doc.tokens and doc.meta["url"].startswith("https://www.")
        word = max(first["title"].split(), key=len)
        hits = store.search(word, limit=50).hits
        assert any(h.document.url == first["link"] for h in hits)
        assert store.stats()["documents"] == N_ARTICLES
