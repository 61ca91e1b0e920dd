"""What a source yields: an :class:`Article` (text with its metadata) or a :class:`Failure` (why not).

>>> Article(title="خبر", body="متن خبر").text
'خبر\\n\\nمتن خبر'
>>> jalali_or_iso("۱۴۰۲/۰۳/۱۵ ۱۲:۳۰")
'2023-06-05'
>>> date_from_url("https://www.farsnews.ir/news/13911222000865/x")
'2013-03-12'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from khabar.store.records import iso_date

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


@dataclass(slots=True)
class Article:
    """One article as read from a source, before analysis. ``text`` is what gets analyzed."""

    body: str
    title: str | None = None
    lead: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    author: str | None = None
    origin: str = ""  # where it was read from (file:line, URL, WARC record), for messages
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        parts = [p.strip() for p in (self.title, self.lead, self.body) if p and p.strip()]
        return "\n\n".join(parts)

    def meta(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: v for k, v in (("title", self.title), ("url", self.url), ("source", self.source),
                                                  ("published", self.published), ("author", self.author)) if v}
        out.update(self.extra)
        return out


@dataclass(slots=True)
class Failure:
    """An input that could not be read, with the reason (shown in the ingest summary)."""

    origin: str
    reason: str


def jalali_or_iso(value: str | None) -> str | None:
    """An ISO date from an ISO, RFC or Jalali (``۱۴۰۲/۰۳/۱۵``) date string; None when unreadable."""
    if not value:
        return None
    s = str(value).translate(_DIGITS).strip()
    found = iso_date(s)
    if found:
        return found
    m = re.search(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if m:
        return iso_date("-".join(m.groups()))
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def date_from_url(url: str | None) -> str | None:
    """Publication dates that news sites encode in article URLs: Fars News ids start with the Solar Hijri
    date (``/news/8707060255`` = 1387/07/06, ``/news/13911222000865`` = 1391/12/22)."""
    if not url:
        return None
    m = re.search(r"farsnews\.(?:ir|com)/(?:news|printable)/(\d{10,14})", url)
    if m:
        digits = m.group(1)
        if len(digits) >= 14:
            y, mo, d = digits[0:4], digits[4:6], digits[6:8]
        else:
            y, mo, d = "13" + digits[0:2], digits[2:4], digits[4:6]
        return iso_date(f"{y}/{mo}/{d}")
    return None


def source_from_url(url: str | None) -> str | None:
    """The site name of a URL (``https://www.farsnews.ir/news/1`` → ``farsnews.ir``)."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host[4:] if host.startswith("www.") else (host or None)
