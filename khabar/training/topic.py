"""``khabar train topic``: the coarse topic classifier, from ../shared/data.

Training data (labels through :data:`khabar.about.articles.SECTION_TOPICS`):

- ``farsnews-lmcourse/train.jsonl``: articles whose section maps to a topic (province desks, the
  magazine digest, opinion and unlabeled sections are left out);
- ``varzesh3-lmcourse/train.jsonl``: a fixed-seed sample of ``--varzesh3`` articles, all ``sports``;
- ``fa-news-unlabeled/namnak-health.txt.gz``: namnak.com health articles, ``health``.

Prints cross-validated accuracy and macro-F1 (stratified k-fold, fixed seed) as one JSON object, then
writes ``khabar/resources/topic/model.npz``.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

SEED = 13


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--varzesh3", type=int, default=300, help="Varzesh3 sports articles to sample (default 300)")
    parser.add_argument("--cv", type=int, default=5, help="folds for the cross-validated score (0: skip)")
    parser.add_argument("--c", type=float, default=10.0, help="inverse regularization strength")
    parser.add_argument("--output", type=Path, default=None,
                        help="where to write the model (default: khabar/resources/topic/model.npz)")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (recorded in the model card)")
    parser.add_argument("--baseline", action="store_true",
                        help="also cross-validate the plain baseline (same features, no class balancing)")


def training_articles(data: Path, *, varzesh3: int, seed: int):
    """``(article, topic)`` pairs for training, in a fixed order."""
    from khabar.about.articles import Article, read_articles

    pairs = [(a, a.topic) for a in read_articles(data / "farsnews-lmcourse" / "train.jsonl") if a.topic]
    sports = list(read_articles(data / "varzesh3-lmcourse" / "train.jsonl"))
    random.Random(seed).shuffle(sports)
    pairs += [(a, "sports") for a in sports[:varzesh3]]
    with gzip.open(data / "fa-news-unlabeled" / "namnak-health.txt.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip():
                pairs.append((Article("", [line.strip()], link=f"namnak-health:{i}"), "health"))
    return pairs


def cross_validate(features, labels, groups, *, folds: int, seed: int, c: float, balanced: bool = True) -> dict:
    """Stratified k-fold accuracy and macro-F1 of :meth:`TopicModel.fit`; ``groups`` names each item's
    source so the Fars-only score is reported too."""
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    from khabar.about.articles import TOPICS
    from khabar.about.topic import TopicModel

    predicted = [""] * len(labels)
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in skf.split(np.zeros(len(labels)), labels):
        model = TopicModel.fit([features[i] for i in train_idx], [labels[i] for i in train_idx],
                               classes=TOPICS, c=c, seed=seed, balanced=balanced)
        for i in test_idx:
            predicted[i] = model.predict(features[i])[0]
    out = {
        "accuracy": round(100 * accuracy_score(labels, predicted), 2),
        "macro_f1": round(100 * f1_score(labels, predicted, average="macro"), 2),
        "n": len(labels),
    }
    fars = [i for i, g in enumerate(groups) if g == "fars"]
    if fars and len(fars) < len(labels):
        out["fars_accuracy"] = round(100 * accuracy_score([labels[i] for i in fars], [predicted[i] for i in fars]), 2)
        out["fars_macro_f1"] = round(100 * f1_score([labels[i] for i in fars], [predicted[i] for i in fars],
                                                    average="macro"), 2)
        out["fars_n"] = len(fars)
    per_class = f1_score(labels, predicted, average=None, labels=[t for t in TOPICS if t in set(labels)])
    out["f1_per_topic"] = {t: round(100 * float(f), 1)
                           for t, f in zip([t for t in TOPICS if t in set(labels)], per_class)}
    return out


def run(args: argparse.Namespace) -> int:
    from khabar.about.articles import TOPICS, analysis_pipeline, article_document
    from khabar.about.topic import TopicModel, topic_features
    from khabar.about.terms import load_stopwords
    from khabar.datasets import data_dir

    data = args.data or data_dir()
    started = time.time()
    pairs = training_articles(data, varzesh3=args.varzesh3, seed=args.seed)
    nlp = analysis_pipeline()
    stopwords = load_stopwords()
    features = [topic_features(article_document(nlp, a), stopwords) for a, _ in pairs]
    labels = [t for _, t in pairs]
    groups = ["fars" if "farsnews" in a.link else "other" for a, _ in pairs]
    report: dict = {"model": "topic", "seed": args.seed, "stages": nlp.stage_names, "c": args.c}
    if args.cv:
        report["cv_folds"] = args.cv
        report.update(cross_validate(features, labels, groups, folds=args.cv, seed=args.seed, c=args.c))
        if args.baseline:
            base = cross_validate(features, labels, groups, folds=args.cv, seed=args.seed, c=args.c, balanced=False)
            report["baseline"] = {k: base[k] for k in ("accuracy", "macro_f1", "fars_accuracy", "fars_macro_f1")
                                  if k in base}
    model = TopicModel.fit(features, labels, classes=TOPICS, c=args.c, seed=args.seed)
    out = args.output or Path(__file__).resolve().parent.parent / "resources" / "topic" / "model.npz"
    out.parent.mkdir(parents=True, exist_ok=True)
    blob = model.to_bytes()
    out.write_bytes(blob)
    report.update({"features": len(model.vocabulary), "bytes": len(blob), "output": str(out),
                   "seconds": round(time.time() - started, 1)})
    json.dump(report, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
