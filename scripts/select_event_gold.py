"""Print the articles of the events gold set (``gold/events.jsonl``), chosen by a fixed rule.

Rule (deterministic, documented in docs/annotation.md, section "Events"; code in
``khabar.evaluation.events.select_articles``):
  1. read ``farsnews-lmcourse/train.jsonl``; keep articles whose ``cat`` is politics, world or foreign-policy
     and whose text (title + paragraphs) has at most 400 whitespace words;
  2. split them into A (text contains دیدار, ملاقات or رایزنی: meetings; گفت‌وگو alone is left out because it
     mostly introduces interviews) and B (the rest);
  3. order each group by the SHA-1 of the article ``link``;
  4. dev = A[0:16] + B[0:4]; aside (looked at only at the end) = A[16:20] + B[4:5].

Usage: ``python scripts/select_event_gold.py [dev|aside] [--links]``. The article text is read from
../shared/data for the annotator and never committed.
"""
from __future__ import annotations

import sys

from khabar.datasets import data_file
from khabar.evaluation.events import article_text, published_from_link, select_articles


def main(argv: list[str]) -> int:
    split = argv[0] if argv else "dev"
    for k, art in enumerate(select_articles(data_file("farsnews-lmcourse", "train.jsonl"))[split]):
        if "--links" in argv:
            print(art["link"])
            continue
        print(f"===== [{k}] {art['link']}  published {published_from_link(art['link'])}")
        print(article_text(art).translate(str.maketrans("يك", "یک")))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
