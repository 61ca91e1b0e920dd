"""Sources of articles: plain text files and folders, JSON Lines, HTML pages, RSS/Atom feeds, WARC files.

:func:`read_inputs` turns command-line inputs (paths and URLs) into a stream of :class:`Article` and
:class:`Failure` items; nothing here touches the store.

JSON Lines fields are found by :class:`FieldMap` (``--field body=paragraphs``); the defaults read the
Fars News and Varzesh3 dumps in ``../shared/data`` as they are: ``title``, ``abstract`` (the agency lead),
``paragraphs`` (a list, joined by blank lines), ``link``; Fars publication dates come from the article id.
"""
from __future__ import annotations

import gzip
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator
from urllib.parse import urljoin

from khabar.errors import InputError
from khabar.ingest.article import Article, Failure, date_from_url, jalali_or_iso, source_from_url
from khabar.ingest.fetch import Fetcher
from khabar.inputs import decode_bytes

Item = Article | Failure

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonl.gz"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc.gz"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# Candidate JSON fields, in order of preference, for each article part.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "lead": ("abstract", "lead", "summary", "description"),
    "body": ("body", "text", "content", "paragraphs", "article"),
    "date": ("published", "date", "published_at", "pubDate", "datetime", "time"),
    "url": ("url", "link", "href"),
    "author": ("author", "authors", "byline"),
    "source": ("source", "site", "agency"),
    "topic": (),
}


