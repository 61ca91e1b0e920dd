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
DEFAULTS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150}
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
    parser.add_argument("--train-fraction", type=float, default=1.0, metavar="F",
                        help="with --cv, train each fold on this fraction of its training sentences (learning curve)")
    parser.add_argument("--no-end-to-end", dest="end_to_end", action="store_false",
                        help="with --cv, score on gold tokens only (skip the raw-text run through the text stages)")
    parser.add_argument("--rebuild-clusters", action="store_true",
                        help="recompute the distributional classes and vectors from the unlabeled news (about a minute)")


# --- data ----------------------------------------------------------------------------------

def load_treebanks(data: Path):
    from khabar.evaluation.conllu import read_conllu

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


NAME_TYPES = {"PER", "LOC", "ORG", "NAT", "EVE", "POG", "FAC", "PRO"}


def name_classes(data: Path, min_count: int = 2) -> dict[str, str]:
    """How often each word is part of a PER/LOC/ORG/... name in PEYMA and ParsTwiNER (training files; both
    MIT-hosted; Arman, research-only, is not used): word → "<TYPE>:<hi|mid|lo>"."""
    total: Counter = Counter()
    inside: dict[str, Counter] = {}
    files = ((data / "peyma" / "train.txt", "|"), (data / "parstwiner" / "train.txt", "\t"))
    for path, sep in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, tag = line.rpartition(sep)
            if not word:
                continue
            total[word] += 1
            kind = tag[2:].upper()
            if kind in NAME_TYPES:
                inside.setdefault(word, Counter())[kind] += 1
    out: dict[str, str] = {}
    for word, kinds in inside.items():
        n = total[word]
        if n < min_count:
            continue
        kind, k = kinds.most_common(1)[0]
        ratio = sum(kinds.values()) / n
        out[word] = f"{kind}:{'hi' if ratio >= 0.75 else 'mid' if ratio >= 0.3 else 'lo'}"
    return out


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


def broken_plural_table(lexicon: dict[str, str], freq: dict[str, int]) -> dict[str, str]:
    """hazm's plural-marked words (class PL) whose broken-plural pattern yields a known singular."""
    from khabar.tagging.morphology import broken_plural_singulars

    table = {}
    for word, classes in lexicon.items():
        if "PL" not in classes.split(","):
            continue
        cands = [c for c in broken_plural_singulars(word) if freq.get(c, 0) > 0 and c in lexicon]
        if cands:
            table[word] = max(cands, key=lambda c: freq[c])
    return table


def frequency_buckets(freq: dict[str, int]) -> dict[str, int]:
    """log10 bucket of each word's hazm corpus frequency (words with frequency 0 are left out)."""
    import math

    return {w: min(int(math.log10(f)), 9) for w, f in freq.items() if f > 0}


def verb_rank(pairs: Sequence[str], freq: dict[str, int], sentences) -> list[str]:
    counts: Counter = Counter()
    for _, sent in sentences:
        for w in sent.words:
            if w.upos in ("VERB", "AUX"):
                counts[w.lemma] += 1
    stems = {p.partition("#")[0] for p in pairs if p.partition("#")[0]}
    return sorted(stems, key=lambda s: (-counts[s], -freq.get(s, 0), s))


# --- training ------------------------------------------------------------------------------

