"""Reading news-article JSONL (the Fars/Varzesh3 course format) into khabar documents.

Each line holds ``title``, ``abstract``, ``paragraphs``, ``tags``, ``link`` and, for Fars, ``cat``/``subcat``
(site section slugs). :func:`article_document` builds the text the way a page extractor would
(headline, blank line, body paragraphs separated by blank lines) and keeps the headline in
``meta["title"]``; the agency ``abstract`` is *not* part of the text (it is the summary reference).

The coarse topic of an article comes from its section slug through :data:`SECTION_TOPICS` (documented in
``docs/about.md``). Sections that say where an article was filed rather than what it is about (provinces,
the ``farsplus-magazine`` digest, opinion pieces, empty) map to ``None``: they are not used to train or score
the topic classifier.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

# The coarse topic set, in a fixed order (the classifier's class order).
TOPICS: tuple[str, ...] = (
    "politics", "world", "economy", "society", "culture", "sports", "science", "health",
)

# Fars ``cat`` (and ``cat/subcat``) section slugs → coarse topic; ``None`` = not a topic label.
SECTION_TOPICS: dict[str, str | None] = {
    "politics": "politics",
    "world": "world",
    "foreign-policy": "world",
    "regional-offices": "world",   # the agency's desks for Afghanistan, Pakistan, Central Asia
    "economy": "economy",
    "social": "society",
    "social/medicine-spirituality": "health",
    "education": "society",
    "culture": "culture",
    "arts-media": "culture",
    "sports": "sports",
    "scientific-academic": "science",
    # Where an article was filed, not what it is about:
    "province": None,
    "farsplus-magazine": None,
    "viewpoint": None,
    "multimedia": None,
    "myfars": None,
    "other-media": None,
    "": None,
}

# Province desks (``tehran``, ``isfahan``, ...) are any other slug; they are also not topics.

# Articles with legacy id-only links (``farsnews.ir/news/<id>``, the 2003-2010 archive, Arabic ي/ك) carry
# section slugs that are shifted against their content: e.g. every ``world/islamic-forces`` article is a
# sports report and ``arts-media`` holds economy news. On these articles the modern table agrees with the
# content only 43% of the time. This table was read off by hand from the titles of each legacy slug (slugs
# with mixed content map to ``None``, i.e. no label); see docs/about.md.
LEGACY_SECTION_TOPICS: dict[str, str | None] = {
    "world": "world",
    "politics": "politics",
    "culture": "culture",
    "economy": "economy",
    "sports": "sports",
    "politics/others": "world",
    "arts-media": "economy",
    "economy/stock": "world",
    "social/welfare": "world",
    "world/islamic-forces": "sports",
    "world/west-asia": "sports",
    "world/iran": "sports",
    "scientific-academic/it": "culture",
}
_LEGACY_LINK = re.compile(r"farsnews\.ir/news/\d+/?$")

_FARS_PREFIX = re.compile(r"^\s*خبرگزار[يی]\s*فارس\s*[:：]\s*")


@dataclass
class Article:
    title: str
    paragraphs: list[str]
    abstract: str = ""
    tags: list[str] = field(default_factory=list)
    section: str | None = None
    link: str = ""

    @property
    def topic(self) -> str | None:
        """The coarse topic from the section (``sports`` for files without sections, e.g. Varzesh3)."""
        if self.section is None:
            return "sports" if "varzesh3" in self.link else None
        if _LEGACY_LINK.search(self.link):
            return LEGACY_SECTION_TOPICS.get(self.section)
        return section_topic(self.section)

    @property
    def reference_summary(self) -> str:
        """The agency abstract without its ``خبرگزاري فارس:`` prefix."""
        return _FARS_PREFIX.sub("", self.abstract).strip()

    @property
    def text(self) -> str:
        parts = [self.title.strip()] if self.title.strip() else []
        parts += [p.strip() for p in self.paragraphs if p and p.strip()]
        return "\n\n".join(parts)


def section_topic(section: str) -> str | None:
    """Coarse topic of a Fars section slug ``cat`` or ``cat/subcat``.

    >>> section_topic("social/medicine-spirituality"), section_topic("social/welfare"), section_topic("gilan")
    ('health', 'society', None)
    """
    if section in SECTION_TOPICS:
        return SECTION_TOPICS[section]
    cat = section.split("/", 1)[0]
    return SECTION_TOPICS.get(cat)


def parse_article(row: dict[str, Any]) -> Article:
    section = None
    if "cat" in row:
        cat, sub = row.get("cat") or "", row.get("subcat") or ""
        section = f"{cat}/{sub}" if sub else cat
    return Article(
        title=row.get("title") or "",
        paragraphs=list(row.get("paragraphs") or []),
        abstract=row.get("abstract") or "",
        tags=[t for t in (row.get("tags") or []) if t and t.strip()],
        section=section,
        link=row.get("link") or "",
    )


def read_articles(path: str | Path) -> Iterator[Article]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield parse_article(json.loads(line))


def article_document(nlp, article: Article):
    """Run ``nlp`` on the article text with its headline in ``meta["title"]``."""
    return nlp(article.text, {"title": article.title.strip(), "source": article.link})


def analysis_pipeline(extra: tuple[str, ...] = ()):
    """The text stages, plus the tagger and lemmatizer when they are installed (so that term features
    are lemmas, as in the full pipeline), plus ``extra`` stages."""
    import khabar
    from khabar import stages

    names = ["normalizer", "sentences", "tokenizer"]
    if stages.available("tagger") and stages.available("lemmatizer"):
        # ``ner`` before the tagger, as in the default pipeline: the tagger reads its mentions (after it,
        # the tagger would run the NER model a second time).
        first = [s for s in extra if s == "ner"]
        try:
            return khabar.load(stages=names + first + ["tagger", "lemmatizer"] + [s for s in extra if s != "ner"])
        except Exception:  # noqa: BLE001 - a lemmatizer that cannot be built: fall back to token text
            pass
    return khabar.load(stages=names + list(extra))
