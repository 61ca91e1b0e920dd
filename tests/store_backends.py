"""Fixtures that open a fresh store on each backend: SQLite (a temporary file) and PostgreSQL (a fresh
schema on the server named by ``KHABAR_TEST_POSTGRES_URL``; ``scripts/test.sh`` starts one).

Without that variable the PostgreSQL tests are skipped locally but FAIL in CI (``CI`` set), so that a
CI run can never silently test one backend only."""
from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

from khabar.store import open_store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def postgres_url() -> str:
    url = os.environ.get("KHABAR_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("KHABAR_TEST_POSTGRES_URL is not set in CI: run the suite with scripts/test.sh")
        pytest.skip("KHABAR_TEST_POSTGRES_URL not set (scripts/test.sh starts a PostgreSQL server)")
    return url


class PostgresSchema:
    """A throw-away schema; the store URL selects it through ``search_path``."""

    def __init__(self) -> None:
        import psycopg

        self.base = postgres_url()
        self.name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {self.name}")
        sep = "&" if "?" in self.base else "?"
        self.url = f"{self.base}{sep}options={quote(f'-csearch_path={self.name}')}"

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {self.name} CASCADE")


def store_url(backend: str, tmp_path, request) -> str:
    if backend == "sqlite":
        return str(tmp_path / "khabar.db")
    schema = PostgresSchema()
    request.addfinalizer(schema.drop)
    return schema.url


def open_backend(backend: str, tmp_path, request, **kwargs):
    store = open_store(store_url(backend, tmp_path, request), **kwargs)
    request.addfinalizer(store.close)
    return store