def model_attributes(model: bytes) -> list[str]:
    """The attributes that carry a state-feature weight in a trained model."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(model)
    attrs = sorted({attr for attr, _ in tagger.info().state_features})
    tagger.close()
    return attrs


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


def entity_tags(sentences) -> dict[int, list]:
    """Each treebank sentence's per-word NER tags (keyed by ``id(sentence)``), from the packaged NER model
    over the sentence's orthographic tokens, as the ``ner`` stage tags a document's tokens at run time
    (:mod:`khabar.tagging.entity_tags`). The NER model is trained on other corpora (PEYMA, Arman,
    ParsTwiNER), so the tags carry no treebank labels into cross-validation."""
    from khabar.ner.tagger import NerTagger
    from khabar.tagging.entity_tags import MAX_SENTENCE_TOKENS, item_word_tags

    ner = NerTagger.load()
    out: dict[int, list] = {}
    batch = 256
    sents = [s for _, s in sentences]
    for first in range(0, len(sents), batch):
        chunk = sents[first:first + batch]
        pieces = []  # sentences longer than the ner stage's limit are cut as it cuts them
        for sent in chunk:
            for k in range(0, len(sent.tokens), MAX_SENTENCE_TOKENS):
                pieces.append(sent.tokens[k:k + MAX_SENTENCE_TOKENS])
        found = iter(ner.spans_many([[t.form for t in piece] for piece in pieces]))
        for sent in chunk:
            tags: list = []
            for k in range(0, len(sent.tokens), MAX_SENTENCE_TOKENS):
                piece = sent.tokens[k:k + MAX_SENTENCE_TOKENS]
                tags += item_word_tags([len(t.words) for t in piece], next(found))
            out[id(sent)] = tags
    return out


def build_model(sentences, lexicon, freq, clusters, params, pairs, names,
                vectors=None, entities: dict[int, list] | None = None) -> tuple[bytes, dict[str, Any]]:
    """Train everything learned from the treebank sentences: the CRF and the tables. ``entities``: the
    sentences' NER tags (:func:`entity_tags`)."""
    from khabar.tagging.features import FeatureExtractor
    from khabar.tagging.lemmatizer import Lemmatizer
    from khabar.tagging.morphology import VerbAnalyzer
    from khabar.tagging.tagger import MorphTables, verb_context

    rank = verb_rank(pairs, freq, sentences)
    verbs = VerbAnalyzer.from_pairs(pairs)
    dtags = distributional_tags(sentences, *vectors) if vectors is not None else {}
    fx = FeatureExtractor(lexicon, clusters, verbs, names, distributional_tags=dtags)
    xseqs = [fx.sentence_features([w.form for w in s.words], tb, entities[id(s)] if entities else None)
             for tb, s in sentences]
    yseqs = [[upos_label(w, tb) for w in s.words] for tb, s in sentences]
    model = train_crf(xseqs, yseqs, params)
    examples = [(w.form, upos_label(w, tb), w.lemma, tb) for tb, s in sentences for w in s.words]
    known = set(lexicon) | {w for w, f in freq.items() if f > 0}
    tagged = {w for w, classes in lexicon.items() if classes != "0"}
    lemmatizer = Lemmatizer.learn(examples, known, verbs, {s: i for i, s in enumerate(rank)},
                                  broken_plural_table(lexicon, freq), tagged, frequency_buckets(freq), lexicon)
    morph = MorphTables.learn([
        (w.form, w.upos, w.xpos, w.feats,
         verb_context(w.upos, s.words[i - 1].upos if i else None,
                      s.words[i + 1].upos if i + 1 < len(s.words) else None))
        for tb, s in sentences if tb == "perdt" for i, w in enumerate(s.words)])
    extra_known = sorted(w for w, f in freq.items() if f > 0 and w not in lexicon)
    tables = {"lexicon": lexicon, "verbs": list(pairs), "verb_rank": rank, "known_extra": extra_known, "names": names,
              "attributes": model_attributes(model), "distributional_tags": dtags,
              "lemmatizer": lemmatizer.to_json(), "morph": morph}
    return model, tables


