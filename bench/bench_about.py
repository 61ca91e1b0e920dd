"""Benchmark: cost of the 'about' stages (topic, keywords, summary) and of fingerprints, per article,
against the whole pipeline, on one core. Prints ONE JSON object.

    python bench/bench_about.py [--articles 200] [--baseline DIR]

Reads the first N articles of ``farsnews-lmcourse/train.jsonl`` (headline + paragraphs, headline in
``meta["title"]``) and runs every default stage that can be built here, timing each stage separately in CPU time (time.process_time: the machine may be shared)
after one warm-up article. Also reports each about-stage's construction time (model loading) and the
time of ``khabar.about.fingerprint`` per article (a library call, not a stage).

``--baseline DIR`` (another khabar checkout, e.g. ``git worktree add /tmp/about-old <commit>``) also runs
that checkout's topic, keywords and summary stages on every article, right after this checkout's other
stages and alternating with this checkout's about stages (which goes first), so that both are timed on
the same documents in the same minutes: on a shared machine, speed moves by up to 2x from minute to
minute, and separate runs cannot be compared. The baseline's ``khabar/about`` is copied to a temporary
package for that.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ABOUT = ("topic", "keywords", "summary")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--baseline", type=Path, help="another khabar checkout whose about stages to time too")
    args = parser.parse_args()
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass

    from khabar import stages as table
    from khabar.about.articles import read_articles
    from khabar.about.fingerprint import Fingerprinter
    from khabar.datasets import data_file
    from khabar.pipeline import Pipeline

    built, skipped, load_ms = [], [], {}
    for name in table.DEFAULT_STAGES:
        started = time.process_time()
        try:
            stage = table.build_stage(name)
        except Exception as err:  # noqa: BLE001 - a stage whose model is not built yet
            skipped.append(f"{name}: {type(err).__name__}")
            continue
        load_ms[name] = round(1000 * (time.process_time() - started), 1)
        built.append(stage)
    provided: set[str] = set()
    usable = []
    for stage in built:  # drop stages whose requirement was skipped
        if all(r in provided for r in stage.requires):
            usable.append(stage)
            provided.update(stage.assigns)
        else:
            skipped.append(f"{stage.name}: requirement missing")
    nlp = Pipeline(usable)

    arts = []
    for art in read_articles(data_file("farsnews-lmcourse", "train.jsonl")):
        arts.append(art)
        if len(arts) >= args.articles:
            break
    items = [(a.text, {"title": a.title.strip()}) for a in arts]
    words = sum(len(t.split()) for t, _ in items)

    baseline = _baseline_stages(args.baseline) if args.baseline else []
    baseline_s = {s.name: 0.0 for s in baseline}
    nlp(*items[0])  # warm-up
    per_stage = {s.name: 0.0 for s in nlp.stages}
    from khabar.document import Document

    for i, (text, meta) in enumerate(items):
        doc = Document.from_text(text, meta)
        for stage in nlp.stages:
            if baseline and stage.name == ABOUT[0]:
                before_about = dict(doc.cache)
                if i % 2:  # the baseline goes first on every other article
                    _run_timed(baseline, Document(**{**_fields(doc), "cache": dict(before_about)}), baseline_s)
            s = time.process_time()
            doc = stage(doc)
            per_stage[stage.name] += time.process_time() - s
            doc.stages.append(stage.name)
        if baseline and i % 2 == 0:
            _run_timed(baseline, Document(**{**_fields(doc), "cache": dict(before_about)}), baseline_s)
    fper = Fingerprinter()
    s = time.process_time()
    for text, _ in items:
        fper(text)
    fingerprint_s = time.process_time() - s

    n = len(items)
    total = sum(per_stage.values())
    about = sum(v for k, v in per_stage.items() if k in ABOUT)
    result = {
        "articles": n, "words_per_article": round(words / n, 1), "stages": nlp.stage_names, "skipped": skipped,
        "pipeline_ms_per_article": round(1000 * total / n, 2),
        "articles_per_second": round(n / total, 1) if total else None,
        "ms_per_article": {k: round(1000 * v / n, 3) for k, v in per_stage.items()},
        "about_ms_per_article": round(1000 * about / n, 3),
        "about_share_percent": round(100 * about / total, 2) if total else None,
        "fingerprint_ms_per_article": round(1000 * fingerprint_s / n, 3),
        "load_ms": {k: v for k, v in load_ms.items() if k in ABOUT},
    }
    if baseline:
        base_about = sum(baseline_s.values())
        others = total - about
        result["baseline"] = {
            "checkout": str(args.baseline),
            "ms_per_article": {k: round(1000 * v / n, 3) for k, v in baseline_s.items()},
            "about_ms_per_article": round(1000 * base_about / n, 3),
            "about_over_baseline": round(about / base_about, 3) if base_about else None,
        }
        result["about_adds_percent_to_other_stages"] = round(100 * about / others, 2) if others else None
        result["baseline"]["adds_percent_to_other_stages"] = round(100 * base_about / others, 2) if others else None
    print(json.dumps(result, ensure_ascii=False))
    return 0


def _baseline_stages(checkout: Path) -> list:
    """The topic, keywords and summary stages of another checkout: its ``khabar/about`` copied to a
    temporary package (``baseline_about``) whose imports of ``khabar.about`` point at the copy."""
    import importlib
    import tempfile

    source = checkout / "khabar" / "about"
    if not source.is_dir():
        raise SystemExit(f"--baseline: no khabar/about in {checkout}")
    root = Path(tempfile.mkdtemp(prefix="khabar-baseline-"))
    package = root / "baseline_about"
    package.mkdir()
    for path in source.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        (package / path.name).write_text(text.replace("khabar.about.", "baseline_about."), encoding="utf-8")
    sys.path.insert(0, str(root))
    return [importlib.import_module("baseline_about.topic").TopicStage(),
            importlib.import_module("baseline_about.keywords").KeywordStage(),
            importlib.import_module("baseline_about.summary").SummaryStage()]


def _fields(doc) -> dict:
    """A document's fields, for a copy whose about fields the baseline may fill (lists shared: the about
    stages replace their own fields and do not change the others)."""
    return {name: getattr(doc, name) for name in ("raw", "text", "offsets", "meta", "sentences", "tokens",
                                                   "entities", "quotes", "events", "times", "stages")}


def _run_timed(stages: list, doc, seconds: dict) -> None:
    for stage in stages:
        s = time.process_time()
        doc = stage(doc)
        seconds[stage.name] += time.process_time() - s


if __name__ == "__main__":
    sys.exit(main())
