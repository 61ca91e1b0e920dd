"""The store interface: what every backend (SQLite, PostgreSQL) offers, and the records it returns.

A store keeps analyzed documents (``khabar.document/1``) with their source, URL, publication date and
content hash, and the knowledge extracted from them in queryable tables:

* ``documents`` — one row per distinct content (the content hash is unique), with the document JSON;
* ``entities`` — merged ACROSS documents by label and normalized name (``PER|علی لاریجانی``);
* ``mentions``, ``quotes``, ``events`` (+ ``event_args``) — per document, with character offsets into the
  document's ``text``;
* ``terms`` / ``postings`` — khabar's own inverted index over lemma-aware terms, shared by both backends,
  so that both rank with the same BM25 function and give the same results.

Writes happen in batches, each in one transaction: a crash or Ctrl-C mid-ingest leaves every batch either
fully stored or not at all, and re-adding a document whose content hash is known stores nothing.

Open a store with :func:`khabar.store.open_store` (``khabar.db`` / ``sqlite:///path`` / ``postgresql://...``).

>>> from khabar.store import open_store
>>> store = open_store(":memory:")
>>> store.stats()["documents"]
0
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Protocol, Sequence, runtime_checkable

from khabar.errors import KhabarError


class StoreError(KhabarError):
    """The store cannot do what was asked (bad URL, unreachable server, schema from a newer khabar)."""


class SearchSyntaxError(StoreError):
    """A search query that cannot be parsed; the message says where and why."""


# --- what goes in ----------------------------------------------------------------------------


@dataclass(slots=True)
class AddResult:
    """Outcome of :meth:`Store.add`: ids of new documents, and content hashes that were already stored."""

    added: list[int] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_duplicates: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"added": len(self.added), "duplicates": len(self.duplicates),
                "near_duplicates": self.near_duplicates}


# --- what comes out --------------------------------------------------------------------------


@dataclass(slots=True)
class DocumentInfo:
    """A stored document's metadata (no analysis). ``group`` is the id of the first document of its
    near-duplicate group (equal to ``id`` for a document with no earlier near-duplicate)."""

    id: int
    content_hash: str
    source: str | None
    url: str | None
    title: str | None
    published: str | None
    topic: str | None
    group: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class SearchHit:
    """One search result. ``snippet`` is a window of the document text; ``highlights`` are the matched
    spans as ``[start, end]`` offsets into the document's ``text`` (not into the snippet);
    ``snippet_start`` is the offset of the snippet in the document text."""

    document: DocumentInfo
    score: float
    snippet: str
    snippet_start: int
    highlights: list[tuple[int, int]]

    def to_dict(self) -> dict[str, Any]:
        return {**self.document.to_dict(), "score": round(self.score, 6), "snippet": self.snippet,
                "snippet_start": self.snippet_start, "highlights": [list(h) for h in self.highlights]}


@dataclass(slots=True)
class SearchResult:
    query: str
    total: int
    hits: list[SearchHit]

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "hits": [h.to_dict() for h in self.hits]}


@dataclass(slots=True)
class EntityRecord:
    """An entity merged across documents: ``key`` is ``LABEL|normalized name``."""

    id: int
    key: str
    label: str
    name: str
    documents: int
    mentions: int
    first_seen: str | None = None
    last_seen: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class QuoteRecord:
    """A stored quote. ``start``/``end`` are offsets of the content in the document text."""

    document_id: int
    speaker_id: int | None
    speaker: str | None
    speaker_text: str | None
    cue: str
    content: str
    direct: bool
    start: int
    end: int
    published: str | None
    title: str | None
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EventRecord:
    """A stored event with its actors and targets resolved to merged entities ``{"id", "name", "label"}``."""

    document_id: int
    type: str
    cameo: str
    trigger: str | None
    start: int
    end: int
    date: str | None
    published: str | None
    actors: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    text: str
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EntityProfile:
    """Everything the corpus says about one entity: its roles, its mentions per month, the entities it
    appears with most often, and its statements (quotes where it is the speaker)."""

    entity: EntityRecord
    roles: list[tuple[str, int]]
    timeline: list[tuple[str, int]]
    cooccurring: list[tuple[EntityRecord, int]]
    quotes: list[QuoteRecord]

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity.to_dict(),
                "roles": [{"role": r, "count": n} for r, n in self.roles],
                "timeline": [{"month": m, "documents": n} for m, n in self.timeline],
                "cooccurring": [{**e.to_dict(), "together": n} for e, n in self.cooccurring],
                "quotes": [q.to_dict() for q in self.quotes]}


# --- the interface ---------------------------------------------------------------------------


@runtime_checkable
class Store(Protocol):
    """What every backend implements. All methods are safe to call in any order; writes are batched."""

    url: str

    def add(self, records: Sequence["DocumentRecord"]) -> AddResult:  # noqa: F821 (see records.py)
        """Store a batch of prepared documents (:func:`khabar.store.records.prepare`) in ONE transaction.

        Documents whose content hash is already stored (or repeated inside the batch) are skipped and
        reported in ``duplicates``; near-duplicates are stored and joined to their group."""

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The subset of ``hashes`` already stored (lets ingestion skip analysis of known content)."""

    def document(self, doc_id: int) -> "Document | None":  # noqa: F821
        """The stored analyzed document (``khabar.Document``) or None."""

    def document_info(self, doc_id: int) -> DocumentInfo | None:
        """A document's metadata or None."""

    def documents(self, *, limit: int = 50, offset: int = 0) -> list[DocumentInfo]:
        """Stored documents' metadata, newest publication date first."""

    def search(self, query: str, *, since: str | None = None, until: str | None = None,
               source: str | None = None, topic: str | None = None, entity: str | None = None,
               limit: int = 10, offset: int = 0) -> SearchResult:
        """Full-text search (syntax in :mod:`khabar.store.query`): words must all occur (lemma-aware),
        ``"..."`` is a phrase, ``-word`` excludes. Ranked by BM25 (k1=1.2, b=0.75), ties by newest.
        ``since``/``until`` are ISO dates (inclusive) on the publication date; ``entity`` is a name.
        Raises :class:`SearchSyntaxError` on a malformed query."""

    def quotes(self, *, speaker: str | None = None, about: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 50) -> list[QuoteRecord]:
        """Statements, newest first; ``speaker`` is an entity name (merged), ``about`` a name or word that
        the statement's content mentions."""

    def events(self, *, type: str | None = None, actor: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 50) -> list[EventRecord]:
        """Events, newest first; ``actor`` matches actors and targets by name."""

    def entities(self, *, top: int = 20, label: str | None = None) -> list[EntityRecord]:
        """Most-mentioned merged entities (by number of documents), optionally of one label."""

    def find_entities(self, name: str, *, label: str | None = None) -> list[EntityRecord]:
        """Merged entities whose normalized name equals ``name`` (normalized), best first."""

    def entity(self, name: str, *, label: str | None = None, limit: int = 20) -> EntityProfile | None:
        """The profile of the best-matching entity, or None."""

    def stats(self) -> dict[str, int]:
        """Row counts: documents, entities, mentions, quotes, events, terms, groups."""

    def fetch_state(self, url: str) -> tuple[str | None, str | None] | None:
        """The (ETag, Last-Modified) recorded when ``url`` was last fetched, or None."""

    def set_fetch_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Record a fetched URL's validators (for conditional GET next time)."""

    def schema_version(self) -> int:
        """The highest applied migration (``schema_migrations``)."""

    def close(self) -> None:
        """Close the connection (uncommitted work is rolled back)."""