def distributional_tags(sentences, vocab: Sequence[str], vectors, *, folds: int = 5, seed: int = 13,
                        min_count: int = 1) -> dict[str, str]:
    """The UPOS each word's distributional vector suggests: a logistic regression from the vector to the
    word type's most frequent UPOS in ``sentences``, applied to every word with a vector. The treebank's
    own words get the prediction of a model fitted without them (``folds``-fold cross-fitting), so the CRF
    learns how far to trust the guess on words it has not seen."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    index = {w: i for i, w in enumerate(vocab)}
    counts: dict[str, Counter] = {}
    for tb, sent in sentences:
        for w in sent.words:
            if w.form in index:
                counts.setdefault(w.form, Counter())[upos_label(w, tb)] += 1
    words = sorted(w for w, c in counts.items() if sum(c.values()) >= min_count)
    if len({counts[w].most_common(1)[0][0] for w in words}) < 2:
        return {}
    x = np.asarray(vectors, dtype=np.float64)
    labels = np.array([counts[w].most_common(1)[0][0] for w in words])
    rows = np.array([index[w] for w in words])
    group = np.random.RandomState(seed).randint(0, folds, len(words))

    def fit(mask):
        return LogisticRegression(C=1.0, max_iter=300).fit(x[rows[mask]], labels[mask])

    out: dict[str, str] = {}
    for g in range(folds):
        held = group == g
        model = fit(~held)
        for w, tag in zip(np.array(words)[held], model.predict(x[rows[held]])):
            out[str(w)] = str(tag)
    seen = set(words)
    rest = [w for w in vocab if w not in seen]
    if rest:
        model = fit(np.ones(len(words), dtype=bool))
        for w, tag in zip(rest, model.predict(x[[index[w] for w in rest]])):
            out[w] = str(tag)
    return out


def get_vectors(data: Path, out_dir: Path, rebuild: bool):
    """The distributional vectors of the news vocabulary (``vectors.bin.gz``; rebuilt with the classes)."""
    from khabar.training.pos_clusters import context_vectors, read_documents, read_vectors, write_vectors

    path = out_dir / "vectors.bin.gz"
    if rebuild or not path.exists():
        print("building distributional vectors from fa-news-unlabeled ...", file=sys.stderr)
        write_vectors(*context_vectors(read_documents(data / "fa-news-unlabeled")), path)
    return read_vectors(path.read_bytes())


def get_clusters(data: Path, out_dir: Path, rebuild: bool):
    from khabar.tagging.resources import parse_clusters
    from khabar.training.pos_clusters import build_clusters, read_documents, write_clusters

    path = out_dir / "clusters.tsv.gz"
    if rebuild or not path.exists():
        print("building distributional classes from fa-news-unlabeled ...", file=sys.stderr)
        write_clusters(build_clusters(read_documents(data / "fa-news-unlabeled")), path)
    return parse_clusters(path.read_bytes())


def write_model(out_dir: Path, model: bytes, tables: dict[str, Any]) -> None:
    from khabar.features.crf import CrfModel

    # the CRF as khabar's numpy decoder reads it (exact weights; the same model gives the same bytes)
    (out_dir / "tagger.crf.npz").write_bytes(CrfModel.from_crfsuite(model).to_bytes())
    payload = json.dumps(tables, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    # no file name and no time in the gzip header: the same training gives the same bytes
    (out_dir / "tables.json.gz").write_bytes(gzip.compress(payload, mtime=0))


# --- cross-validation ----------------------------------------------------------------------

def folds_of(n: int, k: int, seed: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def score_fold(test, res, entities: dict[int, list] | None = None) -> Counter:
    """Per-treebank counts of correct UPOS/XPOS/FEATS/lemma on gold tokens."""
    from khabar.tagging.features import FeatureExtractor
    from khabar.tagging.lemmatizer import Lemmatizer
    from khabar.tagging.tagger import MorphTables, PosTagger

    fx = FeatureExtractor(res.lexicon, res.clusters, res.verbs, res.tables["names"],
                          set(res.tables["attributes"]), distributional_tags=res.tables.get("distributional_tags"))
    tagger = PosTagger(res.model, fx, MorphTables(res.tables["morph"], res.verbs, res.verb_rank, res.lexicon))
    lem = Lemmatizer.from_tables(res.tables["lemmatizer"], res.known_words, res.verbs, res.verb_rank,
                                 res.tagged_words, res.lexicon)
    c: Counter = Counter()
    for tb, sent in test:
        words = [w.form for w in sent.words]
        tags = tagger.tag(words, entities[id(sent)] if entities else None)
        gold_tags = [upos_label(w, tb) for w in sent.words]
        lemmas = lem.lemmas(words, [t[0] for t in tags])
        lemmas_gold_upos = lem.lemmas(words, gold_tags)
        for i, (w, (upos, xpos, feats)) in enumerate(zip(sent.words, tags)):
            c[f"{tb}.words"] += 1
            c[f"{tb}.upos"] += upos == gold_tags[i]
            c[f"{tb}.lemma"] += lemmas[i] == w.lemma
            c[f"{tb}.lemma_gold_upos"] += lemmas_gold_upos[i] == w.lemma
            if tb == "seraji":  # Seraji has no PROPN: its names are NOUN (khabar outputs PerDT's PROPN)
                c[f"{tb}.upos_names_as_noun"] += ("NOUN" if upos == "PROPN" else upos) == gold_tags[i]
            if tb == "perdt":
                c[f"{tb}.xpos"] += xpos == w.xpos
                c[f"{tb}.ufeats"] += (feats or "_") == w.feats
    return c


E2E_SCORES = ("words", "upos", "xpos", "ufeats", "lemma")


def score_fold_end_to_end(ud_test, res, text_nlp) -> Counter:
    """Per-treebank CoNLL 2018 counts, end to end: the held-out sentences' raw text through khabar's
    text stages and the fold's tagger and lemmatizer, scored by :mod:`khabar.evaluation.ud_scoring`."""
    from khabar.evaluation.conllu import running_text
    from khabar.evaluation.ud import document_to_conllu
    from khabar.evaluation.ud_scoring import score_details
    from khabar.tagging.lemmatizer import LemmatizerStage
    from khabar.tagging.tagger import TaggerStage

    tagger, lemmatizer = TaggerStage(resources=res), LemmatizerStage(resources=res)
    c: Counter = Counter()
    for tb in ("perdt", "seraji"):
        gold = [s for t, s in ud_test if t == tb]
        if not gold:
            continue
        doc = lemmatizer(tagger(text_nlp(running_text(gold))))
        details = score_details(gold, document_to_conllu(doc))
        for name in E2E_SCORES:
            score = details[name]
            c[f"{tb}.e2e.{name}.gold"] += score.gold
            c[f"{tb}.e2e.{name}.predicted"] += score.predicted
            c[f"{tb}.e2e.{name}.correct"] += score.correct
        if tb == "seraji":  # UPOS with khabar's PROPN read as NOUN, Seraji's convention for names
            for token in doc.tokens:
                if token.pos == "PROPN":
                    token.pos = "NOUN"
            score = score_details(gold, document_to_conllu(doc))["upos"]
            for part in ("gold", "predicted", "correct"):
                c[f"{tb}.e2e.upos_names_as_noun.{part}"] += getattr(score, part)
    return c


