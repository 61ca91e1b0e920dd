"""Store benchmarks: store-only ingest speed and search latency on a 100,000-document corpus, on SQLite and
PostgreSQL.

    python bench/bench_store.py                                  # SQLite only
    python bench/bench_store.py --pg-url postgresql://khabar@127.0.0.1:55432/khabar_bench

1. ``--analyzed`` real articles (Fars News + Varzesh3 train splits from ../shared/data, alternating) are
   analyzed once with the full available pipeline and cached as khabar.document/1 JSON Lines in
   ``--cache`` (a temporary folder, never in the repository).
2. Ingest: those documents are prepared (``khabar.store.records.prepare``: terms, fingerprint, entity keys,
   full document JSON; timed on its own) and the prepared records are cloned with new content hashes and
   dates up to ``--ingest-docs``; ``store.add`` is timed in batches of ``--batch`` (documents/s).
3. Corpus: ``--docs`` variants are derived by recombining paragraphs of the analyzed documents (each
   variant: one document's paragraphs with one dropped and the rest reordered, plus a paragraph of
   another document), with dates spread over 2014-2024, 8 sources and 6 topics. Terms, spans, MinHash
   signatures, entities, quotes and events are precomputed per paragraph, so deriving is fast. Derived
   documents store a reduced JSON (text, meta, entities, quotes, events; no tokens).
4. Search: a fixed, seeded set of queries built from the analyzed articles' titles — single words,
   two-word AND queries, two-word phrases, and single words with a date range and a source filter —
   each run once to warm up and then timed (including query analysis); p50/p95/max per backend, and
   the fraction of queries whose top-10 results are identical on both backends.

Prints one JSON object.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from khabar.datasets import data_dir
from khabar.document import Document
from khabar.store import open_store
from khabar.store.fingerprint import signature, signature_bands
from khabar.store.records import DocumentRecord, EntityRow, document_terms, entity_key, prepare

SOURCES = ["farsnews.ir", "varzesh3.com", "irna.ir", "isna.ir", "tasnimnews.com", "mehrnews.com",
           "hamshahrionline.ir", "khabaronline.ir"]
TOPICS = ["politics", "sports", "economy", "world", "social", "culture"]


# --- 1. analyzed documents -------------------------------------------------------------------


def analyzed_documents(n: int, cache: Path) -> list[Document]:
    path = cache / f"analyzed-{n}.jsonl"
    if not path.exists():
        from khabar.ingest.analysis import load_pipeline
        from khabar.ingest.sources import SourceReader

        nlp = load_pipeline()
        reader = SourceReader()
        streams = [reader.read([str(data_dir() / name / "train.jsonl")])
                   for name in ("farsnews-lmcourse", "varzesh3-lmcourse")]
        articles = [a for pair in zip(*streams) for a in pair][:n]
        t = time.perf_counter()
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            for a in articles:
                out.write(nlp(a.text, a.meta()).to_json() + "\n")
        tmp.rename(path)
        print(f"analyzed {len(articles)} articles in {time.perf_counter() - t:.0f} s "
              f"with {getattr(nlp, 'stage_names', [])}", file=sys.stderr)
    with open(path, encoding="utf-8") as fh:
        return [Document.from_json(line) for line in fh]


# --- 2. ingest -------------------------------------------------------------------------------


def bench_ingest(url: str, docs: list[Document], total: int, batch: int) -> dict:
    t = time.process_time()
    base = [prepare(d) for d in docs]
    prepare_rate = len(docs) / (time.process_time() - t)
    rng = random.Random(7)
    clones = []
    for k in range(total):
        rec = base[k % len(base)]
        clones.append(replace(rec, content_hash=hashlib.sha256(f"{rec.content_hash}:{k}".encode()).hexdigest(),
                              published=(date(2014, 1, 1) + timedelta(days=rng.randrange(3650))).isoformat()))
    with open_store(url) as store:
        t, cpu = time.perf_counter(), time.process_time()
        for i in range(0, total, batch):
            store.add(clones[i:i + batch])
        seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
        stored = store.stats()["documents"]
    # On a shared machine the wall clock includes waiting for a CPU; the process CPU time is what one core
    # spends (for SQLite it includes the database engine; for PostgreSQL the server's work is not in it).
    return {"documents": stored, "seconds": round(seconds, 2), "docs_per_s": round(stored / seconds),
            "cpu_seconds": round(cpu, 2), "docs_per_cpu_s": round(stored / cpu),
            "prepare_docs_per_s": round(prepare_rate), "batch": batch}


# --- 3. the 100k corpus ----------------------------------------------------------------------


@dataclass
class Paragraph:
    text: str
    terms: list[str]
    spans: np.ndarray
    signature: np.ndarray | None
    entities: list[tuple[str, str, str, list[tuple[int, int, str]]]]  # key, label, name, mentions
    quotes: list[dict]
    events: list[dict]


def paragraphs_of(doc: Document) -> list[Paragraph]:
    terms, spans = document_terms(doc)
    spans = np.frombuffer(spans.tobytes(), dtype=np.uint32).reshape(-1, 2).astype(np.int64)
    bounds, start = [], 0
    text = doc.text
    while start < len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            bounds.append((start, end))
        start = end + 2
    keys = {e.id: entity_key(e.label, e.name) for e in doc.entities}
    out = []
    for s, e in bounds:
        sel = (spans[:, 0] >= s) & (spans[:, 1] <= e) if len(spans) else np.zeros(0, dtype=bool)
        idx = np.nonzero(sel)[0]
        p_terms = [terms[i] for i in idx]
        ents = []
        for ent in doc.entities:
            ms = [(m.start - s, m.end - s, m.text) for m in ent.mentions if s <= m.start and m.end <= e]
            if ms:
                ents.append((keys[ent.id], ent.label, ent.name, ms))
        quotes = [{**q.to_dict(), "start": q.start - s, "end": q.end - s, "speaker": keys.get(q.speaker)}
                  for q in doc.quotes if s <= q.start and q.end <= e]
        events = [{**ev.to_dict(), "start": ev.start - s, "end": ev.end - s,
                   "actors": [keys[a] for a in ev.actors if a in keys],
                   "targets": [keys[a] for a in ev.targets if a in keys]}
                  for ev in doc.events if s <= ev.start and ev.end <= e]
        out.append(Paragraph(text[s:e], p_terms, spans[idx] - s, signature(p_terms) if p_terms else None,
                             ents, quotes, events))
    return out


def derive(pieces: list[list[Paragraph]], k: int, rng: random.Random) -> DocumentRecord:
    own = list(pieces[k % len(pieces)])
    if len(own) > 2:
        del own[rng.randrange(1, len(own))]
        rest = own[1:]
        rng.shuffle(rest)
        own = own[:1] + rest
    other = pieces[rng.randrange(len(pieces))]
    chosen = own + [other[rng.randrange(len(other))]]
    texts, terms, spans, sigs = [], [], [], []
    ents: dict[str, tuple[str, str, list]] = {}
    quotes, events, offset = [], [], 0
    for p in chosen:
        texts.append(p.text)
        terms.extend(p.terms)
        spans.append(p.spans + offset)
        if p.signature is not None:
            sigs.append(p.signature)
        for key, label, name, ms in p.entities:
            ents.setdefault(key, (label, name, []))[2].extend((a + offset, b + offset, t) for a, b, t in ms)
        quotes.extend({**q, "start": q["start"] + offset, "end": q["end"] + offset} for q in p.quotes)
        events.extend({**ev, "start": ev["start"] + offset, "end": ev["end"] + offset} for ev in p.events)
        offset += len(p.text) + 2
    text = "\n\n".join(texts)
    local = {key: f"e{i + 1}" for i, key in enumerate(ents)}
    entity_rows = [EntityRow(local[key], key, label, name, [], ms) for key, (label, name, ms) in ents.items()]
    for q in quotes:
        q["speaker"] = local.get(q["speaker"])
    for ev in events:
        ev["actors"] = [local[a] for a in ev["actors"] if a in local]
        ev["targets"] = [local[a] for a in ev["targets"] if a in local]
    published = (date(2014, 1, 1) + timedelta(days=rng.randrange(3650))).isoformat()
    source, topic = rng.choice(SOURCES), rng.choice(TOPICS)
    meta = {"source": source, "published": published, "title": texts[0][:120], "derived": True}
    doc_json = json.dumps({"schema": "khabar.document/1", "meta": meta, "text": text, "sentences": [], "tokens": [],
                           "entities": [{"id": r.local_id, "label": r.label, "name": r.name, "roles": [],
                                         "mentions": [{"start": a, "end": b, "text": t} for a, b, t in r.mentions]}
                                        for r in entity_rows],
                           "quotes": quotes, "events": events, "keywords": [], "summary": [],
                           "topic": {"label": topic, "score": 1.0}}, ensure_ascii=False).encode("utf-8")
    sig = np.minimum.reduce(sigs) if sigs else None
    return DocumentRecord(
        content_hash=hashlib.sha256(f"{k}:{text}".encode()).hexdigest(), source=source, url=None,
        title=meta["title"], published=published, topic=topic, text=text, doc_json=zlib.compress(doc_json, 1), terms=terms,
        spans=np.concatenate(spans).astype(np.uint32).tobytes() if spans else b"", bands=signature_bands(sig),
        entities=entity_rows, quotes=quotes, events=events)


def build_corpus(url: str, pieces: list[list[Paragraph]], total: int, batch: int) -> dict:
    rng = random.Random(11)
    derive_s = store_s = store_cpu = 0.0
    with open_store(url) as store:
        for start in range(0, total, batch):
            t = time.perf_counter()
            recs = [derive(pieces, k, rng) for k in range(start, min(total, start + batch))]
            derive_s += time.perf_counter() - t
            t, cpu = time.perf_counter(), time.process_time()
            store.add(recs)
            store_s += time.perf_counter() - t
            store_cpu += time.process_time() - cpu
        stats = store.stats()
    return {"documents": stats["documents"], "groups": stats["groups"], "derive_s": round(derive_s, 1),
            "store_s": round(store_s, 1), "store_docs_per_s": round(stats["documents"] / store_s),
            "store_cpu_s": round(store_cpu, 1)}


# --- 4. search -------------------------------------------------------------------------------


def make_queries(docs: list[Document], n_each: int, seed: int = 3) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    titles = [d.meta.get("title") or "" for d in docs]
    words = [[w for w in t.split() if len(w) > 2 and w.isalpha()] for t in titles]
    words = [w for w in words if len(w) >= 2]
    queries: list[tuple[str, dict]] = []
    for _ in range(n_each):
        queries.append((rng.choice(rng.choice(words)), {}))
    for _ in range(n_each):
        ws = rng.choice(words)
        queries.append((" ".join(rng.sample(ws, 2)), {}))
    for _ in range(n_each):
        ws = rng.choice(words)
        i = rng.randrange(len(ws) - 1)
        queries.append((f'"{ws[i]} {ws[i + 1]}"', {}))
    for _ in range(n_each):
        y = rng.randrange(2014, 2024)
        queries.append((rng.choice(rng.choice(words)), {"since": f"{y}-01-01", "until": f"{y}-12-31",
                                                        "source": rng.choice(SOURCES)}))
    return queries


def bench_search(url: str, queries: list[tuple[str, dict]], analyzer) -> tuple[dict, list[list[int]]]:
    times, cpu_times, results = [], [], []
    with open_store(url, analyzer=analyzer) as store:
        for q, f in queries:  # warm-up (caches, query analysis models)
            store.search(q, limit=10, **f)
        for q, f in queries:
            t, cpu = time.perf_counter(), time.process_time()
            r = store.search(q, limit=10, **f)
            times.append((time.perf_counter() - t) * 1000)
            cpu_times.append((time.process_time() - cpu) * 1000)
            results.append([h.document.id for h in r.hits])
    times.sort()
    cpu_times.sort()
    p95 = int(0.95 * (len(times) - 1))
    return {"queries": len(times), "p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[p95], 2),
            "max_ms": round(times[-1], 2), "client_cpu_p95_ms": round(cpu_times[p95], 2)}, results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--analyzed", type=int, default=1000, help="real articles to analyze once (cached)")
    ap.add_argument("--ingest-docs", type=int, default=20000, help="prepared records to store for the ingest figure")
    ap.add_argument("--docs", type=int, default=100000, help="size of the search corpus")
    ap.add_argument("--batch", type=int, default=500, help="documents per store.add transaction")
    ap.add_argument("--queries", type=int, default=50, help="queries of each of the four kinds")
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "khabar-bench"))
    ap.add_argument("--workdir", default=None, help="where the SQLite files go (default: a temporary folder)")
    ap.add_argument("--pg-url", default=None, help="a PostgreSQL database to benchmark too (its tables are replaced)")
    ap.add_argument("--search-only", action="store_true",
                    help="only time searches on the corpus built by an earlier run (same --workdir / --pg-url)")
    args = ap.parse_args()

    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="khabar-bench-"))
    docs = analyzed_documents(args.analyzed, cache)
    if args.search_only:
        backends = {"sqlite": lambda name: str(work / f"{name}.db")}
        if args.pg_url:
            backends["postgres"] = lambda name: args.pg_url
    else:
        backends = {"sqlite": lambda name: _fresh_sqlite(work / f"{name}.db")}
        if args.pg_url:
            backends["postgres"] = lambda name: _fresh_pg(args.pg_url)
    out: dict = {"analyzed_documents": len(docs), "stages": docs[0].stages if docs else []}
    for name, url in backends.items():
        if args.search_only:
            break
        out[f"ingest_{name}"] = bench_ingest(url("ingest"), docs, args.ingest_docs, args.batch)
        print(json.dumps({name: out[f"ingest_{name}"]}), file=sys.stderr)
    t = time.perf_counter()
    pieces = [p for p in (paragraphs_of(d) for d in docs) if p]
    out["paragraph_prep_s"] = round(time.perf_counter() - t, 1)
    from khabar.ingest.analysis import query_analyzer

    analyzer = query_analyzer()
    queries = make_queries(docs, args.queries)
    results = {}
    for name, url in backends.items():
        corpus_url = url("corpus")
        if not args.search_only:
            out[f"corpus_{name}"] = build_corpus(corpus_url, pieces, args.docs, args.batch)
            print(json.dumps({name: out[f"corpus_{name}"]}), file=sys.stderr)
        out[f"search_{name}"], results[name] = bench_search(corpus_url, queries, analyzer)
        print(json.dumps({name: out[f"search_{name}"]}), file=sys.stderr)
    if len(results) == 2:
        a, b = results["sqlite"], results["postgres"]
        out["same_top10"] = round(sum(x == y for x, y in zip(a, b)) / len(a), 4)
    print(json.dumps(out, ensure_ascii=False))


def _fresh_sqlite(path: Path) -> str:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return str(path)


def _fresh_pg(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return url


if __name__ == "__main__":
    main()
