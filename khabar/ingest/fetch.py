"""Polite HTTP fetching: timeouts, retries with back-off, a per-host rate limit, conditional GET.

Conditional GET: the ``ETag`` and ``Last-Modified`` of every page fetched are kept in a
:class:`Validators` mapping (the ingest runner keeps it in the store, table ``fetch_state``); the next
fetch of the same URL sends ``If-None-Match`` / ``If-Modified-Since`` and a ``304 Not Modified`` answer
comes back as ``FetchResult.not_modified`` without a body.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, MutableMapping
from urllib.parse import urlparse

from khabar.errors import InputError

USER_AGENT = "khabar/0.1 (+https://github.com/khabar; offline Persian news analysis)"
RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(slots=True)
class FetchResult:
    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class Fetcher:
    """Fetches URLs with ``httpx``. ``min_interval`` is the least time (s) between two requests to the
    same host; ``retries`` how often a timeout, connection error, 429 or 5xx is retried (back-off
    ``backoff * 2**attempt`` s). ``validators`` maps URL → (etag, last_modified)."""

    timeout: float = 15.0
    retries: int = 2
    backoff: float = 0.5
    min_interval: float = 1.0
    max_bytes: int = 20 * 1024 * 1024
    validators: MutableMapping[str, tuple[str | None, str | None]] = field(default_factory=dict)
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _client: object = None

    def _http(self):
        if self._client is None:
            import httpx

            self._client = httpx.Client(timeout=self.timeout, follow_redirects=True,
                                        headers={"User-Agent": USER_AGENT})
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _wait_for_host(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            delay = self.min_interval - (time.monotonic() - last)
            if delay > 0:
                self.sleep(delay)
        self._last[host] = time.monotonic()

    def get(self, url: str, *, conditional: bool = True) -> FetchResult:
        """GET ``url``; raises :class:`InputError` naming the problem when it cannot be fetched."""
        import httpx

        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise InputError(f"E340: {url}: not an http(s) URL")
        headers = {}
        if conditional and url in self.validators:
            etag, modified = self.validators[url]
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        last_error = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for_host(parsed.hostname)
            try:
                response = self._http().get(url, headers=headers)
            except httpx.TimeoutException:
                last_error = f"timed out after {self.timeout:g} s"
                continue
            except httpx.HTTPError as err:
                last_error = f"{type(err).__name__}: {err}"
                continue
            if response.status_code in RETRY_STATUS:
                last_error = f"HTTP {response.status_code}"
                continue
            if response.status_code == 304:
                return FetchResult(url, 304)
            if response.status_code >= 400:
                raise InputError(f"E341: {url}: HTTP {response.status_code}")
            content = response.content
            if len(content) > self.max_bytes:
                raise InputError(f"E342: {url}: {len(content):,} bytes is larger than {self.max_bytes:,}")
            result = FetchResult(str(response.url), response.status_code, content,
                                 response.headers.get("content-type", ""), response.headers.get("etag"),
                                 response.headers.get("last-modified"))
            if result.etag or result.last_modified:
                self.validators[url] = (result.etag, result.last_modified)
            return result
        raise InputError(f"E343: {url}: failed after {self.retries + 1} attempts ({last_error})")
