"""The store implementation shared by both backends: one set of SQL statements, one ranking function.

A backend (:mod:`khabar.store.sqlite`, :mod:`khabar.store.postgres`) supplies the connection, the DDL
type names, the write lock and bulk insertion; everything else — writes, BM25 search, queries — is here,
so SQLite and PostgreSQL give the same answers on the same corpus.
"""
from __future__ import annotations

import gc
import json
import math
import zlib
from array import array
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, timezone
from itertools import chain, repeat
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from khabar.store.base import (AddResult, DocumentInfo, EntityProfile, EntityRecord, EventRecord, QuoteRecord,
                               SearchHit, SearchResult, SearchSyntaxError, StoreError)
from khabar.store.query import Clause, parse_query
from khabar.store.ranking import match_positions, phrase_in, snippet, top_k, without
from khabar.store.records import DocumentRecord, document_terms, entities_within_quotes, entity_key
from khabar.store.schema import LATEST, MIGRATIONS

K1 = 1.2
B = 0.75
CHUNK = 500
# Phrase clauses are checked on the candidates' term sequences: at least PHRASE_SAMPLE (for the total),
# at most PHRASE_CHECK_LIMIT candidates; past that the total is scaled from the checked share.
PHRASE_SAMPLE = 500
PHRASE_CHECK_LIMIT = 2000
# Filters are checked on the candidates' ids up to this many candidates, else by listing the passing ids.
FILTER_BY_ID_LIMIT = 5000

_DOC_COLUMNS = "id, content_hash, source, url, title, published, topic, grp"
_QUOTE_SELECT = (
    "SELECT q.doc_id, q.speaker_id, e.name, q.speaker_text, q.cue, q.content, q.direct, q.start_char, "
    "q.end_char, q.published, d.title, d.url FROM quotes q JOIN documents d ON d.id = q.doc_id "
    "LEFT JOIN entities e ON e.id = q.speaker_id")


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


