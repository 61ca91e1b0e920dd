"""Main text, title, date and author of a news page, with the Persian half-space kept.

trafilatura 2.3.1 deletes every ZWNJ (U+200C) it extracts (its control-character cleanup keeps only
``str.isprintable()`` characters). :func:`extract_article` therefore swaps every ZWNJ in the page —
raw, ``&zwnj;``, ``&#8204;`` or ``&#x200c;`` — for a printable placeholder character that does not occur
in the page, extracts, and swaps the placeholder back.

It also reads what extractors miss on Persian sites: Jalali dates in Persian digits in
``article:published_time``, site suffixes in ``<title>`` (``… - اخبار تسنیم``), the kicker above the
headline (``rutitr``) and the agency lead (``lead``/``summary``), which trafilatura often drops.

>>> page = ('<html><head><title>کتاب‌ها - اخبار تسنیم</title></head><body><article><h1>کتاب‌ها</h1>'
...         '<p>' + 'نمایشگاه کتاب‌ها امروز در تهران گشایش یافت و می‌گویند شلوغ است. ' * 3 + '</p></article></body></html>')
>>> art = extract_article(page, url="https://www.tasnimnews.com/fa/news/1")
>>> art.title, "می‌گویند" in art.body
('کتاب‌ها', True)
"""
from __future__ import annotations

import re
from typing import Any

from khabar.errors import InputError
from khabar.ingest.article import Article, jalali_or_iso, source_from_url

ZWNJ = "\u200c"
# Printable, rare, not letters (so no extractor rule treats them as words to drop or join).
_PLACEHOLDERS = ("\u2e3a", "\u2e3b", "\u29df", "\u2bd1", "\u2e4e")
_ZWNJ_ENTITY = re.compile(r"&(?:zwnj|#8204|#x200c);", re.IGNORECASE)
_SITE_SUFFIX = re.compile(
    r"\s+[-|–—:]{1,2}\s+(?P<site>[^-|–—]*?(?:خبرگزاری|اخبار|پایگاه|سایت|روزنامه|شبکه|news|agency|خبر|تسنیم|ایرنا|"
    r"ایسنا|مهر|فارس|همشهری|ورزش ?سه|تابناک|عصر ?ایران|مشرق|باشگاه)[^-|–—]*)$",
    re.IGNORECASE)
_DATE_META = ("article:published_time", "og:published_time", "published_time", "pubdate", "publishdate",
              "date", "dc.date", "dc.date.issued", "sailthru.date", "article:modified_time")
_KICKER_CLASS = re.compile(r"\b(rutitr|ro-titr|kicker|overtitle|uptitle|supertitle|pre-?title|surtitle)\b", re.I)
_LEAD_CLASS = re.compile(r"\b(lead|summary|introtext|intro|subtitle|news-?lead|abstract|teaser)\b", re.I)
MIN_BODY_CHARS = 40


def protect_zwnj(html: str) -> tuple[str, str]:
    """``html`` with every ZWNJ swapped for a placeholder absent from it, and that placeholder."""
    for mark in _PLACEHOLDERS:
        if mark not in html:
            return _ZWNJ_ENTITY.sub(mark, html).replace(ZWNJ, mark), mark
    raise InputError("E330: page contains every ZWNJ placeholder character; cannot protect half-spaces")


def clean_title(title: str | None, *, site: str | None = None) -> str | None:
    """A headline without the site suffix: ``سفر رئیسی به چین - اخبار تسنیم`` → ``سفر رئیسی به چین``."""
    if not title:
        return None
    title = " ".join(title.split())
    m = _SITE_SUFFIX.search(title)
    if m and m.start() > 0 and len(m.group("site").split()) <= 5:
        title = title[:m.start()].strip()
    return title or None


def _meta_values(tree) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = el.get("content")
        if key and value and key not in out:
            out[key] = value.strip()
    return out


def _first_text(tree, pattern: re.Pattern, mark: str) -> str | None:
    for el in tree.iter():
        cls = el.get("class") if isinstance(el.tag, str) else None
        if cls and pattern.search(cls):
            text = " ".join(el.text_content().split())
            if text:
                return text.replace(mark, ZWNJ)
    return None


def _page_date(meta: dict[str, str], tree) -> str | None:
    for key in _DATE_META:
        if key in meta:
            found = jalali_or_iso(meta[key])
            if found:
                return found
    for key in ("datepublished", "datecreated"):
        if key in meta:
            found = jalali_or_iso(meta[key])
            if found:
                return found
    for el in tree.iter("time"):
        found = jalali_or_iso(el.get("datetime") or el.text_content())
        if found:
            return found
    return None


def extract_article(html: str, *, url: str | None = None, origin: str | None = None) -> Article:
    """The article of one HTML page. Raises :class:`InputError` when the page has no article text."""
    import lxml.html
    import trafilatura

    if not html or not html.strip():
        raise InputError(f"E331: {origin or url or 'page'}: empty page")
    protected, mark = protect_zwnj(html)
    try:
        tree = lxml.html.fromstring(protected)
    except (ValueError, lxml.etree.ParserError) as err:
        raise InputError(f"E332: {origin or url or 'page'}: malformed HTML ({err})") from None
    meta = _meta_values(tree)
    extracted = trafilatura.bare_extraction(protected, url=url, with_metadata=True, include_comments=False,
                                            favor_recall=True)
    data: dict[str, Any] = {}
    if extracted is not None:
        data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = (data.get("text") or "").replace(mark, ZWNJ)
    letters = sum(1 for c in body if c.isalpha())
    if letters < MIN_BODY_CHARS:
        raise InputError(f"E333: {origin or url or 'page'}: no article text found "
                         f"({letters} letters extracted)")
    og_title = meta.get("og:title") or meta.get("twitter:title")
    title_el = tree.find(".//title")
    page_title = title_el.text_content() if title_el is not None else None
    title = clean_title((og_title or data.get("title") or page_title or "").replace(mark, ZWNJ),
                        site=source_from_url(url))
    kicker = _first_text(tree, _KICKER_CLASS, mark)
    lead = _first_text(tree, _LEAD_CLASS, mark) or (meta.get("description") or "").replace(mark, ZWNJ) or None
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    # trafilatura may keep the headline, the kicker and the lead as lines of the body (anywhere)
    drop = {x for x in (title, kicker, lead) if x}
    lines = [ln for ln in lines if ln not in drop]
    if lead and any(lead[:60] in ln for ln in lines[:3]):
        lead = None  # already the start of a body paragraph
    published = _page_date(meta, tree) or jalali_or_iso(data.get("date"))
    author = data.get("author") or meta.get("author")
    extra = {"kicker": kicker} if kicker else {}
    return Article(body="\n\n".join(lines), title=title, lead=lead, url=url or data.get("url"),
                   source=source_from_url(url) or data.get("sitename"), published=published,
                   author=author.replace(mark, ZWNJ) if author else None,
                   origin=origin or url or "page", extra=extra)
