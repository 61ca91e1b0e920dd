"""NER speed on one core and model size.

    python bench/bench_ner.py [--repeat 3]

Tags the PEYMA dev file's gold tokens (26.8k tokens) with the packaged model through
:meth:`khabar.ner.tagger.NerTagger.spans_many` (what the ``ner`` stage runs: state scores + two CRF
decodes), 16 sentences at a time as the stage gets them from a Fars article, and runs the ``ner`` stage on
the packaged example article. Prints one JSON object.
Pin one core with ``taskset -c 0`` for a one-core figure; on a shared machine the CPU-time figure
(``tokens_per_cpu_second``) is the one to compare.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import khabar
    from khabar.datasets import data_file
    from khabar.ner.corpora import read_corpus
    from khabar.ner.tagger import NerTagger
    from khabar.resources import resource_path

    t0 = time.perf_counter()
    tagger = NerTagger.load()
    load_seconds = time.perf_counter() - t0
    sentences = [s.tokens for s in read_corpus(data_file("peyma", "dev.txt"), "peyma")]
    n_tokens = sum(len(s) for s in sentences)
    batches = [sentences[i:i + 16] for i in range(0, len(sentences), 16)]
    best = best_cpu = float("inf")
    for _ in range(args.repeat):
        tagger.features._types.clear()  # measure cold per-type features and state-score sums too
        tagger.scores._index.clear()
        tagger.model._tails.clear()  # bigram tables are decoded on first use
        t0, c0 = time.perf_counter(), time.process_time()
        for batch in batches:
            tagger.spans_many(batch)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    warm_cpu = float("inf")  # steady state: a stage instance keeps per-word-type features across documents
    for _ in range(args.repeat):
        c0 = time.process_time()
        for batch in batches:
            tagger.spans_many(batch)
        warm_cpu = min(warm_cpu, time.process_time() - c0)

    nlp = khabar.load(stages=["normalizer", "sentences", "tokenizer", "ner"])
    text = (Path(khabar.__file__).parent / "resources" / "examples" / "shamkhani-meeting.txt").read_text("utf-8")
    ner = nlp.get("ner")
    doc = khabar.load(stages=["normalizer", "sentences", "tokenizer"])(text)
    c0 = time.process_time()
    runs = 20
    for _ in range(runs):
        ner(doc)
    article_ms = (time.process_time() - c0) / runs * 1000

    files = {name: Path(str(resource_path("ner", name))).stat().st_size
             for name in ("ner.crf.npz", "gazetteer.tsv", "meta.json")}
    clusters = Path(str(resource_path("clusters", "clusters.tsv.gz"))).stat().st_size
    print(json.dumps({
        "tokens": n_tokens, "seconds": round(best, 3), "tokens_per_second": round(n_tokens / best),
        "cpu_seconds": round(best_cpu, 3), "tokens_per_cpu_second": round(n_tokens / best_cpu),
        "warm_tokens_per_cpu_second": round(n_tokens / warm_cpu),
        "load_seconds": round(load_seconds, 2), "example_article_tokens": len(doc.tokens),
        "example_article_cpu_ms": round(article_ms, 2), "model_bytes": files, "clusters_bytes": clusters,
    }))


if __name__ == "__main__":
    main()
