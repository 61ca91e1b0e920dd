"""``khabar train pos``: rebuild the POS tagger and lemmatizer (``khabar/resources/pos/``) reproducibly.

Data (all under ``../shared/data``): the dev splits of UD PerDT and UD Seraji (CC BY-SA 4.0), the hazm
lexicon and verb stems (MIT), and the unlabeled news of ``fa-news-unlabeled`` for distributional classes.

``--cv K`` instead estimates accuracy by K-fold cross-validation over the sentences of both treebanks
(everything learned from the treebanks is rebuilt on K-1 folds and scored on the held-out fold; the
lexicon and the unsupervised classes are shared) and prints one JSON object.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

SEED = 20261129
DEFAULTS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150}
TREEBANKS = (("perdt", "ud-perdt/fa_perdt-ud-dev.conllu"), ("seraji", "ud-seraji/fa_seraji-ud-dev.conllu"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the model files (default: the package's resources/pos)")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="run K-fold cross-validation over sentences instead of writing a model")
    parser.add_argument("--folds", type=int, default=0, metavar="N",
                        help="with --cv, score only the first N folds (quick estimates)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"shuffling seed (default {SEED})")
    parser.add_argument("--c1", type=float, default=DEFAULTS["c1"], help="L1 regularization")
    parser.add_argument("--c2", type=float, default=DEFAULTS["c2"], help="L2 regularization")
    parser.add_argument("--iterations", type=int, default=DEFAULTS["max_iterations"], help="L-BFGS iterations")
    parser.add_argument("--rebuild-clusters", action="store_true",
                        help="recompute the distributional classes from the unlabeled news (about a minute)")


# --- data ----------------------------------------------------------------------------------

def load_treebanks(data: Path):
    from khabar.tagging.conllu import read_conllu

    out = []
    for name, rel in TREEBANKS:
        for sent in read_conllu(data / rel):
            out.append((name, sent))
    return out


def upos_label(word, treebank: str) -> str:
    # Seraji tags the object marker را as PART; khabar follows PerDT (ADP).
    if treebank == "seraji" and word.form == "را" and word.upos == "PART":
        return "ADP"
    return word.upos


def load_lexicon(data: Path) -> tuple[dict[str, str], dict[str, int]]:
    """hazm's words with POS classes (word → "N,AJ"), and every word's corpus frequency."""
    lexicon: dict[str, str] = {}
    freq: dict[str, int] = {}
    for line in (data / "hazm-lexicons" / "words.dat").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        word = parts[0]
        try:
            freq[word] = int(parts[1])
        except ValueError:
            pass
        if len(parts) >= 3 and parts[2]:
            lexicon[word] = ",".join(sorted(parts[2].split(",")))
    return lexicon, freq


def verb_pairs(data: Path, sentences) -> list[str]:
    pairs = {line.strip() for line in (data / "hazm-lexicons" / "verbs.dat").read_text(encoding="utf-8").splitlines()
             if line.strip()}
    for _, sent in sentences:
        for w in sent.words:
            if w.upos not in ("VERB", "AUX"):
                continue
            for item in w.misc.split("|"):
                if item.startswith("OrigLemma="):
                    pair = item[len("OrigLemma="):]
                    past, _, present = pair.partition("#")
                    # prefixed entries (بر#چید) name the preverb, not the present stem
                    if past and present and past == w.lemma:
                        pairs.add(pair)
    return sorted(pairs)


def verb_rank(pairs: Sequence[str], freq: dict[str, int], sentences) -> list[str]:
    counts: Counter = Counter()
    for _, sent in sentences:
        for w in sent.words:
            if w.upos in ("VERB", "AUX"):
                counts[w.lemma] += 1
    stems = {p.partition("#")[0] for p in pairs if p.partition("#")[0]}
    return sorted(stems, key=lambda s: (-counts[s], -freq.get(s, 0), s))


# --- training ------------------------------------------------------------------------------

def train_crf(xseqs, yseqs, params: dict[str, Any]) -> bytes:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xseqs, yseqs):
        trainer.append(x, y)
    trainer.set_params({**params, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()


def build_model(sentences, lexicon, freq, clusters, params, pairs) -> tuple[bytes, dict[str, Any]]:
    """Train everything learned from the treebank sentences: the CRF and the tables."""
    from khabar.tagging.features import FeatureExtractor
    from khabar.tagging.lemmatizer import Lemmatizer
    from khabar.tagging.morphology import VerbAnalyzer
    from khabar.tagging.tagger import MorphTables

    rank = verb_rank(pairs, freq, sentences)
    verbs = VerbAnalyzer.from_pairs(pairs)
    fx = FeatureExtractor(lexicon, clusters, verbs)
    xseqs = [fx.sentence_features([w.form for w in s.words], tb) for tb, s in sentences]
    yseqs = [[upos_label(w, tb) for w in s.words] for tb, s in sentences]
    model = train_crf(xseqs, yseqs, params)
    examples = [(w.form, upos_label(w, tb), w.lemma, tb) for tb, s in sentences for w in s.words]
    known = set(lexicon) | {w for w, f in freq.items() if f > 0}
    lemmatizer = Lemmatizer.learn(examples, known, verbs, {s: i for i, s in enumerate(rank)})
    morph = MorphTables.learn([(w.form, w.upos, w.xpos, w.feats) for tb, s in sentences if tb == "perdt"
                               for w in s.words])
    extra_known = sorted(w for w, f in freq.items() if f > 0 and w not in lexicon)
    tables = {"lexicon": lexicon, "verbs": list(pairs), "verb_rank": rank, "known_extra": extra_known,
              "lemmatizer": lemmatizer.to_json(), "morph": morph}
    return model, tables


def get_clusters(data: Path, out_dir: Path, rebuild: bool):
    from khabar.tagging.resources import parse_clusters
    from khabar.training.pos_clusters import build_clusters, read_documents, write_clusters

    path = out_dir / "clusters.tsv.gz"
    if rebuild or not path.exists():
        print("building distributional classes from fa-news-unlabeled ...", file=sys.stderr)
        write_clusters(build_clusters(read_documents(data / "fa-news-unlabeled")), path)
    return parse_clusters(path.read_bytes())


def write_model(out_dir: Path, model: bytes, tables: dict[str, Any]) -> None:
    (out_dir / "tagger.crfsuite").write_bytes(model)
    payload = json.dumps(tables, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(out_dir / "tables.json.gz", "wb", mtime=0) as fh:
        fh.write(payload)


# --- cross-validation ----------------------------------------------------------------------

def folds_of(n: int, k: int, seed: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def score_fold(test, res) -> Counter:
    """Per-treebank counts of correct UPOS/XPOS/FEATS/lemma on gold tokens."""
    from khabar.tagging.features import FeatureExtractor
    from khabar.tagging.lemmatizer import Lemmatizer
    from khabar.tagging.tagger import MorphTables, PosTagger

    fx = FeatureExtractor(res.lexicon, res.clusters, res.verbs)
    tagger = PosTagger(res.model, fx, MorphTables(res.tables["morph"], res.verbs, res.verb_rank))
    lem = Lemmatizer.from_tables(res.tables["lemmatizer"], res.known_words, res.verbs, res.verb_rank)
    c: Counter = Counter()
    for tb, sent in test:
        words = [w.form for w in sent.words]
        tags = tagger.tag(words)
        for w, (upos, xpos, feats) in zip(sent.words, tags):
            gold_upos = upos_label(w, tb)
            c[f"{tb}.words"] += 1
            c[f"{tb}.upos"] += upos == gold_upos
            c[f"{tb}.lemma"] += lem.lemma(w.form, upos) == w.lemma
            c[f"{tb}.lemma_gold_upos"] += lem.lemma(w.form, gold_upos) == w.lemma
            if tb == "perdt":
                c[f"{tb}.xpos"] += xpos == w.xpos
                c[f"{tb}.ufeats"] += (feats or "_") == w.feats
    return c


def cross_validate(args, data: Path, sentences, lexicon, freq, clusters, pairs) -> dict[str, Any]:
    from khabar.tagging.resources import build_resources

    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    folds = folds_of(len(sentences), args.cv, args.seed)
    if args.folds:
        folds = folds[: args.folds]
    total: Counter = Counter()
    started = time.time()
    for i, held in enumerate(folds):
        held_set = set(held)
        train = [s for j, s in enumerate(sentences) if j not in held_set]
        test = [sentences[j] for j in held]
        # verb stems from the treebanks' OrigLemma come from the training folds only
        fold_pairs = verb_pairs(data, train)
        model, tables = build_model(train, lexicon, freq, clusters, params, fold_pairs)
        c = score_fold(test, build_resources(model, tables, clusters))
        total.update(c)
        print(f"fold {i + 1}/{len(folds)}: perdt upos {c['perdt.upos'] / max(c['perdt.words'], 1):.4f} "
              f"lemma {c['perdt.lemma'] / max(c['perdt.words'], 1):.4f} ({time.time() - started:.0f}s)",
              file=sys.stderr)
    result: dict[str, Any] = {"task": "pos-cv", "folds": args.cv, "scored_folds": len(folds), "seed": args.seed,
                              "tokens": "gold", **params}
    for tb in ("perdt", "seraji"):
        n = total[f"{tb}.words"]
        result[tb] = {"words": n, **{k: round(100 * total[f"{tb}.{k}"] / n, 2) for k in
                                     ("upos", "lemma", "lemma_gold_upos") if n}}
        if tb == "perdt" and n:
            result[tb].update({k: round(100 * total[f"{tb}.{k}"] / n, 2) for k in ("xpos", "ufeats")})
    n = total["perdt.words"] + total["seraji.words"]
    result["all"] = {"words": n, "upos": round(100 * (total["perdt.upos"] + total["seraji.upos"]) / n, 2),
                     "lemma": round(100 * (total["perdt.lemma"] + total["seraji.lemma"]) / n, 2)}
    return result


def package_dir() -> Path:
    import khabar.resources

    return Path(khabar.resources.__file__).parent / "pos"


def run(args: argparse.Namespace) -> int:
    from khabar.datasets import data_dir

    data = args.data or data_dir()
    out_dir = args.out or package_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    sentences = load_treebanks(data)
    lexicon, freq = load_lexicon(data)
    clusters = get_clusters(data, out_dir, args.rebuild_clusters)
    if args.cv:
        result = cross_validate(args, data, sentences, lexicon, freq, clusters, None)
        print(json.dumps(result, ensure_ascii=False))
        return 0
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    pairs = verb_pairs(data, sentences)
    model, tables = build_model(sentences, lexicon, freq, clusters, params, pairs)
    tables["training"] = {"seed": args.seed, "sentences": len(sentences), **params}
    write_model(out_dir, model, tables)
    print(json.dumps({"model": str(out_dir), "sentences": len(sentences), "size_bytes": len(model)}))
    return 0
