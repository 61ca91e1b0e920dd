"""Print the deterministic choice of articles for the quote gold set (gold/quotes.jsonl).

Rule (documented in docs/annotation.md): from ../shared/data/farsnews-lmcourse/train.jsonl take the articles
whose ``cat`` is politics, world or foreign-policy; from varzesh3-lmcourse/train.jsonl take all articles.
Keep those whose body (paragraphs) has 80-450 whitespace words (so one annotator can read each one in full),
order each pool by the SHA-1 of the article's ``link``.

- batch 1: the first 18 Fars and the first 7 Varzesh3. Fars 15-18 and Varzesh3 7 form the ``final`` split
  (looked at only at the end); the others are ``dev``.
- batch 2 (all ``dev``): Fars 19-28 and Varzesh3 8-12, annotated after the rules were written and scored
  once before any change was made for them (the honest dev figure; see docs/quotes.md).
- batch 3 (all ``dev``): Fars 29-38 and Varzesh3 13-17, annotated after the final split was scored, and
  scored once before any change was made for them.
- batch 4 (all ``final``): Fars 39-48 and Varzesh3 18-22, a second held-out set annotated after the rules were
  frozen; scored, never tuned on.
- batch 5 (all ``final``): Fars 49-58 and Varzesh3 23-27, a third held-out set annotated after the changes
  made for batches 1-3 (and seeing batch 4's error types); scored before the changes of commit e440957.
- batch 6 (all ``final``): Fars 59-68 and Varzesh3 28-32, annotated and scored with the code of commit
  e440957; its error types informed commit 2d5afac.
- batch 7 (all ``final``): Fars 69-78 and Varzesh3 33-37, scored with the code of commit 2d5afac; its error
  types informed later commits.
- batch 8 (all ``final``): Fars 79-88 and Varzesh3 38-42, annotated last and scored with the code of commit
  0104b79 (with and without NER); nothing was changed after seeing it.

The article text is never copied: only links are printed.

    python scripts/select_quote_gold.py            # link, source, split, batch
"""
from __future__ import annotations

import hashlib
import json
import sys

from khabar.datasets import data_file

FARS_CATS = {"politics", "world", "foreign-policy"}
MIN_WORDS, MAX_WORDS = 80, 450
N_FARS, N_VARZESH3 = 18, 7  # batch 1
FINAL_FARS, FINAL_VARZESH3 = 4, 1  # the last of batch 1
N_FARS_2, N_VARZESH3_2 = 10, 5  # batch 2
N_FARS_3, N_VARZESH3_3 = 10, 5  # batch 3
N_FARS_4, N_VARZESH3_4 = 10, 5  # batch 4 (held out)
N_FARS_5, N_VARZESH3_5 = 10, 5  # batch 5 (held out)
N_FARS_6, N_VARZESH3_6 = 10, 5  # batch 6 (held out)
N_FARS_7, N_VARZESH3_7 = 10, 5  # batch 7 (held out)
N_FARS_8, N_VARZESH3_8 = 10, 5  # batch 8 (held out, the last look)


def _words(article: dict) -> int:
    return sum(len(p.split()) for p in article.get("paragraphs", []))


def select(batches: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8)) -> list[tuple[str, str, str, int]]:
    """(link, source, split, batch) for every chosen article, in annotation order."""
    out: list[tuple[str, str, str, int]] = []
    for source, path, n, n_final, n2, n3, n4, n5, n6, n7, n8, keep in (
        ("farsnews", ("farsnews-lmcourse", "train.jsonl"), N_FARS, FINAL_FARS, N_FARS_2, N_FARS_3, N_FARS_4,
         N_FARS_5, N_FARS_6, N_FARS_7, N_FARS_8, lambda a: a.get("cat") in FARS_CATS),
        ("varzesh3", ("varzesh3-lmcourse", "train.jsonl"), N_VARZESH3, FINAL_VARZESH3, N_VARZESH3_2,
         N_VARZESH3_3, N_VARZESH3_4, N_VARZESH3_5, N_VARZESH3_6, N_VARZESH3_7, N_VARZESH3_8, lambda a: True),
    ):
        pool = []
        with open(data_file(*path), encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                if keep(art) and MIN_WORDS <= _words(art) <= MAX_WORDS:
                    pool.append(art["link"])
        pool.sort(key=lambda link: hashlib.sha1(link.encode("utf-8")).hexdigest())
        if 1 in batches:
            for i, link in enumerate(pool[:n]):
                out.append((link, source, "final" if i >= n - n_final else "dev", 1))
        if 2 in batches:
            out.extend((link, source, "dev", 2) for link in pool[n:n + n2])
        if 3 in batches:
            out.extend((link, source, "dev", 3) for link in pool[n + n2:n + n2 + n3])
        if 4 in batches:
            out.extend((link, source, "final", 4) for link in pool[n + n2 + n3:n + n2 + n3 + n4])
        if 5 in batches:
            first = n + n2 + n3 + n4
            out.extend((link, source, "final", 5) for link in pool[first:first + n5])
        if 6 in batches:
            first = n + n2 + n3 + n4 + n5
            out.extend((link, source, "final", 6) for link in pool[first:first + n6])
        if 7 in batches:
            first = n + n2 + n3 + n4 + n5 + n6
            out.extend((link, source, "final", 7) for link in pool[first:first + n7])
        if 8 in batches:
            first = n + n2 + n3 + n4 + n5 + n6 + n7
            out.extend((link, source, "final", 8) for link in pool[first:first + n8])
    return out


if __name__ == "__main__":
    for link, source, split, batch in select():
        sys.stdout.write(f"{link}\t{source}\t{split}\t{batch}\n")
