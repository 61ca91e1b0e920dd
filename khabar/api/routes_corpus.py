"""The corpus endpoints over the store: documents, search, entities, quotes, events, and ingestion.

Store calls are synchronous; each runs on the app's store thread (see :class:`khabar.api.app.StoreAccess`)
while the handler awaits it.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from khabar.api import corpus
from khabar.api.app import context, require_read, require_write
from khabar.api.errors import ApiError

router = APIRouter(dependencies=[Depends(require_read)])
write_router = APIRouter()

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
LABELS = r"^(PER|ORG|LOC|FAC|PRO|EVENT|DATE|TIME|MONEY|PERCENT)$"
MAX_OFFSET = 10_000


def _limit(request: Request, limit: int | None) -> int:
    settings = context(request).settings
    if limit is None:
        return settings.default_page_size
    if limit > settings.max_page_size:
        raise ApiError(422, "invalid_parameters", f"limit: at most {settings.max_page_size}")
    return limit


def _page(request: Request, items: list[Any], *, limit: int, offset: int, total: int | None = None,
          **extra: Any) -> dict[str, Any]:
    """A page of results with the link to the next page (None on the last one)."""
    has_more = (offset + len(items) < total) if total is not None else len(items) == limit
    nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit)) if has_more else None
    out: dict[str, Any] = dict(extra)
    out.update({"total": total, "limit": limit, "offset": offset, "next": nxt, "items": items})
    return out


def since_q() -> Any:
    return Query(None, pattern=ISO_DATE, description="from this publication date (ISO YYYY-MM-DD, inclusive)")


def until_q() -> Any:
    return Query(None, pattern=ISO_DATE, description="up to this publication date (ISO YYYY-MM-DD, inclusive)")


def limit_q() -> Any:
    return Query(None, ge=1, description="page size (default 20, at most the server's max_page_size)")


def offset_q() -> Any:
    return Query(0, ge=0, le=MAX_OFFSET, description="how many results to skip")


@router.get("/documents", tags=["corpus"], summary="List stored documents, newest first")
async def list_documents(request: Request, source: str | None = Query(None, max_length=200),
                   topic: str | None = Query(None, max_length=100), since: str | None = since_q(),
                   until: str | None = until_q(), limit: int | None = limit_q(),
                   offset: int = offset_q()) -> JSONResponse:
    """Document metadata (id, source, url, title, published, topic, near-duplicate group)."""
    limit = _limit(request, limit)
    items, total = await context(request).require_store().call(
        corpus.list_documents, source=source, topic=topic, since=since, until=until, limit=limit, offset=offset)
    return JSONResponse(_page(request, [d.to_dict() for d in items], limit=limit, offset=offset, total=total))


@router.get("/documents/{doc_id}", tags=["corpus"], summary="One stored document, fully analyzed",
            responses={200: {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/KhabarDocument"}}}}, 404: {"description": "no such document"}})
async def get_document(request: Request, doc_id: int = Path(ge=1)) -> JSONResponse:
    """The stored ``khabar.document/1``; its ``meta`` carries the store's id, source, url, title and date."""
    def fetch(store: Any) -> tuple[Any, Any]:
        doc = store.document(doc_id)
        return doc, (store.document_info(doc_id) if doc is not None else None)

    doc, info = await context(request).require_store().call(fetch)
    if doc is None:
        raise ApiError(404, "not_found", f"no document with id {doc_id}")
    data = doc.to_dict()
    if info is not None:
        data["meta"] = {**data["meta"], **{k: v for k, v in info.to_dict().items() if v is not None}}
    return JSONResponse(data)


@router.get("/search", tags=["corpus"], summary="Full-text search with highlighted snippets")
async def search(request: Request,
           q: str = Query(..., min_length=1, max_length=500,
                          description='words (all must occur, lemma-aware), "a phrase", -excluded'),
           since: str | None = since_q(), until: str | None = until_q(),
           source: str | None = Query(None, max_length=200), topic: str | None = Query(None, max_length=100),
           entity: str | None = Query(None, max_length=200, description="only documents mentioning this entity"),
           limit: int | None = limit_q(), offset: int = offset_q()) -> JSONResponse:
    """Ranked by BM25. Each hit has a ``snippet`` and ``highlights`` as ``[start, end]`` offsets into the
    document text (``snippet_start`` is the snippet's own offset)."""
    if not q.strip():
        raise ApiError(422, "invalid_parameters", "q: the query is empty")
    limit = _limit(request, limit)
    result = await context(request).require_store().call(
        corpus.search, q, since=since, until=until, source=source, topic=topic, entity=entity, limit=limit,
        offset=offset)
    hits = [corpus.hit_dict(h) for h in result.hits]
    return JSONResponse(_page(request, hits, limit=limit, offset=offset, total=result.total, query=result.query))


