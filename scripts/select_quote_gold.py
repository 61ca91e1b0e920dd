"""Print the deterministic choice of articles for the quote gold set (gold/quotes.jsonl).

Rule (documented in docs/annotation.md): from ../shared/data/farsnews-lmcourse/train.jsonl take the articles
whose ``cat`` is politics, world or foreign-policy; from varzesh3-lmcourse/train.jsonl take all articles.
Keep those whose body (paragraphs) has 80-450 whitespace words (so one annotator can read each one in full),
order each pool by the SHA-1 of the article's ``link`` and take the first 18 Fars and the first 7 Varzesh3.
The last 4 Fars and the last Varzesh3 of that order form the ``final`` split (looked at only at the end);
the others are ``dev``.  The article text is never copied: only links are printed.

    python scripts/select_quote_gold.py            # link, source, split
"""
from __future__ import annotations

import hashlib
import json
import sys

from khabar.datasets import data_file

FARS_CATS = {"politics", "world", "foreign-policy"}
MIN_WORDS, MAX_WORDS = 80, 450
N_FARS, N_VARZESH3 = 18, 7
FINAL_FARS, FINAL_VARZESH3 = 4, 1


def _words(article: dict) -> int:
    return sum(len(p.split()) for p in article.get("paragraphs", []))


def select() -> list[tuple[str, str, str]]:
    """(link, source, split) for every chosen article, in annotation order."""
    out: list[tuple[str, str, str]] = []
    for source, path, n, n_final, keep in (
        ("farsnews", ("farsnews-lmcourse", "train.jsonl"), N_FARS, FINAL_FARS,
         lambda a: a.get("cat") in FARS_CATS),
        ("varzesh3", ("varzesh3-lmcourse", "train.jsonl"), N_VARZESH3, FINAL_VARZESH3, lambda a: True),
    ):
        pool = []
        with open(data_file(*path), encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                if keep(art) and MIN_WORDS <= _words(art) <= MAX_WORDS:
                    pool.append(art["link"])
        pool.sort(key=lambda link: hashlib.sha1(link.encode("utf-8")).hexdigest())
        for i, link in enumerate(pool[:n]):
            out.append((link, source, "final" if i >= n - n_final else "dev"))
    return out


if __name__ == "__main__":
    for link, source, split in select():
        sys.stdout.write(f"{link}\t{source}\t{split}\n")
