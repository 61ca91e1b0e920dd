"""RSS/Atom feeds served on 127.0.0.1 by the test: item pages fetched, conditional GET, retries,
timeouts, per-host rate limit, and the ``khabar ingest`` command on a feed URL."""
from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from khabar.cli import main
from khabar.errors import InputError
from khabar.ingest.analysis import TextOnly
from khabar.ingest.fetch import Fetcher
from khabar.ingest.runner import StoreValidators, ingest
from khabar.ingest.sources import SourceReader
from khabar.store import open_store

from test_ingest_pages import page

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>اخبار</title><link>{base}/</link>
<item><title>سفر به چین</title><link>{base}/news/1</link><pubDate>Mon, 05 Jun 2023 10:00:00 GMT</pubDate></item>
<item><title>نشست تهران</title><link>/news/2</link></item>
<item><title>حذف شده</title><link>{base}/news/gone</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>اخبار</title>
<entry><title>سفر به چین</title><link href="{base}/news/1"/><updated>2023-06-05T10:00:00Z</updated></entry>
</feed>"""


class Site:
    """A tiny news site: pages with ETags (304 on If-None-Match), a flaky page, a slow page."""

    def __init__(self) -> None:
        self.hits: Counter[tuple[str, int]] = Counter()
        self.flaky_left = 1
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                status, ctype, body = site.route(self.path)
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                site.hits[(self.path, status)] += 1
                self.send_response(status)
                if status in (200, 304):
                    self.send_header("ETag", etag)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def route(self, path: str) -> tuple[int, str, bytes]:
        if path == "/rss":
            return 200, "application/rss+xml", RSS.format(base=self.base).encode()
        if path == "/atom":
            return 200, "application/atom+xml", ATOM.format(base=self.base).encode()
        if path == "/news/1":
            return 200, "text/html; charset=utf-8", page("سفر به چین - اخبار تسنیم").encode()
        if path == "/news/2":
            html = page("نشست تهران - ایرنا", head='<meta property="article:published_time" content="۱۴۰۲/۰۴/۰۱">')
            return 200, "text/html; charset=utf-8", html.replace("وزیر", "سخنگوی وزارت").encode()
        if path == "/flaky":
            if self.flaky_left:
                self.flaky_left -= 1
                return 503, "text/plain", b"busy"
            return 200, "text/html", page("خبر دیرهنگام - ایسنا").encode()
        if path == "/slow":
            time.sleep(1.0)
            return 200, "text/html", b""
        return 404, "text/plain", b"not found"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    with Site() as s:
        yield s


def _reader(store, **kw) -> SourceReader:
    return SourceReader(fetcher=Fetcher(min_interval=0.0, backoff=0.01, validators=StoreValidators(store), **kw))


def test_feed_ingest_fetches_item_pages_then_uses_conditional_get(site, tmp_path):
    with open_store(tmp_path / "k.db", analyzer=TextOnly()) as store:
        summary = ingest(_reader(store).read([site.base + "/rss"]), store, pipeline=TextOnly())
        assert (summary.added, [f.reason for f in summary.failed]) == (2, ["E341: " + site.base + "/news/gone: HTTP 404"])
        infos = store.documents()
        assert sorted((d.title, d.published) for d in infos) == [("سفر به چین", "2023-06-05"),
                                                                  ("نشست تهران", "2023-06-22")]
        assert store.fetch_state(site.base + "/news/1")[0].startswith('"')
        reader = _reader(store)
        again = ingest(reader.read([site.base + "/rss"]), store, pipeline=TextOnly())
        assert again.added == 0 and sorted(reader.skipped) == [site.base + "/news/1", site.base + "/news/2"]
        assert site.hits[("/news/1", 304)] == 1 and site.hits[("/news/1", 200)] == 1
        assert store.stats()["documents"] == 2


def test_feed_atom_feed(site, tmp_path):
    with open_store(tmp_path / "k.db", analyzer=TextOnly()) as store:
        [item] = list(_reader(store).read([site.base + "/atom"]))
        assert item.title == "سفر به چین" and "گفت‌وگو" in item.body


def test_feed_fetch_retries_server_errors(site):
    result = Fetcher(min_interval=0.0, backoff=0.01).get(site.base + "/flaky")
    assert result.status == 200 and site.hits[("/flaky", 503)] == 1


@pytest.mark.parametrize("path, retries, message", [
    ("/slow", 0, "timed out"),
    ("/missing", 2, "HTTP 404"),
])
def test_feed_fetch_errors_name_the_problem(site, path, retries, message):
    with pytest.raises(InputError, match=message):
        Fetcher(min_interval=0.0, timeout=0.3, retries=retries, backoff=0.01).get(site.base + path)


def test_feed_fetch_rejects_non_http_urls():
    with pytest.raises(InputError, match="E340"):
        Fetcher().get("ftp://example.com/x")


def test_feed_fetch_waits_between_requests_to_one_host(site):
    waits: list[float] = []
    fetcher = Fetcher(min_interval=5.0, sleep=waits.append)
    fetcher.get(site.base + "/news/1")
    fetcher.get(site.base + "/news/2")
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0


def test_feed_cli_ingest_and_search(site, tmp_path, capsys):
    db = str(tmp_path / "cli.db")
    assert main(["ingest", site.base + "/rss", "--db", db, "--rate", "0", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["added"], summary["failed"]) == (2, 1)
    assert main(["search", "سخنگوی وزارت", "--db", db, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [h["title"] for h in result["hits"]] == ["نشست تهران"]
    assert main(["search", '"سخنگوی', "--db", db]) == 2
    assert "E303" in capsys.readouterr().err
