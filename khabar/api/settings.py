"""The API's settings: one explicit, immutable object passed to :func:`khabar.api.app.create_app`.

Nothing is read from the environment behind the caller's back; :meth:`ApiSettings.from_env` is an explicit
helper for the ``khabar serve`` command (so the token need not appear on a command line).

>>> s = ApiSettings(api_token="secret", max_body_bytes=1_000)
>>> s.ingest_enabled, s.max_body_bytes
(True, 1000)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

# Environment variables read by ApiSettings.from_env (and only there).
ENV_TOKEN = "KHABAR_API_TOKEN"
ENV_READ_REQUIRES_TOKEN = "KHABAR_API_CLOSED"
ENV_DATABASE = "KHABAR_DB"


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """Everything the HTTP app needs to know.

    ``database``: a SQLite path or a ``postgresql://`` URL for the corpus store; ``None`` serves
    ``/analyze`` only (corpus endpoints answer 503 with a reason).
    ``api_token``: the token that ``POST /ingest`` needs (``Authorization: Bearer <token>``); without one,
    ingestion is switched off. ``read_requires_token`` closes the read endpoints behind the same token.
    """

    database: str | None = None
    api_token: str | None = None
    read_requires_token: bool = False
    # Limits
    max_body_bytes: int = 2 * 1024 * 1024
    max_text_chars: int = 200_000
    analysis_timeout: float = 20.0
    # Threads that run the pipeline. One by default: the stages' models (CRF taggers) are not guaranteed
    # to be safe to call from two threads at once, and the GIL leaves little to gain.
    analysis_workers: int = 1
    # Store connections, each on its own thread (reads run in parallel; ":memory:" always uses one).
    store_connections: int = 2
    default_page_size: int = 20
    max_page_size: int = 100
    max_query_chars: int = 500
    # The pipeline: stage names (None = khabar's default analysis) and per-stage options.
    stages: tuple[str, ...] | None = None
    stage_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # Serve the Persian web page at / (the API is always served).
    web: bool = True

    @property
    def ingest_enabled(self) -> bool:
        return bool(self.api_token)

    def replace(self, **changes: Any) -> "ApiSettings":
        return replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> "ApiSettings":
        """Settings from ``KHABAR_API_TOKEN``, ``KHABAR_API_CLOSED`` (1/true) and ``KHABAR_DB``, then
        ``overrides`` (keyword arguments whose value is not None win)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        if env.get(ENV_TOKEN):
            values["api_token"] = env[ENV_TOKEN]
        if env.get(ENV_READ_REQUIRES_TOKEN, "").strip().lower() in ("1", "true", "yes", "on"):
            values["read_requires_token"] = True
        if env.get(ENV_DATABASE):
            values["database"] = env[ENV_DATABASE]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
