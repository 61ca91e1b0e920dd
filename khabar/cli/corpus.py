"""Corpus commands: ``khabar ingest``, ``search``, ``quotes``, ``events``, ``entities``, ``entity``.

All take ``--db PATH|URL`` (default ``khabar.db``: a SQLite file created on first use; a
``postgresql://`` URL selects PostgreSQL) and print readable text, or one JSON object with ``--json``.
The work is done by :mod:`khabar.ingest` and :mod:`khabar.store`; this module only parses and prints.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="khabar.db", metavar="PATH|URL",
                   help="SQLite file (default: khabar.db) or postgresql://user@host:port/dbname")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="analyze and store articles from files, folders, feeds, pages, WARC",
                       description="Read articles (plain text files and folders, JSON Lines, HTML pages, RSS/Atom "
                                   "feeds, WARC files, http(s) URLs), analyze them with the full pipeline and "
                                   "store them. Known content is skipped; an interrupted run can be resumed.")
    p.add_argument("inputs", nargs="+", metavar="PATH|URL", help="files, folders or URLs to ingest")
    _db(p)
    p.add_argument("--field", action="append", default=[], metavar="PART=NAME",
                   help="JSON Lines field for an article part (title, lead, body, date, url, author, source, "
                        "topic), e.g. --field body=paragraphs; an empty NAME turns a part off")
    p.add_argument("--source", help="source name for every article (default: the site of its URL)")
    p.add_argument("--batch-size", type=int, default=64, help="articles per transaction (default: 64)")
    p.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024,
                   help="largest document accepted, in bytes (default: 10 MiB)")
    p.add_argument("--rate", type=float, default=1.0, metavar="SECONDS",
                   help="least time between two requests to the same host (default: 1 s)")
    p.add_argument("--timeout", type=float, default=15.0, help="HTTP timeout in seconds (default: 15)")
    p.add_argument("--retries", type=int, default=2, help="HTTP retries on errors (default: 2)")
    p.add_argument("--no-progress", action="store_true", help="do not show the progress line")
    p.set_defaults(handler=run_ingest)

    p = sub.add_parser("search", help="full-text search of the corpus",
                       description='Search stored documents. Words must all occur (lemma-aware, spelling-folded); '
                                   '"quoted words" is a phrase; -word excludes. Ranked by BM25.')
    p.add_argument("query", help='e.g. \'تحریم "شورای امنیت" -آمریکا\'')
    _db(p)
    p.add_argument("--since", help="earliest publication date (ISO YYYY-MM-DD or Jalali YYYY/MM/DD)")
    p.add_argument("--until", help="latest publication date (inclusive)")
    p.add_argument("--source", help="only this source (e.g. farsnews.ir)")
    p.add_argument("--topic", help="only this topic")
    p.add_argument("--entity", help="only documents mentioning this entity (name)")
    p.add_argument("--limit", type=int, default=10, help="number of results (default: 10)")
    p.add_argument("--offset", type=int, default=0, help="skip this many results")
    p.set_defaults(handler=run_search)

    p = sub.add_parser("quotes", help="statements by a speaker, or about someone or something",
                       description="Stored quotes, newest first.")
    _db(p)
    p.add_argument("--speaker", help="speaker name (merged entity)")
    p.add_argument("--about", help="an entity or word that the statement mentions")
    p.add_argument("--since", help="earliest publication date")
    p.add_argument("--until", help="latest publication date")
    p.add_argument("--limit", type=int, default=20, help="number of quotes (default: 20)")
    p.set_defaults(handler=run_quotes)

    p = sub.add_parser("events", help="events such as meetings, with actors and dates",
                       description="Stored events, newest first (by event date, else publication date).")
    _db(p)
    p.add_argument("--type", help="event type, e.g. meet, condemn, support")
    p.add_argument("--actor", help="an actor or target name")
    p.add_argument("--since", help="earliest date")
    p.add_argument("--until", help="latest date")
    p.add_argument("--limit", type=int, default=20, help="number of events (default: 20)")
    p.set_defaults(handler=run_events)

    p = sub.add_parser("entities", help="the most mentioned entities",
                       description="Entities merged across documents, by number of documents.")
    _db(p)
    p.add_argument("--top", type=int, default=20, help="how many (default: 20)")
    p.add_argument("--label", help="only this label: PER, ORG, LOC, ...")
    p.set_defaults(handler=run_entities)

    p = sub.add_parser("entity", help="one entity: roles, mentions over time, co-occurring entities, statements",
                       description="The profile of one entity across the corpus.")
    p.add_argument("name", help="entity name, e.g. 'علی شمخانی'")
    _db(p)
    p.add_argument("--label", help="disambiguate by label: PER, ORG, LOC, ...")
    p.add_argument("--limit", type=int, default=10, help="co-occurring entities and quotes to show (default: 10)")
    p.set_defaults(handler=run_entity)


# --- handlers ----------------------------------------------------------------------------------


def _open(args):
    from khabar.store import open_store

    return open_store(args.db)


def _date(value: str | None) -> str | None:
    from khabar.errors import InputError
    from khabar.ingest.article import jalali_or_iso

    if value is None:
        return None
    found = jalali_or_iso(value)
    if not found:
        raise InputError(f"E360: {value!r} is not a date; use YYYY-MM-DD or Jalali YYYY/MM/DD")
    return found


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def run_ingest(args: argparse.Namespace) -> int:
    from khabar.ingest.fetch import Fetcher
    from khabar.ingest.runner import StoreValidators, ingest
    from khabar.ingest.sources import FieldMap, SourceReader

    fields = FieldMap.parse(args.field)
    with _open(args) as store:
        fetcher = Fetcher(timeout=args.timeout, retries=args.retries, min_interval=args.rate,
                          validators=StoreValidators(store))
        reader = SourceReader(fields=fields, fetcher=fetcher, max_bytes=args.max_bytes, source=args.source)
        try:
            summary = ingest(reader.read(args.inputs), store, batch_size=args.batch_size,
                             progress=not args.no_progress and sys.stderr.isatty())
        finally:
            fetcher.close()
        summary.skipped += len(reader.skipped)
    if args.json:
        _print_json(summary.to_dict())
    else:
        print(f"added {summary.added}, duplicates {summary.duplicates} "
              f"(near-duplicates grouped: {summary.near_duplicates}), failed {len(summary.failed)}, "
              f"skipped {summary.skipped}, in {summary.seconds:.1f} s")
        for f in summary.failed[:50]:
            print(f"  failed: {f.origin}: {f.reason}")
        if len(summary.failed) > 50:
            print(f"  ... and {len(summary.failed) - 50} more (use --json for all)")
    if summary.interrupted:
        print("khabar: interrupted; committed batches are kept, run the same command again to resume",
              file=sys.stderr)
        return 130
    return 1 if summary.failed and not summary.added and not summary.duplicates else 0


def run_search(args: argparse.Namespace) -> int:
    from khabar.errors import InputError
    from khabar.store import SearchSyntaxError

    with _open(args) as store:
        try:
            result = store.search(args.query, since=_date(args.since), until=_date(args.until), source=args.source,
                                  topic=args.topic, entity=args.entity, limit=args.limit, offset=args.offset)
        except SearchSyntaxError as err:
            raise InputError(str(err)) from None
    if args.json:
        _print_json(result.to_dict())
        return 0
    print(f"{result.total} documents match {result.query!r}")
    for hit in result.hits:
        d = hit.document
        print(f"\n[{d.id}] {d.title or '(no title)'}  {d.published or ''}  {d.source or ''}  score {hit.score:.3f}")
        if d.url:
            print(f"    {d.url}")
        print("    " + _mark(hit.snippet, hit.snippet_start, hit.highlights).replace("\n", " "))
    return 0


def _mark(snippet: str, start: int, highlights: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in highlights:
        s, e = s - start, e - start
        if s < pos:
            continue
        out.append(snippet[pos:s])
        out.append(f"[{snippet[s:e]}]")
        pos = e
    out.append(snippet[pos:])
    return "".join(out)


def run_quotes(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.quotes(speaker=args.speaker, about=args.about, since=_date(args.since), until=_date(args.until),
                            limit=args.limit)
    if args.json:
        _print_json({"quotes": [r.to_dict() for r in rows]})
        return 0
    for q in rows:
        who = q.speaker or q.speaker_text or "?"
        print(f"{q.published or '':10}  {who}: «{q.content}»  [{q.document_id}] {q.title or ''}")
    if not rows:
        print("no quotes found")
    return 0


def run_events(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.events(type=args.type, actor=args.actor, since=_date(args.since), until=_date(args.until),
                            limit=args.limit)
    if args.json:
        _print_json({"events": [r.to_dict() for r in rows]})
        return 0
    for e in rows:
        actors = "، ".join(a["name"] for a in e.actors) or "?"
        targets = "، ".join(a["name"] for a in e.targets)
        print(f"{e.date or e.published or '':10}  {e.type}: {actors}{' → ' + targets if targets else ''}  "
              f"[{e.document_id}] {e.text[:80]}")
    if not rows:
        print("no events found")
    return 0


def run_entities(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.entities(top=args.top, label=args.label)
    if args.json:
        _print_json({"entities": [r.to_dict() for r in rows]})
        return 0
    for e in rows:
        print(f"{e.documents:6d} docs {e.mentions:7d} mentions  {e.label:6} {e.name}")
    if not rows:
        print("no entities stored")
    return 0


def run_entity(args: argparse.Namespace) -> int:
    from khabar.errors import InputError

    with _open(args) as store:
        profile = store.entity(args.name, label=args.label, limit=args.limit)
    if profile is None:
        raise InputError(f"E361: no entity named {args.name!r} in {args.db}")
    if args.json:
        _print_json(profile.to_dict())
        return 0
    e = profile.entity
    print(f"{e.name} ({e.label}): {e.documents} documents, {e.mentions} mentions, "
          f"{e.first_seen or '?'} … {e.last_seen or '?'}")
    if profile.roles:
        print("roles: " + "، ".join(f"{r} ({n})" for r, n in profile.roles[:10]))
    if profile.timeline:
        print("mentions by month: " + "  ".join(f"{m}:{n}" for m, n in profile.timeline))
    if profile.cooccurring:
        print("appears with: " + "، ".join(f"{c.name} ({n})" for c, n in profile.cooccurring))
    for q in profile.quotes:
        print(f"  {q.published or '':10} «{q.content}»")
    return 0
