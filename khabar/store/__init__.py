"""The corpus store: analyzed documents and what was extracted from them, searchable.

>>> from khabar.store import open_store
>>> with open_store(":memory:") as store:
...     store.search("ایران").total
0
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from khabar.store.base import (AddResult, DocumentInfo, EntityProfile, EntityRecord, EventRecord, QuoteRecord,
                               SearchHit, SearchResult, SearchSyntaxError, Store, StoreError)

DEFAULT_DB = "khabar.db"

__all__ = ["AddResult", "DocumentInfo", "EntityProfile", "EntityRecord", "EventRecord", "QuoteRecord",
           "SearchHit", "SearchResult", "SearchSyntaxError", "Store", "StoreError", "open_store", "DEFAULT_DB"]


def open_store(url: str | Path | None = None, *, analyzer: Callable[[str], Any] | None = None) -> Store:
    """Open (creating on first use) the store at ``url``:

    * a path or ``sqlite:///path`` → SQLite file (default ``khabar.db``); ``:memory:`` → in-memory SQLite
    * ``postgresql://user@host:port/db`` (or ``postgres://``) → PostgreSQL

    ``analyzer`` turns a query string into a tokenized Document (default: khabar's text stages plus the
    tagger and lemmatizer, built on the first search)."""
    url = str(url or DEFAULT_DB)
    if url.startswith(("postgresql://", "postgres://")):
        from khabar.store.postgres import PostgresStore

        return PostgresStore(url, analyzer=analyzer)
    if "://" in url and not url.startswith("sqlite:///"):
        raise StoreError(f"E324: unknown store URL {url!r}; use a file path, sqlite:///path or postgresql://...")
    from khabar.store.sqlite import SqliteStore

    path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
    return SqliteStore(path, analyzer=analyzer)