def _f1(total: Counter, prefix: str) -> float:
    denom = total[f"{prefix}.gold"] + total[f"{prefix}.predicted"]
    return round(100 * 2 * total[f"{prefix}.correct"] / denom, 2) if denom else 0.0


def cross_validate(data: Path, sentences, lexicon, freq, clusters, names, *, k: int, scored_folds: int = 0,
                   seed: int = SEED, params: dict[str, Any] | None = None,
                   end_to_end: bool = True, vectors=None, train_fraction: float = 1.0) -> dict[str, Any]:
    """K-fold cross-validation over the sentences of both treebanks; the JSON that ``--cv`` prints."""
    import khabar
    from khabar.evaluation.conllu import read_conllu as read_ud
    from khabar.stages import TEXT_STAGES
    from khabar.tagging.resources import build_resources

    ud_sentences = [(name, s) for name, rel in TREEBANKS for s in read_ud(data / rel)]
    if len(ud_sentences) != len(sentences):
        raise RuntimeError("the two CoNLL-U readers disagree on the number of sentences")
    text_nlp = khabar.load(list(TEXT_STAGES)) if end_to_end else None

    params = params or dict(DEFAULTS)
    entities = entity_tags(sentences)
    folds = folds_of(len(sentences), k, seed)
    if scored_folds:
        folds = folds[:scored_folds]
    total: Counter = Counter()
    started = time.time()
    for i, held in enumerate(folds):
        held_set = set(held)
        train = [s for j, s in enumerate(sentences) if j not in held_set]
        if train_fraction < 1.0:  # a learning curve: a fixed random part of the training folds
            order = list(range(len(train)))
            random.Random(seed + i).shuffle(order)
            train = [train[j] for j in sorted(order[:round(train_fraction * len(train))])]
        test = [sentences[j] for j in held]
        # verb stems from the treebanks' OrigLemma come from the training folds only
        fold_pairs = verb_pairs(data, train)
        model, tables = build_model(train, lexicon, freq, clusters, params, fold_pairs, names, vectors, entities)
        res = build_resources(model, tables, clusters)
        c = score_fold(test, res, entities)
        if text_nlp is not None:
            c.update(score_fold_end_to_end([ud_sentences[j] for j in held], res, text_nlp))
        total.update(c)
        print(f"fold {i + 1}/{len(folds)}: perdt upos {c['perdt.upos'] / max(c['perdt.words'], 1):.4f} "
              f"lemma {c['perdt.lemma'] / max(c['perdt.words'], 1):.4f} ({time.time() - started:.0f}s)",
              file=sys.stderr)
    result: dict[str, Any] = {"task": "pos-cv", "folds": k, "scored_folds": len(folds), "seed": seed, **params}
    if train_fraction < 1.0:
        result["train_fraction"] = train_fraction
    for tb in ("perdt", "seraji"):
        n = total[f"{tb}.words"]
        result[tb] = {"words": n, **{k: round(100 * total[f"{tb}.{k}"] / n, 2) for k in
                                     ("upos", "lemma", "lemma_gold_upos") if n}}
        if tb == "perdt" and n:
            result[tb].update({k: round(100 * total[f"{tb}.{k}"] / n, 2) for k in ("xpos", "ufeats")})
        if tb == "seraji" and n:
            result[tb]["upos_names_as_noun"] = round(100 * total[f"{tb}.upos_names_as_noun"] / n, 2)
        if text_nlp is not None:
            result[tb]["end_to_end"] = {f"{k}_f1": _f1(total, f"{tb}.e2e.{k}") for k in E2E_SCORES}
            if tb == "seraji":
                result[tb]["end_to_end"]["upos_names_as_noun_f1"] = _f1(total, f"{tb}.e2e.upos_names_as_noun")
    n = total["perdt.words"] + total["seraji.words"]
    result["all"] = {"words": n, "upos": round(100 * (total["perdt.upos"] + total["seraji.upos"]) / n, 2),
                     "lemma": round(100 * (total["perdt.lemma"] + total["seraji.lemma"]) / n, 2)}
    return result