@dataclass
class FieldMap:
    """Which JSON field holds which part. ``overrides`` from ``--field part=name`` replace the defaults
    (an empty name turns a part off: ``--field lead=``)."""

    overrides: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, specs: Iterable[str]) -> "FieldMap":
        out: dict[str, str] = {}
        for spec in specs or ():
            part, sep, name = spec.partition("=")
            part = part.strip()
            if not sep or part not in DEFAULT_FIELDS:
                raise InputError(f"E350: --field {spec!r}: use PART=NAME with PART one of {sorted(DEFAULT_FIELDS)}")
            out[part] = name.strip()
        return cls(out)

    def get(self, record: dict[str, Any], part: str) -> Any:
        names = (self.overrides[part],) if part in self.overrides else DEFAULT_FIELDS[part]
        for name in names:
            if name and record.get(name) not in (None, "", []):
                return record[name]
        return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "\n\n".join(str(v).strip() for v in value if v is not None and str(v).strip())
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("text"))
    return str(value)


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for double in (".jsonl.gz", ".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


@dataclass
class SourceReader:
    """Reads inputs into articles. ``source`` overrides the source name of every article."""

    fields: FieldMap = field(default_factory=FieldMap)
    fetcher: Fetcher | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    source: str | None = None
    skipped: list[str] = field(default_factory=list)

    def _fetcher(self) -> Fetcher:
        if self.fetcher is None:
            self.fetcher = Fetcher()
        return self.fetcher

    # --- dispatch ---------------------------------------------------------------------------
    def read(self, inputs: Iterable[str]) -> Iterator[Item]:
        for spec in inputs:
            if spec.startswith(("http://", "https://")):
                yield from self.read_url(spec)
                continue
            path = Path(spec)
            if not path.exists():
                yield Failure(spec, "no such file or folder")
            elif path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
                for p in files:
                    if suffix_of(p) in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES:
                        yield from self.read_file(p)
                    else:
                        self.skipped.append(str(p))
            else:
                yield from self.read_file(path)

    def read_file(self, path: Path, start: int = 0, stop: int | None = None) -> Iterator[Item]:
        """The items of one file; ``start``/``stop`` select them by position (the records of a JSON Lines
        file outside the range are skipped without being parsed)."""
        items = self._read_file(path, start, stop)
        if suffix_of(path) in JSONL_SUFFIXES or (start == 0 and stop is None):
            yield from items
        else:
            yield from itertools.islice(items, start, stop)

    def _read_file(self, path: Path, start: int, stop: int | None) -> Iterator[Item]:
        kind = suffix_of(path)
        try:
            if kind in JSONL_SUFFIXES:
                yield from self.read_jsonl(path, start, stop)
            elif kind in WARC_SUFFIXES:
                yield from self.read_warc(path)
            else:
                size = path.stat().st_size
                if size > self.max_bytes:
                    yield Failure(str(path), f"{size:,} bytes is larger than the limit of {self.max_bytes:,} "
                                             f"bytes for one document")
                    return
                data = path.read_bytes()
                if kind in HTML_SUFFIXES:
                    yield self._html(data, url=None, origin=str(path))
                elif kind in FEED_SUFFIXES:
                    yield from self.read_feed(data, origin=str(path))
                else:
                    yield self._text(data, origin=str(path))
        except InputError as err:
            yield Failure(str(path), _reason(err))
        except OSError as err:
            yield Failure(str(path), f"cannot read: {err.strerror or err}")

    # --- kinds ------------------------------------------------------------------------------
    def _text(self, data: bytes, *, origin: str) -> Item:
        decoded = decode_bytes(data, max_bytes=self.max_bytes, source=origin)
        text = decoded.text.strip()
        if not text:
            return Failure(origin, "empty: no text")
        return Article(body=text, source=self.source or "file", origin=origin,
                       extra={"encoding": decoded.encoding, "path": origin})

    def _html(self, data: bytes, *, url: str | None, origin: str) -> Item:
        from khabar.ingest.pages import extract_article

        if not data.strip():
            return Failure(origin, "empty: no bytes")
        try:
            decoded = decode_bytes(data, max_bytes=self.max_bytes, source=origin)
            article = extract_article(decoded.text, url=url, origin=origin)
        except InputError as err:
            return Failure(origin, _reason(err))
        if self.source:
            article.source = self.source
        article.extra["encoding"] = decoded.encoding
        return article

    def read_jsonl(self, path: Path, start: int = 0, stop: int | None = None) -> Iterator[Item]:
        """One item per non-blank line; ``start``/``stop`` count non-blank lines."""
        opener = gzip.open if path.name.endswith(".gz") else open
        index = -1
        with opener(path, "rb") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                index += 1
                if index < start:
                    continue
                if stop is not None and index >= stop:
                    return
                origin = f"{path}:{lineno}"
                if len(line) > self.max_bytes:
                    yield Failure(origin, f"line of {len(line):,} bytes is larger than {self.max_bytes:,}")
                    continue
                try:
                    record = json.loads(decode_bytes(line, max_bytes=self.max_bytes, source=origin).text)
                except (ValueError, InputError) as err:
                    yield Failure(origin, f"not valid JSON: {_reason(err)}")
                    continue
                if not isinstance(record, dict):
                    yield Failure(origin, "not a JSON object")
                    continue
                yield self.from_record(record, origin=origin)

    def from_record(self, record: dict[str, Any], *, origin: str) -> Item:
        f = self.fields
        body = _as_text(f.get(record, "body"))
        if not body or not body.strip():
            return Failure(origin, "no body text (map it with --field body=NAME)")
        url = _as_text(f.get(record, "url"))
        published = jalali_or_iso(_as_text(f.get(record, "date"))) or date_from_url(url)
        extra = {}
        topic = _as_text(f.get(record, "topic"))
        if topic:
            extra["topic"] = topic
        return Article(body=body, title=_as_text(f.get(record, "title")), lead=_as_text(f.get(record, "lead")),
                       url=url, source=self.source or _as_text(f.get(record, "source")) or source_from_url(url),
                       published=published, author=_as_text(f.get(record, "author")), origin=origin, extra=extra)

    def read_url(self, url: str) -> Iterator[Item]:
        try:
            result = self._fetcher().get(url, conditional=False)
        except InputError as err:
            yield Failure(url, _reason(err))
            return
        if _looks_like_feed(result.content_type, result.content):
            yield from self.read_feed(result.content, origin=url, base=result.url)
        else:
            yield self._html(result.content, url=result.url, origin=url)

    def read_feed(self, data: bytes, *, origin: str, base: str | None = None) -> Iterator[Item]:
        """Every item of an RSS/Atom feed, its page fetched (conditional GET); a page that has not
        changed since the last ingest (304) is skipped."""
        import feedparser

        feed = feedparser.parse(data)
        if feed.bozo and not feed.entries:
            yield Failure(origin, f"not a readable RSS/Atom feed ({feed.get('bozo_exception')})")
            return
        for entry in feed.entries:
            link = entry.get("link")
            if not link:
                yield Failure(origin, f"feed item {entry.get('title', '')!r} has no link")
                continue
            link = urljoin(base or origin, link)
            try:
                result = self._fetcher().get(link)
            except InputError as err:
                yield Failure(link, _reason(err))
                continue
            if result.not_modified:
                self.skipped.append(link)
                continue
            item = self._html(result.content, url=link, origin=link)
            if isinstance(item, Article):
                if not item.published:
                    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
                    if parsed:
                        item.published = "%04d-%02d-%02d" % tuple(parsed[:3])
                if not item.title and entry.get("title"):
                    item.title = entry["title"]
            yield item

    def read_warc(self, path: Path) -> Iterator[Item]:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        n = 0
        arc = suffix_of(path) == ".arc.gz"
        with open(path, "rb") as fh:
            try:
                for record in ArchiveIterator(fh):
                    if record.format == "arc" and not arc:
                        continue  # warcio reads any text as an old ARC record: not a WARC file
                    n += 1
                    if record.rec_type != "response" or record.http_headers is None:
                        continue
                    ctype = record.http_headers.get_header("Content-Type") or ""
                    if "html" not in ctype.lower():
                        continue
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    data = record.content_stream().read(self.max_bytes + 1)
                    if len(data) > self.max_bytes:
                        yield Failure(f"{path}#{url}", f"record larger than {self.max_bytes:,} bytes")
                        continue
                    yield self._html(data, url=url, origin=f"{path}#{url}")
            except ArchiveLoadFailed as err:
                yield Failure(str(path), f"not a readable WARC file ({str(err).strip()})")
                return
        if n == 0:
            yield Failure(str(path), "not a readable WARC file (no records)")


def _looks_like_feed(content_type: str, content: bytes) -> bool:
    ct = content_type.lower()
    if any(k in ct for k in ("rss", "atom", "/xml", "+xml")) and "xhtml" not in ct:
        return True
    head = content[:500].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in content[:2000].lower() or b"<feed" in content[:2000].lower())


def _reason(err: Exception) -> str:
    """The message of an error without the ``path:`` prefix that the summary already shows."""
    msg = str(err)
    return msg
