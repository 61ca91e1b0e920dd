"""``POST /analyze`` (text or HTML in, ``khabar.document/1`` out) and ``GET /health``."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from khabar.api.analysis import AnalysisTimeout
from khabar.api.app import context, require_read
from khabar.api.errors import ApiError
from khabar.errors import InputError
from khabar.inputs import decode_bytes

router = APIRouter()

HTML_TYPES = ("text/html", "application/xhtml+xml")
RAW_TYPES = ("", "text/plain", "application/octet-stream") + HTML_TYPES
META_KEYS = ("title", "url", "published", "source")


@dataclass(slots=True)
class Article:
    """A request's article: its text (already extracted from HTML when it was a page) and metadata."""

    text: str
    meta: dict[str, Any]


ANALYZE_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {
            "type": "object",
            "properties": {
                "text": {"type": "string", "description": "the article as plain text"},
                "html": {"type": "string", "description": "the article as an HTML page (main text is extracted)"},
                "meta": {"type": "object", "description": "title, url, published (ISO or Jalali), source",
                         "additionalProperties": {"type": "string"}},
            },
            "example": {"text": "شمخانی افزود: ایران از گفت‌وگو حمایت می‌کند.", "meta": {"published": "1402/01/20"}},
        }},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"},
                                     "description": "a file: UTF-8, UTF-16 with BOM or Windows-1256; HTML is detected"},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary"}, "text": {"type": "string"}}}},
    },
}


def _clean_meta(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ApiError(400, "bad_meta", "'meta' must be an object of strings")
    meta = {}
    for key in META_KEYS:
        v = value.get(key)
        if v is None:
            continue
        if not isinstance(v, str) or len(v) > 2000:
            raise ApiError(400, "bad_meta", f"meta.{key} must be a string of at most 2000 characters")
        meta[key] = v
    return meta


def _from_decoded(data: bytes, content_type: str, source: str) -> Article:
    decoded = decode_bytes(data, source=source)
    is_html = content_type in HTML_TYPES
    if not is_html and content_type != "text/plain":
        from khabar.api.html_input import looks_like_html

        is_html = looks_like_html(decoded.text)
    return _article(decoded.text, is_html, {"encoding": decoded.encoding})


def _article(text: str, is_html: bool, meta: dict[str, Any]) -> Article:
    if is_html:
        from khabar.api.html_input import page_text

        page = page_text(text)
        return Article(page.text, {**page.meta, **meta})
    return Article(text, meta)


async def read_article(request: Request) -> Article:
    """The article of a request, whatever its content type (see ``ANALYZE_BODY``)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        try:
            payload = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError) as err:
            raise ApiError(400, "malformed_json", f"the body is not valid JSON: {err}") from None
        if not isinstance(payload, dict):
            raise ApiError(400, "bad_body", "the JSON body must be an object with 'text' or 'html'")
        text, html = payload.get("text"), payload.get("html")
        if (text is None) == (html is None):
            raise ApiError(400, "bad_body", "give exactly one of 'text' or 'html'")
        value = text if text is not None else html
        if not isinstance(value, str):
            raise ApiError(400, "bad_body", f"'{'text' if text is not None else 'html'}' must be a string")
        if "\x00" in value:
            raise InputError("the text contains NUL characters: it looks like binary data")
        article = _article(value, html is not None, {})
        article.meta.update(_clean_meta(payload.get("meta")))
        return article
    if content_type == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is not None and hasattr(upload, "read"):
            data = await upload.read()
            ctype = (upload.content_type or "").split(";")[0].strip().lower()
            article = _from_decoded(data, ctype if ctype in RAW_TYPES else "", upload.filename or "upload")
        elif isinstance(form.get("text"), str):
            article = Article(form["text"], {})
        else:
            raise ApiError(400, "bad_body", "the form needs a 'file' or a 'text' field")
        article.meta.update(_clean_meta({k: form.get(k) for k in META_KEYS if isinstance(form.get(k), str)}))
        return article
    if content_type in RAW_TYPES:
        return _from_decoded(await request.body(), content_type, "request body")
    raise ApiError(415, "unsupported_media_type",
                   f"cannot analyze a {content_type} body; send JSON, text/plain, text/html or a file")


def check_text(text: str, max_chars: int) -> None:
    if not text.strip(" \t\r\n\f\v\u200c\u200b\u200d\ufeff\xa0"):
        raise ApiError(400, "empty_text", "there is no text to analyze")
    if len(text) > max_chars:
        raise ApiError(413, "text_too_long",
                       f"the text has {len(text):,} characters; the limit is {max_chars:,}")


async def analyze_article(request: Request, article: Article):
    ctx = context(request)
    check_text(article.text, ctx.settings.max_text_chars)
    try:
        return await ctx.analyzer.analyze(article.text, article.meta)
    except AnalysisTimeout as err:
        raise ApiError(503, "analysis_timeout", f"{err}; try a shorter text",
                       headers={"Retry-After": "5"}) from None


@router.post(
    "/analyze", tags=["analysis"], summary="Analyze one article (text or HTML)",
    openapi_extra={"requestBody": ANALYZE_BODY},
    responses={200: {"description": "the analyzed document",
                     "content": {"application/json": {"schema": {"$ref": "#/components/schemas/KhabarDocument"}}}},
               400: {"description": "empty, binary, undecodable or malformed input"},
               413: {"description": "body or text larger than the limits"},
               415: {"description": "unsupported content type"},
               503: {"description": "the analysis took longer than the timeout"}},
    dependencies=[Depends(require_read)],
)
async def analyze(request: Request, include_raw: bool = Query(
        False, description="also return the raw input and the offset map back to it")) -> JSONResponse:
    """Run the whole pipeline on one article and return it as a ``khabar.document/1`` object: sentences,
    tokens, entities (with roles and mentions), quotes, events, topic, keywords, summary. All offsets
    index into the returned ``text``."""
    article = await read_article(request)
    doc = await analyze_article(request, article)
    return JSONResponse(doc.to_dict(include_raw=include_raw))


@router.get("/health", tags=["service"], summary="Liveness, version and pipeline")
def health(request: Request) -> dict[str, Any]:
    from khabar import __version__

    ctx = context(request)
    return {"status": "ok", "version": __version__, "stages": ctx.analyzer.pipeline.stage_names,
            "store": ctx.store is not None, "ingest": ctx.settings.ingest_enabled,
            "read_requires_token": ctx.settings.read_requires_token}
