"""Benchmark: the ``entities`` and ``quotes`` stages over real articles, on one core.

The text stages run first (not timed); NER mentions come from the ner stage when the pipeline has it,
else the entity stage works from its rules alone (``--rules-only`` forces that). Prints ms per article
for each of the two stages and the quotes found. Usage::

    python bench/bench_quotes.py [--articles 300] [--rules-only]

Reads the first N/2 articles of farsnews-lmcourse and of varzesh3-lmcourse (train.jsonl, file order).
"""
from __future__ import annotations

import argparse
import json
import os
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rules-only", action="store_true")
    args = parser.parse_args()
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass

    import khabar
    from khabar.datasets import data_file
    from khabar.evaluation.quotes import NoMentions, article_text
    from khabar.knowledge.quotes import QuoteStage
    from khabar.ner.coref import EntityStage
    from khabar.stages import available

    texts = []
    for folder in ("farsnews-lmcourse", "varzesh3-lmcourse"):
        with data_file(folder, "train.jsonl").open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= args.articles // 2:
                    break
                texts.append(article_text(json.loads(line)))
    before = ["normalizer", "sentences", "tokenizer"]
    use_ner = not args.rules_only and available("ner")
    prep = khabar.load(stages=before + ["ner"] if use_ner else before)
    no_ner = NoMentions()
    docs = []
    for text in texts:
        doc = prep(text)
        docs.append(doc if use_ner else no_ner(doc))
    entities, quotes = EntityStage(), QuoteStage()
    timings = {"entities": 0.0, "quotes": 0.0}
    n_quotes = 0
    for doc in docs:
        t0 = time.perf_counter()
        entities(doc)
        t1 = time.perf_counter()
        quotes(doc)
        t2 = time.perf_counter()
        timings["entities"] += t1 - t0
        timings["quotes"] += t2 - t1
        n_quotes += len(doc.quotes)
    n = len(docs)
    words = sum(len(d.text.split()) for d in docs)
    out = {
        "articles": n, "words_per_article": round(words / n), "ner_mentions": use_ner,
        "entities_ms_per_article": round(1000 * timings["entities"] / n, 2),
        "quotes_ms_per_article": round(1000 * timings["quotes"] / n, 2),
        "both_articles_per_s": round(n / (timings["entities"] + timings["quotes"]), 1),
        "quotes_per_article": round(n_quotes / n, 2),
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