class SqlStore:
    """Base class of the backends. Subclasses set ``blob_type``, ``without_rowid`` and implement
    ``_execute``, ``_executemany``, ``_query``, ``_begin_write``, ``_commit``, ``_rollback``,
    ``_bulk_insert`` and ``close``."""

    blob_type = "BLOB"
    without_rowid = ""
    id_pk = "BIGINT PRIMARY KEY"
    id_list_agg = "group_concat(DISTINCT m.entity_id)"

    def __init__(self, url: str, *, analyzer: Callable[[str], Any] | None = None) -> None:
        self.url = url
        self._analyzer = analyzer
        # Writer-side caches of ids that exist (never stale: terms and entities are never deleted).
        self._term_ids: dict[str, int] = {}
        self._entity_ids: dict[str, int] = {}

    # --- backend hooks -----------------------------------------------------------------------
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None: raise NotImplementedError
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: raise NotImplementedError
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: raise NotImplementedError
    def _begin_write(self) -> None: raise NotImplementedError
    def _commit(self) -> None: raise NotImplementedError
    def _rollback(self) -> None: raise NotImplementedError
    def close(self) -> None: raise NotImplementedError

    def _bulk_insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_marks(len(columns))})",
                              rows)

    def _table_exists(self, name: str) -> bool: raise NotImplementedError

    def _id_lists(self, column: str, ids: Sequence[int]) -> Iterable[tuple[str, list[Any]]]:
        """``column IN (...)`` conditions with their parameters covering ``ids`` (chunked for SQLite's
        parameter limit; PostgreSQL overrides this with one ``= ANY(array)``)."""
        for part in _chunks(list(ids)):
            yield f"{column} IN ({_marks(len(part))})", list(part)

    def _key_lists(self, column: str, keys: Sequence[Any]) -> Iterable[tuple[str, list[Any]]]:
        """Like :meth:`_id_lists`, for the writer's look-ups of many keys (hashes, bands, terms, entity keys)."""
        return self._id_lists(column, keys)

    def _lookup(self, table: str, key: str, columns: str, keys: Sequence[Any]) -> list[tuple]:
        """``columns`` of the rows of ``table`` whose unique ``key`` is one of ``keys`` (distinct)."""
        rows: list[tuple] = []
        for condition, values in self._key_lists(key, keys):
            rows += self._query(f"SELECT {columns} FROM {table} WHERE {condition}", values)
        return rows

    def _add_entity_counts(self, updates: Sequence[tuple]) -> None:
        """Add a batch's ``(documents, mentions, first_seen, last_seen, id)`` to known entities: one statement
        per entity (counts, and the first/last publication dates seen)."""
        self._executemany(
            "UPDATE entities SET documents = documents + ?, mentions = mentions + ?, "
            "first_seen = CASE WHEN CAST(? AS TEXT) IS NULL THEN first_seen WHEN first_seen IS NULL "
            "OR first_seen > CAST(? AS TEXT) THEN CAST(? AS TEXT) ELSE first_seen END, "
            "last_seen = CASE WHEN CAST(? AS TEXT) IS NULL THEN last_seen WHEN last_seen IS NULL "
            "OR last_seen < CAST(? AS TEXT) THEN CAST(? AS TEXT) ELSE last_seen END WHERE id = ?",
            [(n, m, first, first, first, last, last, last, eid) for n, m, first, last, eid in updates])

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- schema ------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self._begin_write()
        try:
            if not self._table_exists("schema_migrations"):
                self._execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                              "description TEXT NOT NULL, applied_at TEXT NOT NULL)")
            rows = self._query("SELECT MAX(version) FROM schema_migrations")
            current = rows[0][0] or 0
            if current > LATEST:
                raise StoreError(f"E320: {self.url} has schema version {current}, newer than this khabar "
                                 f"({LATEST}); upgrade khabar")
            for version, description, statements in MIGRATIONS:
                if version <= current:
                    continue
                for stmt in statements:
                    self._execute(stmt.format(blob=self.blob_type, without_rowid=self.without_rowid, id_pk=self.id_pk,
                                              id_list_agg=self.id_list_agg))
                self._execute("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
                              (version, description, _now()))
            self._commit()
        except BaseException:
            self._rollback()
            raise

    def schema_version(self) -> int:
        return self._query("SELECT MAX(version) FROM schema_migrations")[0][0] or 0

    # --- writing -----------------------------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        hashes = list(dict.fromkeys(hashes))
        found: set[str] = set()
        found.update(r[0] for r in self._lookup("documents", "content_hash", "content_hash", hashes))
        return found

    def add(self, records: Sequence[DocumentRecord]) -> AddResult:
        result = AddResult()
        if not records:
            return result
        self._begin_write()
        try:
            with _gc_paused():
                self._add(records, result)
            self._commit()
        except BaseException:
            self._rollback()
            # A rolled-back batch may have put ids in the caches that no longer exist.
            self._term_ids.clear()
            self._entity_ids.clear()
            raise
        return result

    def _next_id(self, table: str) -> int:
        return (self._query(f"SELECT MAX(id) FROM {table}")[0][0] or 0) + 1

    def _add(self, records: Sequence[DocumentRecord], result: AddResult) -> None:
        known = self.known_hashes(r.content_hash for r in records)
        fresh: list[DocumentRecord] = []
        seen: set[str] = set()
        for rec in records:
            if rec.content_hash in known or rec.content_hash in seen:
                result.duplicates.append(rec.content_hash)
            else:
                seen.add(rec.content_hash)
                fresh.append(rec)
        if not fresh:
            return
        next_doc = self._next_id("documents")
        ids = list(range(next_doc, next_doc + len(fresh)))
        groups = self._assign_groups(fresh, ids, result)
        term_rows = self._write_terms(fresh, ids)
        now = _now()
        doc_rows, content_rows, sequence_rows = [], [], []
        for rec, doc_id, grp, tids in zip(fresh, ids, groups, term_rows):
            doc_rows.append((doc_id, rec.content_hash, rec.source, rec.url, rec.title, rec.published, rec.topic,
                             grp, len(rec.terms), now))
            content_rows.append((doc_id, _blob(rec.spans), rec.text, _blob(rec.doc_json)))
            sequence_rows.append((doc_id, tids))
        self._bulk_insert("documents", ("id", "content_hash", "source", "url", "title", "published", "topic",
                                        "grp", "length", "added_at"), doc_rows)
        self._bulk_insert("document_content", ("id", "spans", "text", "doc_json"), content_rows)
        self._bulk_insert("document_terms", ("id", "term_ids"), sequence_rows)
        self._write_knowledge(fresh, ids)
        total_length = sum(len(r.terms) for r in fresh)
        self._executemany("UPDATE corpus_stats SET value = value + ? WHERE key = ?",
                          [(len(fresh), "documents"), (total_length, "total_length")])
        result.added.extend(ids)

    def _assign_groups(self, fresh: Sequence[DocumentRecord], ids: Sequence[int], result: AddResult) -> list[int]:
        """Near-duplicate groups: a document joins the (smallest) group of any earlier document sharing an
        LSH band with it, else starts its own. Each band value is stored once, with the group that had it first."""
        bands = sorted({b for rec in fresh for b in rec.bands})
        band_group: dict[int, int] = {}
        band_group.update(self._lookup("doc_bands", "band", "band, grp", bands))
        groups, band_rows = [], []
        for rec, doc_id in zip(fresh, ids):
            matches = [band_group[b] for b in rec.bands if b in band_group]
            grp = min(matches) if matches else doc_id
            if matches:
                result.near_duplicates += 1
            for b in rec.bands:
                if b not in band_group:
                    band_group[b] = grp
                    band_rows.append((b, grp))
            groups.append(grp)
        self._bulk_insert("doc_bands", ("band", "grp"), band_rows)
        return groups

    def _write_terms(self, fresh: Sequence[DocumentRecord], ids: Sequence[int]) -> list[bytes]:
        """Term ids for the batch's terms (new terms inserted), document frequencies updated, and one
        postings row per term for the whole batch. Returns each document's packed term-id sequence.

        The whole batch is mapped at once: every document's distinct terms are looked up in one pass, and
        positions become term ids with one numpy gather over the concatenated batch."""
        term_ids = self._term_ids
        vocabs = [rec.vocab for rec in fresh]
        vocab_sizes = np.fromiter(map(len, vocabs), dtype=np.int64, count=len(vocabs))
        flat = list(chain.from_iterable(vocabs))
        # ids known to the writer's cache in one pass (term ids start at 1: 0 marks a term not in the cache)
        batch_vocab = np.fromiter(map(term_ids.get, flat, repeat(0)), dtype="<u4", count=len(flat))
        unknown = np.flatnonzero(batch_vocab == 0).tolist()
        new_terms: list[str] = []
        if unknown:
            missing = list(dict.fromkeys([flat[i] for i in unknown]))
            for tid, term in self._lookup("terms", "term", "id, term", missing):
                term_ids[term] = tid
            new_terms = [t for t in missing if t not in term_ids]
            if new_terms:
                nxt = self._next_id("terms")
                for offset, term in enumerate(new_terms):
                    term_ids[term] = nxt + offset
            batch_vocab[unknown] = [term_ids[flat[i]] for i in unknown]
        lengths = np.fromiter((len(rec.positions) for rec in fresh), dtype=np.int64, count=len(fresh))
        ends = np.cumsum(lengths)
        if not ends[-1]:
            if new_terms:
                self._bulk_insert("terms", ("id", "term"), [(term_ids[t], t) for t in new_terms])
            return [bytearray() for _ in fresh]
        # each document's positions index its own vocabulary: shift them to the batch vocabulary
        positions = np.concatenate([rec.positions for rec in fresh]).astype(np.int64, copy=False)
        positions += np.repeat(np.cumsum(vocab_sizes) - vocab_sizes, lengths)
        all_terms = batch_vocab[positions]
        packed = bytearray(all_terms)  # blobs as bytearray: see _blob
        bounds = (np.concatenate(([0], ends)) * 4).tolist()
        sequences = [packed[a:b] for a, b in zip(bounds, bounds[1:])]
        # postings: one (term, document) pair per entry of each document's vocabulary, its frequency counted
        # from the positions; sorting (term id, entry index) keys keeps each term's documents in id order
        # (a stable argsort by term, four times faster: the keys are unique, so any sort is stable)
        tfs = np.bincount(positions, minlength=len(batch_vocab))
        keys = (batch_vocab.astype(np.uint64) << np.uint64(32)) | np.arange(len(batch_vocab), dtype=np.uint64)
        keys.sort()
        order = (keys & np.uint64(0xFFFFFFFF)).astype(np.int64)
        order = order[tfs[order] > 0]
        post_terms = batch_vocab[order].astype(np.int64)
        post_docs = np.repeat(np.asarray(ids, dtype="<u4"), vocab_sizes)[order]
        post_dls = np.repeat(lengths.astype("<u4"), vocab_sizes)[order]
        post_tfs = np.minimum(tfs[order], 65535).astype("<u2")
        starts = np.concatenate(([0], np.flatnonzero(np.diff(post_terms)) + 1))
        stops = np.concatenate((starts[1:], [len(post_terms)]))
        block = int(ids[0])
        docs_b, tfs_b, dls_b = bytearray(post_docs), bytearray(post_tfs), bytearray(post_dls)
        rows = [(t, block, docs_b[4 * a:4 * b], tfs_b[2 * a:2 * b], dls_b[4 * a:4 * b])
                for t, a, b in zip(post_terms[starts].tolist(), starts.tolist(), stops.tolist())]
        if new_terms:
            # no document frequency column to keep up to date: df is the length of the postings list
            self._bulk_insert("terms", ("id", "term"), [(term_ids[t], t) for t in new_terms])
        self._bulk_insert("postings", ("term_id", "block", "doc_ids", "tfs", "dls"), rows)
        return sequences

    def _write_knowledge(self, fresh: Sequence[DocumentRecord], ids: Sequence[int]) -> None:
        """Entities (merged by key; new ones inserted with their counts, known ones updated once per batch),
        and the batch's document-entity links, mentions, quotes, events and event arguments."""
        entity_ids = self._entity_ids
        first_name: dict[str, tuple[str, str]] = {}
        for rec in fresh:
            for e in rec.entities:
                if e.key not in first_name:
                    first_name[e.key] = (e.label, e.name)
        missing = [k for k in first_name if k not in entity_ids]
        for eid, key in self._lookup("entities", "key", "id, key", missing):
            entity_ids[key] = eid
        new_keys = [k for k in missing if k not in entity_ids]
        new_ids: set[int] = set()
        if new_keys:
            nxt = self._next_id("entities")
            for offset, key in enumerate(new_keys):
                entity_ids[key] = nxt + offset
            new_ids = set(range(nxt, nxt + len(new_keys)))
        # per entity id: [documents, mentions, first_seen, last_seen] added by this batch
        counts: dict[int, list] = {}
        roles_json: dict[tuple[str, ...], str] = {}
        doc_entity_rows, quote_rows, event_rows, arg_rows = [], [], [], []
        next_quote = self._next_id("quotes")
        next_event = self._next_id("events")
        for rec, doc_id in zip(fresh, ids):
            published = rec.published
            seen = published or None
            local: dict[str, int] = {}
            for e in rec.entities:
                local_id = e.local_id
                if local_id in local:
                    continue
                eid = entity_ids[e.key]
                local[local_id] = eid
                mentions = e.mentions
                c = counts.get(eid)
                if c is None:
                    counts[eid] = [1, len(mentions), seen, seen]
                else:
                    c[0] += 1
                    c[1] += len(mentions)
                    if seen:
                        if c[2] is None or seen < c[2]:
                            c[2] = seen
                        if c[3] is None or seen > c[3]:
                            c[3] = seen
                if e.roles:
                    key = tuple(e.roles)
                    roles = roles_json.get(key)
                    if roles is None:
                        roles = roles_json[key] = json.dumps(e.roles, ensure_ascii=False)
                else:
                    roles = "[]"
                doc_entity_rows.append((doc_id, local_id, eid, roles, len(mentions), published))
            quotes = rec.quotes
            if quotes:
                within = rec.quote_entities
                if within is None or len(within) != len(quotes):  # quotes changed after prepare()
                    within = entities_within_quotes(quotes, rec.entities)
                for q, lids in zip(quotes, within):
                    quote_rows.append((next_quote, doc_id, local.get(q.get("speaker")), q.get("speaker_text"),
                                       q["cue"], q["content"], int(bool(q["direct"])), q["start"], q["end"],
                                       published, _id_list(local, lids)))
                    next_quote += 1
            for ev in rec.events:
                time = ev.get("time") or {}
                event_rows.append((next_event, doc_id, ev["type"], ev["cameo"], ev.get("trigger"), ev["start"],
                                   ev["end"], time.get("date"), published))
                for role, refs in (("actor", ev.get("actors", [])), ("target", ev.get("targets", []))):
                    arg_rows.extend((next_event, local[r], role) for r in refs if r in local)
                next_event += 1
        if new_keys:
            # new entities go in with this batch's counts (an entity key of the batch without a kept
            # mention row, e.g. a repeated local id, starts at zero like before)
            empty = [0, 0, None, None]
            self._bulk_insert("entities", ("id", "key", "label", "name", "documents", "mentions", "first_seen",
                                           "last_seen"),
                              [(entity_ids[k], k, *first_name[k], *counts.get(entity_ids[k], empty))
                               for k in new_keys])
        self._bulk_insert("doc_entities", ("doc_id", "local_id", "entity_id", "roles", "mentions", "published"),
                          doc_entity_rows)
        self._bulk_insert("quotes", ("id", "doc_id", "speaker_id", "speaker_text", "cue", "content", "direct",
                                     "start_char", "end_char", "published", "entity_ids"), quote_rows)
        self._bulk_insert("events", ("id", "doc_id", "type", "cameo", "trig", "start_char", "end_char", "date",
                                     "published"), event_rows)
        self._bulk_insert("event_args", ("event_id", "entity_id", "role"), arg_rows)
        updates = [(n, m, first, last, eid) for eid, (n, m, first, last) in counts.items() if eid not in new_ids]
        if updates:
            self._add_entity_counts(updates)

    # --- fetch state (conditional GET) ------------------------------------------------------
    def fetch_state(self, url: str) -> tuple[str | None, str | None] | None:
        """The (ETag, Last-Modified) recorded for ``url``, or None."""
        rows = self._query("SELECT etag, last_modified FROM fetch_state WHERE url = ?", (url,))
        return (rows[0][0], rows[0][1]) if rows else None

    def set_fetch_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Record the validators of a fetched URL (own transaction)."""
        self._begin_write()
        try:
            self._execute("INSERT INTO fetch_state (url, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                          "last_modified = excluded.last_modified, fetched_at = excluded.fetched_at",
                          (url, etag, last_modified, _now()))
            self._commit()
        except BaseException:
            self._rollback()
            raise

    # --- reading documents -------------------------------------------------------------------
    def document_info(self, doc_id: int) -> DocumentInfo | None:
        rows = self._query(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        return DocumentInfo(*rows[0]) if rows else None

    def document(self, doc_id: int):
        from khabar.document import Document

        rows = self._query("SELECT doc_json FROM document_content WHERE id = ?", (doc_id,))
        return Document.from_json(zlib.decompress(bytes(rows[0][0])).decode("utf-8")) if rows else None

    def documents(self, *, limit: int = 50, offset: int = 0) -> list[DocumentInfo]:
        """Stored documents, newest first."""
        rows = self._query(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY published DESC, id DESC "
                           f"LIMIT ? OFFSET ?", (limit, offset))
        return [DocumentInfo(*r) for r in rows]

    def stats(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "entities", "quotes", "events", "terms"):
            out[table] = self._query(f"SELECT COUNT(*) FROM {table}")[0][0]
        # mention spans are kept in the document JSON; doc_entities counts them per document and entity
        out["mentions"] = int(self._query("SELECT COALESCE(SUM(mentions), 0) FROM doc_entities")[0][0])
        out["groups"] = self._query("SELECT COUNT(DISTINCT grp) FROM documents")[0][0]
        return out

    # --- search ------------------------------------------------------------------------------
    def _analyze(self, text: str) -> list[str]:
        """Index terms of a query word or phrase, analyzed like the documents were."""
        if self._analyzer is None:
            self._analyzer = default_analyzer()
        return document_terms(self._analyzer(text))[0]

    def _term_stats(self, terms: Iterable[str]) -> dict[str, int]:
        """Term → id for the terms that are indexed."""
        terms = list(dict.fromkeys(terms))
        out: dict[str, int] = {}
        for part in _chunks(terms):
            for tid, term in self._query(f"SELECT id, term FROM terms WHERE term IN ({_marks(len(part))})", part):
                out[term] = tid
        return out

    def _resolve_clauses(self, clauses: Sequence[Clause]) -> list[tuple[Clause, list[str]]]:
        resolved = []
        for clause in clauses:
            terms = self._analyze(clause.text)
            if not terms:
                if clause.negated:
                    continue
                raise SearchSyntaxError(f"E308: {clause.text!r} has no searchable word (only punctuation)")
            if not clause.phrase and len(terms) > 1:
                # a word the tokenizer splits (e.g. with a hyphen) is searched as a phrase
                clause = Clause(clause.text, True, clause.negated)
            resolved.append((clause, terms))
        return resolved

    def search(self, query: str, *, since: str | None = None, until: str | None = None,
               source: str | None = None, topic: str | None = None, entity: str | None = None,
               limit: int = 10, offset: int = 0) -> SearchResult:
        clauses = self._resolve_clauses(parse_query(query))
        stats = self._term_stats(t for _, terms in clauses for t in terms)
        positive = [(c, terms) for c, terms in clauses if not c.negated]
        required = list(dict.fromkeys(t for _, terms in positive for t in terms))
        if not required or any(t not in stats for t in required):
            return SearchResult(query, 0, [])
        ids, scores = self._bm25(required, stats)
        for c, terms in clauses:
            if c.negated and not c.phrase and terms[0] in stats and ids.size:
                ids, scores = without(ids, scores, self._postings(stats[terms[0]])[0])
        if ids.size and (since or until or source or topic or entity):
            keep = self._filter_ids(ids, since, until, source, topic, entity)
            mask = np.isin(ids, keep)
            ids, scores = ids[mask], scores[mask]
        phrases = [(c, [stats.get(t, -1) for t in terms]) for c, terms in clauses
                   if c.phrase or (c.negated and len(terms) > 1)]
        if phrases:
            ids, scores = top_k(ids, scores, PHRASE_CHECK_LIMIT)
            ranked, total = self._phrase_filter(ids, scores, phrases, limit, offset)
        else:
            total = int(ids.size)
            ids, scores = top_k(ids, scores, offset + limit)
            ranked = list(zip(ids[offset:offset + limit].tolist(), scores[offset:offset + limit].tolist()))
        highlight_ids = {stats[t] for t in required}
        phrase_ids = [ids_ for c, ids_ in phrases if not c.negated]
        return SearchResult(query, total, self._hits(ranked, highlight_ids, phrase_ids))

    def _corpus_totals(self) -> tuple[int, int]:
        values = dict(self._query("SELECT key, value FROM corpus_stats"))
        return int(values.get("documents", 0)), int(values.get("total_length", 0))

    def _postings(self, term_id: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A term's postings: document ids (ascending), term frequencies, document lengths."""
        rows = self._query("SELECT doc_ids, tfs, dls FROM postings WHERE term_id = ? ORDER BY block", (term_id,))
        if not rows:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        docs = np.frombuffer(b"".join(bytes(r[0]) for r in rows), dtype="<u4").astype(np.int64)
        tfs = np.frombuffer(b"".join(bytes(r[1]) for r in rows), dtype="<u2").astype(np.float64)
        dls = np.frombuffer(b"".join(bytes(r[2]) for r in rows), dtype="<u4").astype(np.float64)
        return docs, tfs, dls

    def _bm25(self, required: Sequence[str], stats: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """Documents containing every required term, with their BM25 scores (k1=1.2, b=0.75,
        idf = ln(1 + (N - df + 0.5) / (df + 0.5))). Computed in numpy from the stored postings, so both
        backends rank with exactly the same arithmetic. Terms are visited rarest first."""
        n_docs, total_length = self._corpus_totals()
        avgdl = total_length / n_docs if n_docs else 1.0
        lists = sorted(((self._postings(stats[t]), t) for t in required), key=lambda x: (x[0][0].size, x[1]))
        ids = scores = None
        for (docs, tf, dl), _term in lists:
            df = docs.size
            idf = math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
            part = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * dl / avgdl))
            if ids is None:
                ids, scores = docs, part
            else:
                ids, left, right = np.intersect1d(ids, docs, assume_unique=True, return_indices=True)
                scores = scores[left] + part[right]
            if ids.size == 0:
                break
        return ids, scores

    def _filter_ids(self, ids: np.ndarray, since, until, source, topic, entity) -> np.ndarray:
        """The subset of ``ids`` whose document passes the filters (checked in the database)."""
        conditions: list[str] = []
        params: list[Any] = []
        if since:
            conditions.append("d.published >= ?")
            params.append(since)
        if until:
            conditions.append("d.published <= ?")
            params.append(until if len(until) > 10 else until + "T99")
        if source:
            conditions.append("d.source = ?")
            params.append(source)
        if topic:
            conditions.append("d.topic = ?")
            params.append(topic)
        if entity:
            entity_ids = [e.id for e in self.find_entities(entity)]
            if not entity_ids:
                return np.zeros(0, dtype=np.int64)
            conditions.append(f"EXISTS (SELECT 1 FROM doc_entities de WHERE de.doc_id = d.id AND de.entity_id IN "
                              f"({_marks(len(entity_ids))}))")
            params.extend(entity_ids)
        where = " AND ".join(conditions)
        if ids.size <= FILTER_BY_ID_LIMIT:
            keep: list[int] = []
            for condition, values in self._id_lists("d.id", ids.tolist()):
                keep.extend(r[0] for r in self._query(f"SELECT d.id FROM documents d WHERE {condition} AND {where}",
                                                      values + params))
            return np.asarray(keep, dtype=np.int64)
        return np.asarray([r[0] for r in self._query(f"SELECT d.id FROM documents d WHERE {where}", params)],
                          dtype=np.int64)

    def _phrase_filter(self, ids: np.ndarray, scores: np.ndarray, phrases, limit: int, offset: int):
        """Check phrase clauses on the ranked candidates' term sequences, best first, until the page is
        full and at least ``PHRASE_SAMPLE`` candidates were checked (at most ``PHRASE_CHECK_LIMIT``).
        The total is exact when every candidate was checked, else scaled from the checked share."""
        need = offset + limit
        kept: list[tuple[int, float]] = []
        checked = 0
        n = int(ids.size)
        while checked < n and checked < PHRASE_CHECK_LIMIT:
            part = ids[checked:checked + CHUNK].tolist()
            part_scores = scores[checked:checked + CHUNK].tolist()
            seqs = {}
            for condition, values in self._id_lists("id", part):
                seqs.update(self._query(f"SELECT id, term_ids FROM document_terms WHERE {condition}", values))
            arrays = [np.frombuffer(bytes(seqs[d]), dtype="<u4") for d in part]
            ok = np.ones(len(part), dtype=bool)
            for c, pids in phrases:
                ok &= phrase_in(arrays, pids) != c.negated
            kept.extend((d, sc) for d, sc, k in zip(part, part_scores, ok.tolist()) if k)
            checked += len(part)
            if len(kept) >= need and checked >= PHRASE_SAMPLE:
                break
        total = len(kept) if checked >= n else round(len(kept) * n / checked)
        return kept[offset:offset + limit], total

    def _hits(self, rows: Sequence[tuple], highlight_ids: set[int], phrase_ids: list[list[int]]) -> list[SearchHit]:
        if not rows:
            return []
        ids = [r[0] for r in rows]
        data = {r[0]: r for r in self._query(
            f"SELECT d.id, d.content_hash, d.source, d.url, d.title, d.published, d.topic, d.grp, c.text, t.term_ids, "
            f"c.spans FROM documents d JOIN document_content c ON c.id = d.id JOIN document_terms t ON t.id = d.id "
            f"WHERE d.id IN ({_marks(len(ids))})", ids)}
        hits = []
        for doc_id, score in rows:
            r = data[doc_id]
            info = DocumentInfo(*r[:8])
            text = r[8]
            seq, spans = array("I"), array("I")
            seq.frombytes(bytes(r[9]))
            spans.frombytes(bytes(r[10]))
            positions = match_positions(seq, highlight_ids, phrase_ids)
            highlights = [(spans[2 * p], spans[2 * p + 1]) for p in positions]
            text_snippet, start = snippet(text, highlights)
            hits.append(SearchHit(info, float(score), text_snippet, start,
                                  [h for h in highlights if start <= h[0] and h[1] <= start + len(text_snippet)]))
        return hits

    # --- entities, quotes, events ------------------------------------------------------------
    def find_entities(self, name: str, *, label: str | None = None) -> list[EntityRecord]:
        folded = entity_key("", name)[1:]
        labels = [label] if label else ["PER", "ORG", "LOC", "FAC", "PRO", "EVENT", "GPE", "NORP", "DATE",
                                          "TIME", "MONEY", "PERCENT", "MISC"]
        keys = [f"{lab}|{folded}" for lab in labels]
        rows = self._query(f"SELECT id, key, label, name, documents, mentions, first_seen, last_seen FROM entities "
                           f"WHERE key IN ({_marks(len(keys))}) ORDER BY documents DESC, id", keys)
        return [EntityRecord(*r) for r in rows]

    def entities(self, *, top: int = 20, label: str | None = None) -> list[EntityRecord]:
        cols = "id, key, label, name, documents, mentions, first_seen, last_seen"
        if label:
            rows = self._query(f"SELECT {cols} FROM entities WHERE label = ? ORDER BY documents DESC, mentions DESC, "
                               f"id LIMIT ?", (label, top))
        else:
            rows = self._query(f"SELECT {cols} FROM entities ORDER BY documents DESC, mentions DESC, id LIMIT ?",
                               (top,))
        return [EntityRecord(*r) for r in rows]

    def _date_where(self, column: str, since: str | None, until: str | None, where: list[str],
                    params: list[Any]) -> None:
        if since:
            where.append(f"{column} >= ?")
            params.append(since)
        if until:
            where.append(f"{column} <= ?")
            params.append(until if len(until) > 10 else until + "T99")

    def quotes(self, *, speaker: str | None = None, about: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 50) -> list[QuoteRecord]:
        where: list[str] = []
        params: list[Any] = []
        if speaker:
            ids = [e.id for e in self.find_entities(speaker)]
            cond = [f"q.speaker_id IN ({_marks(len(ids))})"] if ids else []
            params.extend(ids)
            cond.append("q.speaker_text = ?")
            params.append(speaker)
            where.append("(" + " OR ".join(cond) + ")")
        if about:
            ids = [e.id for e in self.find_entities(about)]
            cond = []
            # entity_ids lists the entities with a mention inside the quote (",12,45,")
            cond += ["q.entity_ids LIKE ?"] * len(ids)
            params.extend(f"%,{i},%" for i in ids)
            cond.append("q.content LIKE ?")
            params.append(f"%{about}%")
            where.append("(" + " OR ".join(cond) + ")")
        self._date_where("q.published", since, until, where, params)
        sql = _QUOTE_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        rows = self._query(sql + " ORDER BY q.published DESC, q.id DESC LIMIT ?", params + [limit])
        out = []
        for r in rows:
            out.append(QuoteRecord(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9], r[10], r[11]))
        return out

    def events(self, *, type: str | None = None, actor: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 50) -> list[EventRecord]:
        where: list[str] = []
        params: list[Any] = []
        if type:
            where.append("ev.type = ?")
            params.append(type)
        if actor:
            ids = [e.id for e in self.find_entities(actor)]
            if not ids:
                return []
            where.append(f"EXISTS (SELECT 1 FROM event_args a WHERE a.event_id = ev.id AND a.entity_id IN "
                         f"({_marks(len(ids))}))")
            params.extend(ids)
        self._date_where("COALESCE(ev.date, ev.published)", since, until, where, params)
        sql = ("SELECT ev.id, ev.doc_id, ev.type, ev.cameo, ev.trig, ev.start_char, ev.end_char, ev.date, "
               "ev.published, d.title, substr(c.text, ev.start_char + 1, ev.end_char - ev.start_char) "
               "FROM events ev JOIN documents d ON d.id = ev.doc_id JOIN document_content c ON c.id = ev.doc_id")
        sql += (" WHERE " + " AND ".join(where) if where else "")
        rows = self._query(sql + " ORDER BY COALESCE(ev.date, ev.published) DESC, ev.id DESC LIMIT ?",
                           params + [limit])
        args: dict[int, list[tuple]] = {}
        ids = [r[0] for r in rows]
        for part in _chunks(ids):
            for ev_id, role, eid, name, label in self._query(
                    f"SELECT a.event_id, a.role, e.id, e.name, e.label FROM event_args a JOIN entities e "
                    f"ON e.id = a.entity_id WHERE a.event_id IN ({_marks(len(part))}) ORDER BY a.event_id, e.id",
                    part):
                args.setdefault(ev_id, []).append((role, {"id": eid, "name": name, "label": label}))
        out = []
        for r in rows:
            a = args.get(r[0], [])
            out.append(EventRecord(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                                   [x for role, x in a if role == "actor"], [x for role, x in a if role == "target"],
                                   r[10], r[9]))
        return out

    def entity(self, name: str, *, label: str | None = None, limit: int = 20) -> EntityProfile | None:
        found = self.find_entities(name, label=label)
        if not found:
            return None
        ent = found[0]
        roles: Counter[str] = Counter()
        for (roles_json,) in self._query("SELECT roles FROM doc_entities WHERE entity_id = ?", (ent.id,)):
            roles.update(json.loads(roles_json))
        timeline = [(m or "unknown", n) for m, n in self._query(
            "SELECT substr(published, 1, 7) AS month, COUNT(*) FROM doc_entities WHERE entity_id = ? "
            "GROUP BY substr(published, 1, 7) ORDER BY month", (ent.id,))]
        co_rows = self._query(
            "SELECT e.id, e.key, e.label, e.name, e.documents, e.mentions, e.first_seen, e.last_seen, COUNT(*) AS n "
            "FROM doc_entities a JOIN doc_entities b ON b.doc_id = a.doc_id AND b.entity_id <> a.entity_id "
            "JOIN entities e ON e.id = b.entity_id WHERE a.entity_id = ? "
            "GROUP BY e.id, e.key, e.label, e.name, e.documents, e.mentions, e.first_seen, e.last_seen "
            "ORDER BY n DESC, e.id LIMIT ?", (ent.id, limit))
        cooccurring = [(EntityRecord(*r[:8]), r[8]) for r in co_rows]
        rows = self._query(_QUOTE_SELECT + " WHERE q.speaker_id = ? ORDER BY q.published DESC, q.id DESC LIMIT ?",
                           (ent.id, limit))
        quotes = [QuoteRecord(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9], r[10], r[11])
                  for r in rows]
        return EntityProfile(ent, roles.most_common(), timeline, cooccurring, quotes)


# --- helpers -------------------------------------------------------------------------------------


def _id_list(local: dict[str, int], local_ids: Sequence[str]) -> str | None:
    """Merged entity ids of a quote's local entity ids as ``",12,45,"`` (None if none): what
    ``quotes(about=...)`` matches with ``LIKE '%,12,%'``."""
    if not local_ids:
        return None
    ids = sorted({local[lid] for lid in local_ids if lid in local})
    return "," + ",".join(map(str, ids)) + "," if ids else None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a batch's rows are built and written: the rows are
    acyclic tuples, but allocating a hundred thousand of them triggers collections that traverse every
    live object of the caller (8% of the writer's instructions). Restored afterwards; a no-op when the
    collector is already off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _blob(value: bytes) -> bytearray:
    """A BLOB parameter as ``bytearray``: Python's sqlite3 module binds ``bytearray`` directly but sends
    ``bytes`` through its adapter look-up (a failed ``__adapt__``/``__conform__`` attribute search that
    costs more than binding the value itself); psycopg takes either."""
    return value if isinstance(value, bytearray) else bytearray(value)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def default_analyzer():
    """The text stages plus tagger and lemmatizer (what decides index terms), as far as they build."""
    from khabar.ingest.analysis import query_analyzer

    return query_analyzer()
