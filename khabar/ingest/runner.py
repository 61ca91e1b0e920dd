"""Ingestion: articles → analysis (``khabar.load()``) → store, in batches, resumable.

Every batch is written in one transaction. Known content (same content hash) is recognised before the
analysis and skipped, so re-running an interrupted ingest only analyzes and stores what is missing.

>>> from khabar.store import open_store
>>> from khabar.ingest.article import Article
>>> from khabar.ingest.analysis import TextOnly
>>> store = open_store(":memory:")
>>> arts = [Article(body="متن خبر اول درباره تهران"), Article(body="متن خبر اول درباره تهران")]
>>> ingest(arts, store, pipeline=TextOnly()).to_dict()["added"]
1
"""
from __future__ import annotations

import time
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from khabar.ingest.article import Article, Failure
from khabar.store.records import content_hash, prepare

DEFAULT_BATCH = 64


@dataclass
class IngestSummary:
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: list[Failure] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "duplicates": self.duplicates, "near_duplicates": self.near_duplicates,
                "failed": len(self.failed), "skipped": self.skipped, "seconds": round(self.seconds, 2),
                "interrupted": self.interrupted,
                "failures": [{"input": f.origin, "reason": f.reason} for f in self.failed]}


class StoreValidators(MutableMapping):
    """The fetcher's URL → (ETag, Last-Modified) mapping, kept in the store's ``fetch_state`` table."""

    def __init__(self, store) -> None:
        self.store = store

    def __getitem__(self, url: str):
        found = self.store.fetch_state(url)
        if found is None:
            raise KeyError(url)
        return found

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and self.store.fetch_state(url) is not None

    def __setitem__(self, url: str, value) -> None:
        self.store.set_fetch_state(url, *value)

    def __delitem__(self, url: str) -> None:
        raise KeyError(url)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def ingest(items: Iterable[Article | Failure], store, *, pipeline=None, batch_size: int = DEFAULT_BATCH,
           progress: bool = False) -> IngestSummary:
    """Analyze and store ``items``; returns the summary (also when interrupted, with
    ``interrupted=True``, after the last complete batch was committed)."""
    if pipeline is None:
        from khabar.ingest.analysis import load_pipeline

        pipeline = load_pipeline()
    summary = IngestSummary()
    start = time.perf_counter()
    bar = _Progress() if progress else None
    batch: list[Article] = []
    try:
        for item in items:
            if isinstance(item, Failure):
                summary.failed.append(item)
            else:
                batch.append(item)
            if bar:
                bar.update(summary, len(batch))
            if len(batch) >= batch_size:
                _flush(batch, store, pipeline, summary)
                batch = []
        _flush(batch, store, pipeline, summary)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if bar:
            bar.close()
        summary.seconds = time.perf_counter() - start
    return summary


def _flush(batch: list[Article], store, pipeline, summary: IngestSummary) -> None:
    if not batch:
        return
    hashes = [content_hash(a.text) for a in batch]
    known = store.known_hashes(hashes)
    records, seen = [], set()
    for article, h in zip(batch, hashes):
        if h in known or h in seen:
            summary.duplicates += 1
            continue
        seen.add(h)
        meta = article.meta()
        meta["content_hash"] = h
        try:
            doc = pipeline(article.text, meta)
            records.append(prepare(doc))
        except KeyboardInterrupt:
            raise
        except Exception as err:  # one bad article must not stop the ingest
            summary.failed.append(Failure(article.origin, f"analysis failed: {type(err).__name__}: {err}"))
    result = store.add(records)
    summary.added += len(result.added)
    summary.duplicates += len(result.duplicates)
    summary.near_duplicates += result.near_duplicates


class _Progress:
    """A rich progress line on standard error: articles read, added, duplicates, failed."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                  console=Console(stderr=True), transient=True)
        self._task = self._progress.add_task("ingesting", total=None)
        self._progress.start()
        self._seen = 0

    def update(self, summary: IngestSummary, pending: int) -> None:
        self._seen += 1
        self._progress.update(self._task, description=(
            f"read {self._seen}  added {summary.added}  duplicates {summary.duplicates}  "
            f"failed {len(summary.failed)}  (batch {pending})"))

    def close(self) -> None:
        self._progress.stop()
