"""``khabar train ner``: the CRF named-entity tagger from PEYMA, Arman and ParsTwiNER training files.

Reads only training splits: ``peyma/train.txt``, ``arman-personer/train_fold1.txt``,
``parstwiner/train.txt``. Labels are mapped onto khabar's (``khabar.ner.corpora.TO_KHABAR``); every
sentence carries a ``corpus=<name>`` feature so that the model learns each corpus's conventions (label
sets differ). Tokens are normalized as khabar normalizes text (Arabic ي/ك → ی/ک) before features.

Writes ``khabar/resources/ner/{ner.crf.npz,gazetteer.tsv,meta.json}``: crfsuite trains the CRF into a
temporary file, which is exported once into the numpy decoder's file (:func:`khabar.features.crf.export`:
exact weights, same bytes for the same model). Default training: averaged
perceptron, 12 epochs (L-BFGS is available with ``--algorithm lbfgs --iterations 150`` but takes ~10x
longer). Training is deterministic: ``--seed`` fixes the order of the training sentences, so rerunning
the command rebuilds the same model.

``--cv-arman K`` instead cross-validates on Arman's train fold: its sentences are split into K parts; for
each part a model is trained on everything else (the other Arman parts + PEYMA + ParsTwiNER train) and
scored on that part with Arman's 6 labels. Prints one JSON object with the per-fold and pooled scores.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from khabar.ner.corpora import TaggedSentence, read_corpus, spans, to_khabar_tags

TRAIN_FILES = {
    "peyma": ("peyma", "train.txt"),
    "arman": ("arman-personer", "train_fold1.txt"),
    "parstwiner": ("parstwiner", "train.txt"),
}
_CHARS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpora", default="peyma,arman,parstwiner", help="training corpora (comma separated)")
    parser.add_argument("--algorithm", default="ap", choices=("ap", "lbfgs"),
                        help="crfsuite training: averaged perceptron (default) or L-BFGS with elastic net")
    parser.add_argument("--c1", type=float, default=0.05, help="L1 penalty for lbfgs (default 0.05)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty for lbfgs (default 0.01)")
    parser.add_argument("--iterations", type=int, default=12,
                        help="perceptron epochs / L-BFGS iterations (default 12)")
    parser.add_argument("--no-corpus-feature", action="store_true", help="train without the corpus-id feature")
    parser.add_argument("--no-names", action="store_true", help="no first-name/surname gazetteer")
    parser.add_argument("--features", type=int, default=1, choices=(1, 2),
                        help="feature set version (2 adds cluster-pair and neighbour-suffix features)")
    parser.add_argument("--seed", type=int, default=13, help="random seed (recorded in the model card)")
    parser.add_argument("--out", default=None, help="output folder (default: khabar/resources/ner)")
    parser.add_argument("--cv-arman", type=int, default=0, metavar="K",
                        help="cross-validate on Arman's train fold with K parts instead of training the model")


def normalize_word(word: str) -> str:
    return word.translate(_CHARS)


def load_training(data: Path, corpora: list[str]) -> dict[str, list[TaggedSentence]]:
    out = {}
    for name in corpora:
        folder, file = TRAIN_FILES[name]
        sents = read_corpus(data / folder / file, name)
        out[name] = [TaggedSentence([normalize_word(w) for w in s.tokens], to_khabar_tags(s.tags, name))
                     for s in sents]
    return out


def gazetteer_tsv(data: Path, training: dict[str, list[TaggedSentence]], names: bool) -> str:
    """The gazetteer: countries, Iranian divisions and (optionally) names from the training sentences."""
    from khabar.ner.lexicon import COUNTRY_ALIASES

    rows: list[tuple[str, str]] = []
    with open(data / "countries-fa" / "country.csv", encoding="utf-8") as f:
        rows += [("COUNTRY", r["value"]) for r in csv.DictReader(f)]
    rows += [("COUNTRY", name) for name in COUNTRY_ALIASES]
    divisions = data / "iran-divisions"
    for file, cat in (("ostan.csv", "PROVINCE"), ("shahrestan.csv", "COUNTY"), ("shahr.csv", "CITY")):
        with open(divisions / file, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if file == "shahr.csv" and r["shahr_type"] != "0":
                    continue
                rows.append((cat, r["name"].strip()))
    if names:
        first, last = Counter(), Counter()
        for sents in training.values():
            for s in sents:
                for start, end, label in spans(s.tags):
                    if label == "PER" and end - start >= 2:
                        first[s.tokens[start]] += 1
                        last[s.tokens[end - 1]] += 1
        rows += [("FIRST", w) for w, c in sorted(first.items()) if c >= 2 and len(w) > 1]
        rows += [("LAST", w) for w, c in sorted(last.items()) if c >= 2 and len(w) > 1]
    seen = set()
    lines = ["# khabar NER gazetteer: category<TAB>phrase (built by `khabar train ner`)"]
    for cat, phrase in rows:
        phrase = " ".join(normalize_word(phrase).split())
        if phrase and (cat, phrase) not in seen:
            seen.add((cat, phrase))
            lines.append(f"{cat}\t{phrase}")
    return "\n".join(lines) + "\n"


def _reset_c_random() -> None:
    """crfsuite's perceptron shuffles the sentences every epoch with the C library's ``rand()``; put it back
    in its start-up state (``srand(1)``) so that every training, even the second in one process, is the
    same."""
    import ctypes
    import ctypes.util

    try:
        ctypes.CDLL(ctypes.util.find_library("c")).srand(1)
    except (OSError, AttributeError, TypeError):  # no C library to reach: runs are still valid, not repeatable
        pass


def train_model(training: dict[str, list[TaggedSentence]], gazetteer_text: str, model_path: Path,
                args: argparse.Namespace) -> dict:
    import pycrfsuite

    from khabar.features.clusters import WordClusters
    from khabar.ner.features import FeatureExtractor
    from khabar.ner.lexicon import Gazetteer

    extractor = FeatureExtractor(WordClusters.load(), Gazetteer.from_tsv(gazetteer_text), args.features)
    items = [(name, s) for name, sents in training.items() for s in sents]
    random.Random(args.seed).shuffle(items)
    class Trainer(pycrfsuite.Trainer):
        """Reports every 10th L-BFGS iteration on stderr instead of crfsuite's full log."""

        def on_start(self, log): pass
        def on_featgen_progress(self, log, percent): pass
        def on_featgen_end(self, log): pass
        def on_prepared(self, log): pass
        def on_optimization_end(self, log): pass
        def on_end(self, log): pass

        def on_iteration(self, log, info):
            if info.get("num", 0) % 10 == 0 or args.algorithm == "ap":
                print(f"iteration {info.get('num')}: loss {info.get('loss', 0):.0f}, "
                      f"active features {info.get('active_features')}, {info.get('time', 0):.1f}s",
                      file=sys.stderr, flush=True)

    trainer = Trainer(verbose=True)
    n_tokens = 0
    for name, s in items:
        trainer.append(extractor.sentence(s.tokens, None if args.no_corpus_feature else name), s.tags)
        n_tokens += len(s.tokens)
    _reset_c_random()
    trainer.select(args.algorithm, "crf1d")
    if args.algorithm == "lbfgs":
        trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                            "feature.possible_transitions": True})
    else:
        trainer.set_params({"max_iterations": args.iterations, "feature.possible_transitions": True})
    t0 = time.time()
    trainer.train(str(model_path))
    return {"sentences": len(items), "tokens": n_tokens, "train_seconds": round(time.time() - t0)}


