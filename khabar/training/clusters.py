"""``khabar train clusters``: word2vec on unlabeled Persian news → k-means word clusters.

Corpus: ``fa-news-unlabeled`` (Hamshahri 2003-07, IR-News 2020, Namnak; 5.6M words), the Fars and
Varzesh3 training articles (~0.9M words) and the tokens of the NER *training* files (PEYMA train, Arman
train_fold1, ParsTwiNER train; dev files are not read). Words are folded with
:func:`khabar.features.clusters.word_key` before training, so the vectors see the same forms the
taggers look up.

word2vec: skip-gram, 100 dimensions, window 5, 5 negative samples, 5 epochs, min count 3, seed 13.
Clusters: k-means (scikit-learn MiniBatchKMeans, seed 13) on the L2-normalized vectors, once per
granularity (default 100, 500, 2000). Output: ``khabar/resources/clusters/clusters.tsv.gz``.
gensim with several worker threads is not bit-for-bit deterministic; ``--workers 1`` is.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Iterator

DEFAULT_K = "100,500,2000"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--k", default=DEFAULT_K, help=f"cluster granularities (default {DEFAULT_K})")
    parser.add_argument("--dim", type=int, default=100, help="word2vec dimensions (default 100)")
    parser.add_argument("--epochs", type=int, default=5, help="word2vec epochs (default 5)")
    parser.add_argument("--min-count", type=int, default=3, help="minimum word count (default 3)")
    parser.add_argument("--workers", type=int, default=2, help="gensim threads (default 2; 1 = deterministic)")
    parser.add_argument("--seed", type=int, default=13, help="random seed (recorded in the model card)")
    parser.add_argument("--out", default=None, help="output file (default: the packaged resource)")
    parser.add_argument("--vectors", default=None, help="also save the word2vec KeyedVectors here")
    parser.add_argument("--from-vectors", default=None,
                        help="skip word2vec: cluster KeyedVectors saved earlier with --vectors")


def _tokenize():
    import regex

    word = regex.compile(r"[\p{L}\p{M}\p{N}_\u200c]+|[^\s\p{L}\p{M}\p{N}_\u200c]")
    return word.findall


def corpus_sentences(data: Path) -> Iterator[list[str]]:
    """Every training text as a list of folded words (one list per document or sentence)."""
    from khabar.features.clusters import word_key
    from khabar.ner.corpora import read_corpus

    findall = _tokenize()
    for name in ("hamshahri-2003-2007.txt.gz", "irnews-2020.txt.gz", "namnak-health.txt.gz"):
        with gzip.open(data / "fa-news-unlabeled" / name, "rt", encoding="utf-8") as f:
            for line in f:
                words = [word_key(w) for w in findall(line)]
                # gensim truncates texts at 10,000 words: feed long documents in chunks
                for i in range(0, len(words), 5000):
                    yield words[i:i + 5000]
    for folder in ("farsnews-lmcourse", "varzesh3-lmcourse"):
        with open(data / folder / "train.jsonl", encoding="utf-8") as f:
            for line in f:
                art = json.loads(line)
                for text in [art.get("title", ""), art.get("abstract", ""), *art.get("paragraphs", [])]:
                    if text:
                        yield [word_key(w) for w in findall(text)]
    for path, fmt in (("peyma/train.txt", "peyma"), ("arman-personer/train_fold1.txt", "arman"),
                      ("parstwiner/train.txt", "parstwiner")):
        for sent in read_corpus(data / path, fmt):
            yield [word_key(w) for w in sent.tokens]


def run(args: argparse.Namespace) -> int:
    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.cluster import MiniBatchKMeans
    from threadpoolctl import threadpool_limits

    from khabar.datasets import data_dir
    from khabar.features.clusters import RESOURCE, WordClusters
    from khabar.resources import resource_path

    data = data_dir()
    ks = tuple(int(k) for k in args.k.split(","))
    t0 = time.time()
    if args.from_vectors:
        from gensim.models import KeyedVectors

        wv = KeyedVectors.load(args.from_vectors)
        n_words = None
    else:
        sentences = list(corpus_sentences(data))
        n_words = sum(len(s) for s in sentences)
        print(f"corpus: {len(sentences)} texts, {n_words} words ({time.time() - t0:.0f}s)", file=sys.stderr)
        wv = Word2Vec(sentences, vector_size=args.dim, window=5, min_count=args.min_count, sg=1, negative=5,
                      epochs=args.epochs, workers=args.workers, seed=args.seed, sample=1e-4).wv
        print(f"word2vec: {len(wv)} words ({time.time() - t0:.0f}s)", file=sys.stderr)
        if args.vectors:
            wv.save(args.vectors)
    vectors = wv.vectors / np.maximum(np.linalg.norm(wv.vectors, axis=1, keepdims=True), 1e-9)
    ids = []
    # One BLAS/OpenMP thread: on a loaded machine k-means++ with many threads slows to a crawl.
    with threadpool_limits(1):
        for k in ks:
            km = MiniBatchKMeans(n_clusters=k, batch_size=8192, n_init=1, max_iter=60, init_size=3 * k,
                                 random_state=args.seed)
            ids.append(km.fit_predict(vectors))
            print(f"k-means k={k} ({time.time() - t0:.0f}s)", file=sys.stderr)
    table = {w: tuple(int(c[i]) for c in ids) for i, w in enumerate(wv.index_to_key)}
    out = Path(args.out) if args.out else Path(str(resource_path(*RESOURCE)))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(WordClusters(ks, table).to_bytes())
    print(json.dumps({"words": len(table), "granularities": list(ks), "corpus_words": n_words,
                      "file": str(out), "bytes": out.stat().st_size, "seconds": round(time.time() - t0)}))
    return 0