def quick_estimate(data: Path, *, k: int = 5, scored_folds: int = 1, iterations: int = 50) -> dict[str, Any]:
    """The quality gate's figure: the first of ``k`` folds with a shorter training (see tests/quality/pos.json)."""
    sentences = load_treebanks(data)
    lexicon, freq = load_lexicon(data)
    clusters = get_clusters(data, package_dir(), rebuild=False)
    vectors = get_vectors(data, package_dir(), rebuild=False)
    params = {**DEFAULTS, "max_iterations": iterations}
    return cross_validate(data, sentences, lexicon, freq, clusters, name_classes(data), k=k,
                          scored_folds=scored_folds, params=params, vectors=vectors)


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
    vectors = get_vectors(data, out_dir, args.rebuild_clusters)
    names = name_classes(data)
    if args.cv:
        params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
        result = cross_validate(data, sentences, lexicon, freq, clusters, names, k=args.cv,
                                scored_folds=args.folds, seed=args.seed, params=params,
                                end_to_end=args.end_to_end, vectors=vectors, train_fraction=args.train_fraction)
        print(json.dumps(result, ensure_ascii=False))
        return 0
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    pairs = verb_pairs(data, sentences)
    model, tables = build_model(sentences, lexicon, freq, clusters, params, pairs, names, vectors,
                                entity_tags(sentences))
    tables["training"] = {"seed": args.seed, "sentences": len(sentences), **params}
    write_model(out_dir, model, tables)
    print(json.dumps({"model": str(out_dir), "sentences": len(sentences), "size_bytes": len(model)}))
    return 0