@router.get("/entities", tags=["entities"], summary="Most-mentioned entities, or entities by name")
async def list_entities(request: Request, label: str | None = Query(None, pattern=LABELS),
                  name: str | None = Query(None, min_length=1, max_length=200, description="exact (normalized) name"),
                  limit: int | None = limit_q(), offset: int = offset_q()) -> JSONResponse:
    """Entities merged across documents, by number of documents. ``id`` in the path of
    ``/entities/{id}`` is the entity's ``key`` (``LABEL|name``)."""
    limit = _limit(request, limit)

    def fetch(store: Any) -> tuple[list[Any], int | None]:
        if name:
            found = store.find_entities(name, label=label)
            return found[offset:offset + limit], len(found)
        return store.entities(top=offset + limit, label=label)[offset:], None

    items, total = await context(request).require_store().call(fetch)
    return JSONResponse(_page(request, [e.to_dict() for e in items], limit=limit, offset=offset, total=total))


@router.get("/entities/{entity_id:path}", tags=["entities"], summary="One entity: roles, timeline, statements, events, network",
            responses={404: {"description": "no such entity"}})
async def get_entity(request: Request, entity_id: str = Path(min_length=1, max_length=300,
                                                      description="the entity key `LABEL|name` (or a name)"),
               limit: int = Query(20, ge=1, le=100, description="how many statements, events and co-occurring entities")
               ) -> JSONResponse:
    """The entity's roles, mentions per month, statements (its quotes), events it takes part in, the
    entities it appears with, and who it met (from ``meet`` events)."""
    profile = await context(request).require_store().call(corpus.entity_profile, entity_id, limit=limit)
    if profile is None:
        raise ApiError(404, "not_found", f"no entity {entity_id!r}")
    return JSONResponse(profile)


@router.get("/quotes", tags=["knowledge"], summary="Statements: who said what, newest first")
async def list_quotes(request: Request, speaker: str | None = Query(None, max_length=200, description="speaker name"),
                about: str | None = Query(None, max_length=200, description="a name or word the statement mentions"),
                since: str | None = since_q(), until: str | None = until_q(),
                limit: int | None = limit_q(), offset: int = offset_q()) -> JSONResponse:
    limit = _limit(request, limit)
    rows = await context(request).require_store().call(
        lambda store: store.quotes(speaker=speaker, about=about, since=since, until=until, limit=offset + limit))
    items = [r.to_dict() for r in rows[offset:offset + limit]]
    return JSONResponse(_page(request, items, limit=limit, offset=offset))


@router.get("/events", tags=["knowledge"], summary="Events: actor → action → target, newest first")
async def list_events(request: Request, type: str | None = Query(None, max_length=50, description="event type, e.g. meet"),
                actor: str | None = Query(None, max_length=200, description="an actor or target name"),
                since: str | None = since_q(), until: str | None = until_q(),
                limit: int | None = limit_q(), offset: int = offset_q()) -> JSONResponse:
    limit = _limit(request, limit)
    rows = await context(request).require_store().call(
        lambda store: store.events(type=type, actor=actor, since=since, until=until, limit=offset + limit))
    items = [r.to_dict() for r in rows[offset:offset + limit]]
    return JSONResponse(_page(request, items, limit=limit, offset=offset))


@router.get("/stats", tags=["corpus"], summary="Row counts of the store")
async def stats(request: Request) -> JSONResponse:
    return JSONResponse(dict(await context(request).require_store().call(lambda store: store.stats())))


INGEST_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {
        "type": "object",
        "properties": {"documents": {"type": "array", "maxItems": corpus.MAX_INGEST_BATCH, "items": {
            "type": "object",
            "properties": {"text": {"type": "string"}, "html": {"type": "string"},
                           "meta": {"type": "object", "additionalProperties": {"type": "string"}}}}}},
        "example": {"documents": [{"text": "شمخانی گفت: ایران از گفت‌وگو حمایت می‌کند.",
                                   "meta": {"source": "example", "published": "2023-04-09"}}]},
    }}},
}


@write_router.post("/ingest", tags=["corpus"], summary="Analyze and store documents (needs the API token)",
                   openapi_extra={"requestBody": INGEST_BODY},
                   responses={401: {"description": "no token"}, 403: {"description": "wrong token, or ingestion disabled"}},
                   dependencies=[Depends(require_write)])
async def ingest(request: Request) -> JSONResponse:
    """Each document (``text`` or ``html`` with optional ``meta``) is analyzed and stored in one
    transaction; content already stored is reported as a duplicate."""
    return JSONResponse(await corpus.ingest(request))


router.include_router(write_router)
