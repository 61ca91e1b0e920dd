"""Benchmark: the full default pipeline (``khabar.load()``) over real Fars articles, on one core.

Prints articles/s, words/s and the time per stage (ms per article and share of the total), so the slow
stage is visible, both in wall time and in CPU time (``time.process_time``: on a shared machine the CPU
figures are the ones to compare). Usage::

    python bench/bench_pipeline.py [--articles 200] [--stages normalizer,sentences,...] [--repeat 1]

With ``--repeat N`` the articles go through N freshly built pipelines (cold per-instance caches each
time, as in the first run) and every figure is the best of the N runs, stage by stage: on a loaded
machine one run's stage times move by a quarter, and the best of three is steadier.

Reads ``farsnews-lmcourse/train.jsonl`` from ../shared/data (the first N articles, in file order); the
publication date comes from each article's link.
"""
from __future__ import annotations

import argparse
import json
import os
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--stages", help="comma-separated stage names (default: the full pipeline)")
    parser.add_argument("--repeat", type=int, default=1, help="fresh pipelines to run; best figures are kept")
    args = parser.parse_args()
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass

    import khabar
    from khabar.datasets import data_file
    from khabar.evaluation.events import article_text, published_from_link

    arts = []
    with data_file("farsnews-lmcourse", "train.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            arts.append(json.loads(line))
            if len(arts) >= args.articles:
                break
    items = [(article_text(a), {"published": published_from_link(a["link"])}) for a in arts]
    words = sum(len(t.split()) for t, _ in items)

    from khabar.document import Document

    clock, cpu_clock = time.perf_counter, time.process_time
    runs = []
    for _ in range(max(1, args.repeat)):
        t0 = clock()
        nlp = khabar.load(stages=args.stages.split(",") if args.stages else None)
        load_s = clock() - t0
        nlp(items[0][0], items[0][1])  # warm up lazy loads
        per_stage = {s.name: 0.0 for s in nlp.stages}
        cpu_stage = dict(per_stage)
        t0, c0 = clock(), cpu_clock()
        for text, meta in items:
            doc = Document.from_text(text, meta)
            for stage in nlp.stages:
                s, c = clock(), cpu_clock()
                doc = stage(doc)
                cpu_stage[stage.name] += cpu_clock() - c
                per_stage[stage.name] += clock() - s
                doc.stages.append(stage.name)
        runs.append((clock() - t0, cpu_clock() - c0, load_s, per_stage, cpu_stage))
    total = min(r[0] for r in runs)
    cpu_total = min(r[1] for r in runs)
    load_s = min(r[2] for r in runs)
    per_stage = {k: min(r[3][k] for r in runs) for k in runs[0][3]}
    cpu_stage = {k: min(r[4][k] for r in runs) for k in runs[0][4]}
    n = len(items)
    print(json.dumps({
        "stages": nlp.stage_names, "articles": n, "words": words, "repeat": len(runs),
        "cpu_total_ms_per_article_each_run": [round(1000 * r[1] / n, 2) for r in runs],
        "load_seconds": round(load_s, 2),
        "articles_per_second": round(n / total, 1), "words_per_second": round(words / total),
        "ms_per_article": {k: round(1000 * v / n, 2) for k, v in per_stage.items()},
        "share_percent": {k: round(100 * v / total, 1) for k, v in per_stage.items()},
        "articles_per_cpu_second": round(n / cpu_total, 1),
        "cpu_ms_per_article": {k: round(1000 * v / n, 2) for k, v in cpu_stage.items()},
    }, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
