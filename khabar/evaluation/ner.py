"""``khabar evaluate ner FILE --format peyma|arman|parstwiner [--out PRED]``.

Runs the NER on the file's gold tokens and scores exact entity spans (conlleval-compatible: an entity is
correct when its first token, last token and label all match) on the corpus's own label set: khabar's
labels are mapped back with ``khabar.ner.corpora.FROM_KHABAR`` (labels the corpus does not annotate
become ``O``). Prints one JSON object with micro ``precision``/``recall``/``f1`` (percentages) and
``per_label``. ``--out`` writes the predicted tags in the input's format.

``--convention`` chooses how the joint model decodes: ``corpus`` (default) tags under the file's own
corpus convention; ``stage`` uses exactly what the ``ner`` stage does on news text (PEYMA convention plus
Arman's FAC/PRO/EVENT). Arman cross-validation is ``khabar train ner --cv-arman K``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time


def add_arguments(parser: argparse.ArgumentParser, task: str) -> None:
    parser.add_argument("file", help="a NER file in PEYMA, Arman or ParsTwiNER format")
    parser.add_argument("--format", required=True, choices=("peyma", "arman", "parstwiner"),
                        help="the corpus format (and label set) of FILE")
    parser.add_argument("--out", default=None, help="write predicted tags here, in the input's format")
    parser.add_argument("--convention", default="corpus", choices=("corpus", "stage"),
                        help="decode under the file's corpus convention (default) or as the ner stage does")
    parser.add_argument("--model", default=None,
                        help="a folder with ner.crf.npz, gazetteer.tsv, meta.json (default: the packaged model)")


def score_spans(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Entity-level micro and per-label precision/recall/F1 (percentages, 2 decimals)."""
    from collections import Counter

    from khabar.ner.corpora import spans

    tp, n_gold, n_pred = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        gs, ps = set(spans(g)), set(spans(p))
        for s in gs:
            n_gold[s[2]] += 1
        for s in ps:
            n_pred[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1

    def prf(t: int, ng: int, np_: int) -> dict:
        p = 100.0 * t / np_ if np_ else 0.0
        r = 100.0 * t / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 2), "recall": round(r, 2), "f1": round(f, 2), "gold": ng, "predicted": np_}

    labels = sorted(set(n_gold) | set(n_pred))
    total = prf(sum(tp.values()), sum(n_gold.values()), sum(n_pred.values()))
    return {**total, "per_label": {lab: prf(tp[lab], n_gold[lab], n_pred[lab]) for lab in labels}}


def predict(tagger, tokens: list[str], fmt: str, convention: str) -> list[str]:
    """The corpus-format tags khabar predicts for one sentence of gold tokens."""
    from khabar.ner.corpora import from_khabar_tags
    from khabar.training.ner import normalize_word

    words = [normalize_word(w) for w in tokens]
    if convention == "stage":
        tags = ["O"] * len(words)
        for start, end, label in tagger.spans(words):
            tags[start] = f"B-{label}"
            for i in range(start + 1, end):
                tags[i] = f"I-{label}"
    else:
        corpus = fmt if tagger.primary else None
        tags = tagger.tag(words, corpus)
    return from_khabar_tags(tags, fmt)


def evaluate_file(path, fmt: str, tagger, convention: str = "corpus") -> tuple[dict, list, list[list[str]]]:
    """Score ``tagger`` on a corpus file: (result dict, sentences, predicted corpus tags)."""
    from khabar.ner.corpora import read_corpus

    sentences = read_corpus(path, fmt)
    t0 = time.perf_counter()
    predictions = [predict(tagger, s.tokens, fmt, convention) for s in sentences]
    seconds = time.perf_counter() - t0
    gold = [s.tags for s in sentences]
    if fmt == "peyma":  # PEYMA writes B_XXX; score on one spelling
        gold = [[t.replace("_", "-", 1) for t in g] for g in gold]
        scored = [[t.replace("_", "-", 1) for t in p] for p in predictions]
    else:
        scored = predictions
    result = {"task": "ner", "file": str(path), "format": fmt, "convention": convention,
              "sentences": len(sentences), "tokens": sum(len(s.tokens) for s in sentences),
              **score_spans(gold, scored), "seconds": round(seconds, 2)}
    return result, sentences, predictions


def load_tagger(model_dir: str | None = None):
    """The packaged tagger, or one from a folder written by ``khabar train ner --out``."""
    from pathlib import Path

    from khabar.ner.tagger import NerTagger

    if not model_dir:
        return NerTagger.load()
    m = Path(model_dir)
    return NerTagger.from_files(str(m / "ner.crf.npz"), str(m / "gazetteer.tsv"), str(m / "meta.json"))


def run(args: argparse.Namespace) -> int:
    from khabar.ner.corpora import format_line

    tagger = load_tagger(args.model)
    result, sentences, predictions = evaluate_file(args.file, args.format, tagger, args.convention)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for s, p in zip(sentences, predictions):
                f.write("\n".join(format_line(w, t, args.format) for w, t in zip(s.tokens, p)) + "\n\n")
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0
