"""Article text from an HTML page, for ``POST /analyze`` and ``POST /ingest`` with HTML bodies.

The extraction itself is :func:`khabar.ingest.pages.extract_article` (trafilatura with the zero-width
non-joiner protected, since trafilatura deletes every U+200C; titles without site suffixes; Jalali dates;
kickers and leads), so that a page analyzed over HTTP reads exactly like one ingested from a crawl.

>>> page = ("<html><body><article><p>وزیر خارجه گفت که گفت‌وگو را ادامه می&zwnj;دهد و "
...         "این خبر را امروز در تهران تأیید کرد.</p></article></body></html>")
>>> "گفت\u200cوگو را ادامه می\u200cدهد" in page_text(page).text
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_LOOKS_LIKE_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])|<(?:p|div|article|h1)[\s>]",
                              re.IGNORECASE)


@dataclass(slots=True)
class PageText:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


def looks_like_html(text: str) -> bool:
    """True for a document that starts like an HTML page or carries block-level tags near its start."""
    return bool(_LOOKS_LIKE_HTML.search(text[:4096]))


def page_text(html: str, *, url: str | None = None) -> PageText:
    """The article text (title, lead, body) and metadata (title, url, source, published, author) of a
    page. Raises :class:`~khabar.errors.InputError` when the page has no article text."""
    from khabar.ingest.pages import extract_article

    article = extract_article(html, url=url, origin="request body")
    return PageText(text=article.text, meta={**article.meta(), "format": "html"})
