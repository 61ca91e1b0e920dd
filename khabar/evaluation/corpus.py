"""``khabar evaluate search``: known-item search and near-duplicate grouping on real articles.

The first ``--per-source`` articles of ``../shared/data/{farsnews,varzesh3}-lmcourse/train.jsonl`` are
analyzed with the stages that decide index terms (normalizer, sentences, tokenizer, tagger, lemmatizer)
and stored WITHOUT their titles in an in-memory store. Then:

* **known-item search**: each article's title gives a query of its three longest words (all required);
  the article's rank among the top 10 gives MRR@10, success@1 and success@10;
* **near-duplicates**: a variant of every article with three or more paragraphs (a new headline, last
  paragraph dropped) is added; ``recall`` is the share of variants put in their original's group, and
  ``original_groups`` the share of the original articles that stay in a group of their own (the dumps do
  contain a few real near-duplicates, so it is not exactly 1).

Prints one JSON object.
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from typing import Any

SOURCES = ("farsnews-lmcourse", "varzesh3-lmcourse")
_WORD = re.compile(r"[\w\u200c]+")


def add_arguments(parser: argparse.ArgumentParser, task: str = "search") -> None:
    parser.add_argument("--per-source", type=int, default=150, help="articles from each source (default: 150)")
    parser.add_argument("--data", default=None, help="the shared data folder (default: ../shared/data)")


def title_query(title: str) -> str:
    """The three longest words of a headline (earlier first on ties), in headline order.

    >>> title_query("ارائه خدمات بر خط بانکی در دفاتر روستایی")
    'ارائه خدمات روستایی'
    """
    words = [w for w in _WORD.findall(title) if len(w) > 2]
    chosen = sorted(sorted(range(len(words)), key=lambda i: (-len(words[i]), i))[:3])
    return " ".join(words[i] for i in chosen)


def evaluate(per_source: int = 150, data: str | None = None) -> dict[str, Any]:
    from pathlib import Path

    from khabar.datasets import data_dir
    from khabar.ingest.analysis import query_analyzer
    from khabar.ingest.article import Article
    from khabar.ingest.sources import FieldMap, SourceReader
    from khabar.store import open_store
    from khabar.store.records import prepare

    root = Path(data) if data else data_dir()
    reader = SourceReader(fields=FieldMap({"title": ""}))  # bodies and leads without the headline
    with_titles = SourceReader()
    articles: list[tuple[Article, str]] = []
    for name in SOURCES:
        path = str(root / name / "train.jsonl")
        pairs = zip(reader.read([path]), with_titles.read([path]))
        articles.extend((a, t.title or "") for a, t in itertools.islice(pairs, per_source)
                        if isinstance(a, Article))
    nlp = query_analyzer()
    store = open_store(":memory:", analyzer=nlp)
    docs = [nlp(a.text, a.meta()) for a, _ in articles]
    added = store.add([prepare(d) for d in docs]).added
    id_of = {a.url: doc_id for (a, _), doc_id in zip(articles, added)}

    reciprocal, top1, top10, asked = 0.0, 0, 0, 0
    for article, title in articles:
        query = title_query(title)
        if not query or article.url not in id_of:
            continue
        asked += 1
        ranked = [h.document.id for h in store.search(query, limit=10).hits]
        if id_of[article.url] in ranked:
            rank = ranked.index(id_of[article.url]) + 1
            reciprocal += 1.0 / rank
            top1 += rank == 1
            top10 += 1
    originals = [store.document_info(i) for i in added]
    alone = sum(1 for info in originals if info.group == info.id)

    variants, originals_of = [], []
    for (article, title), doc_id in zip(articles, added):
        paragraphs = article.body.split("\n\n")
        if len(paragraphs) < 3:
            continue
        variant = Article(body="\n\n".join(paragraphs[:-1]), title="گزارش: " + title, lead=article.lead,
                          url=(article.url or "") + "#variant")
        variants.append(prepare(nlp(variant.text, variant.meta())))
        originals_of.append(doc_id)
    grouped = 0
    for rec, original in zip(variants, originals_of):
        [vid] = store.add([rec]).added
        grouped += store.document_info(vid).group == store.document_info(original).group
    store.close()
    return {
        "articles": len(added),
        "known_item": {"queries": asked, "mrr10": round(100 * reciprocal / asked, 1),
                       "success1": round(100 * top1 / asked, 1), "success10": round(100 * top10 / asked, 1)},
        "near_duplicates": {"variants": len(variants), "recall": round(100 * grouped / max(1, len(variants)), 1),
                            "original_groups": round(100 * alone / len(added), 1)},
    }


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(evaluate(args.per_source, args.data), ensure_ascii=False) + "\n")
    return 0
