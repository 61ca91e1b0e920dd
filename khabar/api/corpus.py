"""What the corpus endpoints need beyond single store calls, written over the store's public methods:
listing documents, an entity's full profile (with its events and who it met) and ingestion.

An entity is addressed by its ``key`` (``LABEL|name``, e.g. ``PER|علی شمخانی``), which is the same in
every backend; a bare name is accepted too and picks the best match.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import Request

from khabar.api.errors import ApiError

MAX_INGEST_BATCH = 50
LABELS = ("PER", "ORG", "LOC", "FAC", "PRO", "EVENT", "DATE", "TIME", "MONEY", "PERCENT")
# Event types that put two parties in the same room: the edges of the who-met-whom graph.
MEETING_TYPES = ("meet", "host", "negotiate")
# How many ids past the known document count to look for when listing without a store listing method.
_SCAN_SLACK = 1000
# How many documents a filtered listing examines at most (the store has no filtered listing of its own).
_SCAN_LIMIT = 20_000


def search(store: Any, query: str, **filters: Any):
    from khabar.store.base import SearchSyntaxError

    try:
        return store.search(query, **filters)
    except SearchSyntaxError as err:
        raise ApiError(400, "bad_query", str(err)) from None


_INFO_FIELDS = ("id", "content_hash", "source", "url", "title", "published", "topic", "group")


def hit_dict(hit: Any) -> dict[str, Any]:
    """``SearchHit.to_dict()`` without ``dataclasses.asdict`` (which deep-copies every field: a third of
    the time of a search request)."""
    info = hit.document
    out = {name: getattr(info, name) for name in _INFO_FIELDS}
    out.update(score=round(hit.score, 6), snippet=hit.snippet, snippet_start=hit.snippet_start,
               highlights=[list(h) for h in hit.highlights])
    return out


def _matches(info: Any, source: str | None, topic: str | None, since: str | None, until: str | None) -> bool:
    if source is not None and info.source != source:
        return False
    if topic is not None and info.topic != topic:
        return False
    if since is not None and (info.published is None or info.published < since):
        return False
    if until is not None and (info.published is None or info.published > until):
        return False
    return True


def list_documents(store: Any, *, source: str | None = None, topic: str | None = None,
                   since: str | None = None, until: str | None = None, limit: int = 20,
                   offset: int = 0) -> tuple[list[Any], int | None]:
    """A page of document infos and the total when it is known.

    Unfiltered, this is the store's own ``documents()`` listing (newest publication date first). With
    filters it walks ids downwards (most recently added first) with ``document_info``, examining at most
    ``_SCAN_LIMIT`` documents: fine for the pages a person reads, not an export tool."""
    unfiltered = source is None and topic is None and since is None and until is None
    lister = getattr(store, "documents", None)
    if callable(lister) and unfiltered:
        total = int(store.stats().get("documents", 0))
        return list(lister(limit=limit, offset=offset)), total
    count = int(store.stats().get("documents", 0))
    items: list[Any] = []
    seen = 0
    doc_id = count + _SCAN_SLACK
    misses = 0
    examined = 0
    while doc_id >= 1 and len(items) < limit and misses <= _SCAN_SLACK and examined < _SCAN_LIMIT:
        info = store.document_info(doc_id)
        doc_id -= 1
        examined += 1
        if info is None:
            misses += 1
            continue
        misses = 0
        if not _matches(info, source, topic, since, until):
            continue
        if seen >= offset:
            items.append(info)
        seen += 1
    return items, (count if unfiltered else None)


def resolve_entity(store: Any, ref: str) -> Any | None:
    """The merged entity for a key ``LABEL|name`` or a bare name."""
    label, name = None, ref
    if "|" in ref:
        head, tail = ref.split("|", 1)
        if head in LABELS:
            label, name = head, tail
    found = store.find_entities(name.strip(), label=label) if name.strip() else []
    return found[0] if found else None


def entity_profile(store: Any, ref: str, *, limit: int = 20) -> dict[str, Any] | None:
    """Roles, mentions per month, statements, events, co-occurring entities and meetings of an entity."""
    record = resolve_entity(store, ref)
    if record is None:
        return None
    profile = store.entity(record.name, label=record.label, limit=limit)
    if profile is None:
        return None
    events = store.events(actor=record.name, limit=max(limit, 50))
    out = profile.to_dict()
    out["events"] = [e.to_dict() for e in events[:limit]]
    out["met"] = meetings(record, events)
    return out


def meetings(record: Any, events: list[Any]) -> list[dict[str, Any]]:
    """Who the entity met, from ``meet`` events where it is an actor or a target, most meetings first."""
    counts: Counter[tuple[Any, str, str]] = Counter()
    last: dict[tuple[Any, str, str], str | None] = {}
    for ev in events:
        if ev.type not in MEETING_TYPES:
            continue
        parties = list(ev.actors) + list(ev.targets)
        if not any(_same(p, record) for p in parties):
            continue
        for p in parties:
            if _same(p, record):
                continue
            key = (p.get("id"), p.get("name") or "", p.get("label") or "")
            counts[key] += 1
            date = ev.date or ev.published
            if date and (last.get(key) is None or date > (last[key] or "")):
                last[key] = date
            else:
                last.setdefault(key, None)
    return [{"id": k[0], "name": k[1], "label": k[2], "meetings": n, "last": last.get(k)}
            for k, n in counts.most_common()]


def _same(party: dict[str, Any], record: Any) -> bool:
    if party.get("id") is not None and party.get("id") == record.id:
        return True
    return party.get("name") == record.name and party.get("label") in (None, record.label)


async def ingest(request: Request) -> dict[str, Any]:
    """Analyze a batch of documents and add them to the store in one transaction."""
    import json

    from khabar.api.app import context
    from khabar.api.routes_analyze import _article, _clean_meta, check_text
    from khabar.store.records import prepare

    ctx = context(request)
    access = ctx.require_store()
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise ApiError(415, "unsupported_media_type", "send application/json: {\"documents\": [...]}")
    try:
        payload = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as err:
        raise ApiError(400, "malformed_json", f"the body is not valid JSON: {err}") from None
    items = payload.get("documents") if isinstance(payload, dict) else None
    if isinstance(payload, dict) and items is None and ("text" in payload or "html" in payload):
        items = [payload]
    if not isinstance(items, list) or not items:
        raise ApiError(400, "bad_body", "the body needs a non-empty 'documents' array")
    if len(items) > MAX_INGEST_BATCH:
        raise ApiError(413, "too_many_documents", f"at most {MAX_INGEST_BATCH} documents per request")
    records = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ApiError(400, "bad_body", f"documents[{i}] must be an object")
        text, html = item.get("text"), item.get("html")
        if (text is None) == (html is None) or not isinstance(text if text is not None else html, str):
            raise ApiError(400, "bad_body", f"documents[{i}]: give exactly one of 'text' or 'html' as a string")
        value = text if text is not None else html
        if "\x00" in value:
            raise ApiError(400, "bad_input", f"documents[{i}]: contains NUL characters (binary data?)")
        article = _article(value, html is not None, {})
        article.meta.update(_clean_meta(item.get("meta")))
        try:
            check_text(article.text, ctx.settings.max_text_chars)
        except ApiError as err:
            raise ApiError(err.status, err.code, f"documents[{i}]: {err.message}") from None
        from khabar.api.routes_analyze import analyze_article

        doc = await analyze_article(request, article)
        records.append(prepare(doc))
    result = await access.call(lambda store: store.add(records))
    return {**result.to_dict(), "ids": list(result.added)}
