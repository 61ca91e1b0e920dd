"""Article text from an HTML page, for ``POST /analyze`` and ``POST /ingest`` with HTML bodies.

trafilatura 2.x deletes every zero-width non-joiner (U+200C) from what it extracts (its control-character
cleanup keeps only ``str.isprintable()`` characters), which breaks most Persian words
(``می‌کند`` → ``میکند``). The ZWNJ is therefore swapped for a printable placeholder that the page does
not contain before extraction, and swapped back afterwards.

>>> page_text("<html><body><article><p>او گفت‌وگو را ادامه می&zwnj;دهد و این خبر را تأیید کرد.</p></article></body></html>").text
'او گفت\u200cوگو را ادامه می\u200cدهد و این خبر را تأیید کرد.'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from khabar.errors import InputError

ZWNJ = "\u200c"
# Printable, and essentially never found in Persian news pages.
_PLACEHOLDERS = ("\u205c", "\u2e0e", "\u2bd1", "\u1368")
_ZWNJ_ENTITY = re.compile(r"&(?:zwnj|#8204|#x200c);", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])|<(?:p|div|article|h1)[\s>]",
                              re.IGNORECASE)


@dataclass(slots=True)
class PageText:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


def looks_like_html(text: str) -> bool:
    """True for a document that starts like an HTML page or carries block-level tags near its start."""
    return bool(_LOOKS_LIKE_HTML.search(text[:4096]))


def page_text(html: str) -> PageText:
    """The main text (title, then body) and metadata (title, url, published, site) of an HTML page."""
    import trafilatura

    placeholder = next((p for p in _PLACEHOLDERS if p not in html), None)
    protected = html
    if placeholder is not None:
        protected = _ZWNJ_ENTITY.sub(placeholder, html).replace(ZWNJ, placeholder)
    result = trafilatura.bare_extraction(protected, with_metadata=True, include_comments=False)
    if result is None:
        raise InputError("E020: no article text could be extracted from this HTML page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)

    def restore(value: Any) -> Any:
        if isinstance(value, str) and placeholder is not None:
            return value.replace(placeholder, ZWNJ)
        return value

    body = restore(data.get("text") or "")
    title = restore(data.get("title") or "")
    if not body.strip():
        raise InputError("E020: no article text could be extracted from this HTML page")
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    meta = {"title": title or None, "url": data.get("url"), "published": data.get("date"),
            "site": data.get("sitename"), "format": "html"}
    return PageText(text=text, meta={k: v for k, v in meta.items() if v})