def write_model(out: Path, training: dict[str, list[TaggedSentence]], data: Path,
                args: argparse.Namespace) -> dict:
    from khabar.features.crf import export

    out.mkdir(parents=True, exist_ok=True)
    gaz = gazetteer_tsv(data, training, not args.no_names)
    (out / "gazetteer.tsv").write_text(gaz, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        crfsuite_path = Path(tmp) / "ner.crfsuite"
        info = train_model(training, gaz, crfsuite_path, args)
        export(crfsuite_path, out / "ner.crf.npz")
    corpus_feature = not args.no_corpus_feature
    meta = {
        "format": "khabar-ner-crf/1",
        "features": args.features,
        "corpora": list(training),
        "primary": "peyma" if corpus_feature and "peyma" in training else None,
        "secondary": "arman" if corpus_feature and "arman" in training else None,
        "secondary_labels": ["FAC", "PRO", "EVENT"],
        "params": {"algorithm": args.algorithm, "c1": args.c1, "c2": args.c2, "iterations": args.iterations, "seed": args.seed,
                   "names_gazetteer": not args.no_names},
        **info,
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta


def cross_validate_arman(data: Path, training: dict[str, list[TaggedSentence]], k: int,
                         args: argparse.Namespace) -> dict:
    from khabar.evaluation.ner import score_spans
    from khabar.ner.corpora import from_khabar_tags
    from khabar.ner.tagger import NerTagger

    arman = training["arman"]
    folds = [list(range(i, len(arman), k)) for i in range(k)]
    results, gold_all, pred_all = [], [], []
    for fold, held in enumerate(folds):
        held_set = set(held)
        part = dict(training)
        part["arman"] = [s for i, s in enumerate(arman) if i not in held_set]
        with tempfile.TemporaryDirectory() as tmp:
            write_model(Path(tmp), part, data, args)
            tagger = NerTagger.from_files(f"{tmp}/ner.crf.npz", f"{tmp}/gazetteer.tsv", f"{tmp}/meta.json")
            corpus = None if args.no_corpus_feature else "arman"
            gold = [from_khabar_tags(arman[i].tags, "arman") for i in held]
            pred = [from_khabar_tags(tagger.tag(arman[i].tokens, corpus), "arman") for i in held]
        score = score_spans(gold, pred)
        results.append({"fold": fold, "f1": score["f1"], "sentences": len(held)})
        gold_all += gold
        pred_all += pred
        print(f"fold {fold}: F1 {score['f1']}", file=sys.stderr)
    pooled = score_spans(gold_all, pred_all)
    return {"task": "ner-arman-cv", "folds": k, **pooled, "per_fold": results}


def run(args: argparse.Namespace) -> int:
    from khabar.datasets import data_dir
    from khabar.resources import resource_path

    data = data_dir()
    corpora = [c.strip() for c in args.corpora.split(",") if c.strip()]
    training = load_training(data, corpora)
    if args.cv_arman:
        if "arman" not in training:
            print("khabar: error: --cv-arman needs arman among --corpora", file=sys.stderr)
            return 2
        print(json.dumps(cross_validate_arman(data, training, args.cv_arman, args), ensure_ascii=False))
        return 0
    out = Path(args.out) if args.out else Path(str(resource_path("ner")))
    meta = write_model(out, training, data, args)
    meta["bytes"] = (out / "ner.crf.npz").stat().st_size
    print(json.dumps(meta, ensure_ascii=False))
    return 0
