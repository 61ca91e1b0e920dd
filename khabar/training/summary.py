"""``khabar train summary``: the lead-summary sentence scorer, from the Fars agency abstracts.

For every body sentence of every ``farsnews-lmcourse/train.jsonl`` article with an abstract, the target is
the mean of its ROUGE-1 and ROUGE-2 F1 against the abstract (``خبرگزاري فارس:`` prefix stripped); the
scorer is a ridge regression on :data:`khabar.about.summary.FEATURES`. Prints document-level 5-fold
cross-validated ROUGE of the stage's selection next to Lead-1 and Lead-3 (one JSON object), then writes
``khabar/resources/summary/scorer.json``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

SEED = 13


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--cv", type=int, default=5, help="folds for the cross-validated ROUGE (0: skip)")
    parser.add_argument("--alpha", type=float, default=1.0, help="ridge regularization")
    parser.add_argument("--output", type=Path, default=None,
                        help="where to write the scorer (default: khabar/resources/summary/scorer.json)")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (recorded in the model card)")


def reference_words(nlp, text: str) -> list[str]:
    from khabar.about.terms import fold, is_word

    return [fold(t.text) for t in nlp(text).tokens if is_word(t.text)]


def summary_words(doc, indices) -> list[str]:
    """Folded word tokens of the given sentences (what ROUGE compares)."""
    from khabar.about.terms import fold, is_word

    out: list[str] = []
    wanted = set(indices)
    for i, (_, tokens) in enumerate(doc.iter_sentence_tokens()):
        if i in wanted:
            out += [fold(t.text) for t in tokens if is_word(t.text)]
    return out


def prepare(articles, nlp, features):
    """Per article: (doc, reference words, body indices, feature rows, sentence targets)."""
    from khabar.about.articles import article_document
    from khabar.about.rouge import rouge_n

    items = []
    for art in articles:
        ref = reference_words(nlp, art.reference_summary)
        if not ref:
            continue
        doc = article_document(nlp, art)
        body, rows = features(doc)
        if not body:
            continue
        targets = []
        for i in body:
            cand = summary_words(doc, [i])
            targets.append((rouge_n(cand, ref, 1)[2] + rouge_n(cand, ref, 2)[2]) / 2)
        items.append((doc, ref, body, rows, targets))
    return items


def fit(items, alpha: float):
    import numpy as np
    from sklearn.linear_model import Ridge

    from khabar.about.summary import SummaryScorer

    x = np.array([r for it in items for r in it[3]])
    y = np.array([t for it in items for t in it[4]])
    model = Ridge(alpha=alpha, fit_intercept=False).fit(x, y)
    return SummaryScorer(model.coef_.tolist())


def evaluate(items, scorer, stage) -> dict:
    """Mean ROUGE F1 (percent) of the stage's selection with ``scorer``, of Lead-1 and of Lead-3."""
    return _evaluate_pairs(((item, scorer) for item in items), stage)


def _evaluate_pairs(pairs, stage) -> dict:
    """Mean ROUGE F1 of the stage's selection, each item scored by its own scorer, beside Lead-1/Lead-3."""
    from khabar.about.rouge import mean_scores, rouge_scores
    from khabar.about.summary import select

    ours, lead1, lead3 = [], [], []
    for (doc, ref, body, rows, _), scorer in pairs:
        picked = select(body, [scorer.score(r) for r in rows], rows,
                        sentences=stage.sentences, min_words=stage.min_words)
        ours.append(rouge_scores(summary_words(doc, picked), ref))
        lead1.append(rouge_scores(summary_words(doc, body[:1]), ref))
        lead3.append(rouge_scores(summary_words(doc, body[:3]), ref))
    out = mean_scores(ours)
    out["lead1"] = mean_scores(lead1)
    out["lead3"] = mean_scores(lead3)
    return out


def cross_validate(items, *, folds: int, seed: int, alpha: float, stage) -> dict:
    """``folds``-fold cross-validation: each item is scored by a scorer fit without its fold."""
    import random

    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    pairs = []
    for k in range(folds):
        test = set(order[k::folds])
        scorer = fit([items[i] for i in order if i not in test], alpha)
        pairs.extend((items[i], scorer) for i in sorted(test))
    return _evaluate_pairs(pairs, stage)


def run(args: argparse.Namespace) -> int:
    from khabar.about.articles import analysis_pipeline, read_articles
    from khabar.about.summary import SentenceFeatures
    from khabar.about.terms import load_stopwords
    from khabar.datasets import data_dir

    data = args.data or data_dir()
    started = time.time()
    nlp = analysis_pipeline()
    articles = [a for a in read_articles(data / "farsnews-lmcourse" / "train.jsonl") if a.reference_summary]
    items = prepare(articles, nlp, SentenceFeatures(load_stopwords()))
    stage = _default_selection()
    report: dict = {"model": "summary", "seed": args.seed, "alpha": args.alpha, "documents": len(items),
                    "stages": nlp.stage_names}
    if args.cv:
        report["cv_folds"] = args.cv
        report.update(cross_validate(items, folds=args.cv, seed=args.seed, alpha=args.alpha, stage=stage))
    scorer = fit(items, args.alpha)
    out = args.output or Path(__file__).resolve().parent.parent / "resources" / "summary" / "scorer.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(scorer.to_json(trained_on="farsnews-lmcourse/train.jsonl abstracts", alpha=args.alpha,
                                  documents=len(items)) + "\n", encoding="utf-8")
    report.update({"output": str(out), "seconds": round(time.time() - started, 1)})
    json.dump(report, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _default_selection():
    """The stage's default selection options (sentences, min_words) without loading a scorer."""
    import inspect

    from khabar.about.summary import SummaryStage

    params = inspect.signature(SummaryStage.__init__).parameters

    class Selection:
        sentences = params["sentences"].default
        min_words = params["min_words"].default

    return Selection()
