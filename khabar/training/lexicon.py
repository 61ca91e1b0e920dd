"""``khabar train lexicon``: build ``khabar/resources/lexicon/`` from ``../shared/data``.

Counts words (after the normalizer's character unification) in the unlabeled news, the Fars and Varzesh3
articles, the NER corpora and (unless ``--no-ud``) the UD dev treebanks; marks the words of the hazm lexicon
and their tags; counts the bigrams the normalizer asks about; then trains the clitic (multiword token)
model of :mod:`khabar.text.clitics` on the UD treebanks. Deterministic: same data, same files.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Iterator

MIN_COUNT = 2
BIGRAM_MIN_COUNT = 2
PREFIX_WORDS = frozenset({"به", "و", "هیچ", "می", "نمی"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--out", help="output folder (default: khabar/resources/lexicon)")
    parser.add_argument("--ud", choices=("both", "perdt", "seraji", "none"), default="both",
                        help="which UD dev treebanks feed the word counts and the clitic model (default: both; "
                             "use one to measure how the text layer generalizes to the other)")
    parser.add_argument("--cross-validate", action="store_true",
                        help="write nothing; print the 2-fold estimate of words F1 (the clitic model retrained on "
                             "alternate blocks of 50 sentences of each treebank, scored on the others)")


def _treebanks(data: Path, which: str) -> list[Path]:
    names = {"both": ("ud-perdt", "ud-seraji"), "perdt": ("ud-perdt",), "seraji": ("ud-seraji",), "none": ()}[which]
    return [p for name in names for p in sorted((data / name).glob("*.conllu"))]


def _texts(data: Path, treebanks: list[Path]) -> Iterator[str]:
    for name in ("hamshahri-2003-2007.txt.gz", "irnews-2020.txt.gz", "namnak-health.txt.gz"):
        with gzip.open(data / "fa-news-unlabeled" / name, "rt", encoding="utf-8") as fh:
            yield from fh
    for folder in ("farsnews-lmcourse", "varzesh3-lmcourse"):
        with open(data / folder / "train.jsonl", encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                yield art.get("title") or ""
                yield art.get("abstract") or ""
                yield from art.get("paragraphs") or []
    for path, sep in ((data / "peyma" / "train.txt", "|"), (data / "peyma" / "dev.txt", "|"),
                      (data / "arman-personer" / "train_fold1.txt", " "),
                      (data / "parstwiner" / "train.txt", "\t"), (data / "parstwiner" / "dev.txt", "\t")):
        words: list[str] = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line.strip():
                    if words:
                        yield " ".join(words)
                        words = []
                    continue
                words.append(line.rsplit(sep, 1)[0])
        if words:
            yield " ".join(words)
    for path in treebanks:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("# text = "):
                    yield line[9:]


def _hazm_flags(data: Path) -> dict[str, str]:
    from khabar.text.normalizer import unify_characters

    tag_flags = {"N": "n", "AJ": "a", "ADV": "d", "PRO": "p", "V": "v"}
    flags: dict[str, str] = {}
    with open(data / "hazm-lexicons" / "words.dat", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            word = unify_characters(parts[0]).replace(" ", "")
            if not word:
                continue
            tags = parts[2].split(",") if len(parts) > 2 else []
            flags[word] = "h" + "".join(sorted({tag_flags[t] for t in tags if t in tag_flags}))
    # verb stems: "v" past stem (کرد), "r" present stem (کن); the clitic model tells ``کردم`` from ``کارم``
    with open(data / "hazm-lexicons" / "verbs.dat", encoding="utf-8") as fh:
        for line in fh:
            past, _, present = unify_characters(line.strip()).partition("#")
            for stem, flag in ((past, "v"), (present, "r")):
                if stem and flag not in flags.get(stem, ""):
                    flags[stem] = flags.get(stem, "") + flag
    return flags


def count_words(data: Path, treebanks: list[Path]) -> tuple[Counter, Counter]:
    from khabar.text.lexical import SUFFIXES
    from khabar.text.normalizer import DIACRITICS, unify_characters

    strip = re.compile(f"[{DIACRITICS}\u0640\u200b\u200d\u200e\u200f]")
    token = re.compile(r"[^\W\d_][\w\u200c]*")
    suffixes = frozenset(SUFFIXES)
    words: Counter = Counter()
    bigrams: Counter = Counter()
    for text in _texts(data, treebanks):
        text = strip.sub("", unify_characters(text))
        toks = [t.strip("\u200c") for t in token.findall(text)]
        words.update(toks)
        for a, b in zip(toks, toks[1:]):
            if a in PREFIX_WORDS or b in suffixes:
                bigrams[(a, b)] += 1
    return words, bigrams


def cross_validate(data: Path, block: int = 50) -> dict:
    """2-fold estimate of UD tokens/words/sentences F1 with the clitic model retrained on half the
    sentences (alternate blocks of ``block``) of both treebanks and scored on the other half."""
    import tempfile

    import khabar
    from khabar.evaluation.conllu import read_conllu, running_text, write_conllu
    from khabar.evaluation.ud import document_to_conllu
    from khabar.evaluation.ud_scoring import score_ud
    from khabar.text.clitics import CliticSplitter, train_clitic_model
    from khabar.text.lexicon import Lexicon

    lexicon = Lexicon.load()
    nlp = khabar.load(["normalizer", "sentences", "tokenizer"])
    treebanks = {path.parent.name: read_conllu(path) for path in _treebanks(data, "both")}
    totals: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fold in (0, 1):
            files = []
            for name, sents in treebanks.items():
                path = Path(tmp) / f"{name}-{fold}.conllu"
                write_conllu(path, [s for i, s in enumerate(sents) if (i // block) % 2 != fold])
                files.append(path)
            model = train_clitic_model(files, lexicon.counts, lexicon.flags)
            nlp.get("tokenizer").tokenizer.splitter = CliticSplitter(model, lexicon.counts, lexicon.flags)
            for name, sents in treebanks.items():
                held = [s for i, s in enumerate(sents) if (i // block) % 2 == fold]
                scores = score_ud(held, document_to_conllu(nlp(running_text(held))), tags=False)
                t = totals.setdefault(name, {"gold_words": 0, "tokens": 0.0, "words": 0.0, "sentences": 0.0})
                t["gold_words"] += scores["gold_words"]
                for key in ("tokens", "words", "sentences"):
                    t[key] += scores[f"{key}_f1"] * scores["gold_words"]
    return {name: {f"{k}_f1": round(t[k] / t["gold_words"], 2) for k in ("tokens", "words", "sentences")}
            for name, t in totals.items()}


def run(args: argparse.Namespace) -> int:
    from khabar.datasets import data_dir
    from khabar.text.clitics import train_clitic_model
    from khabar.text.lexicon import Lexicon

    data = Path(args.data) if args.data else data_dir()
    if args.cross_validate:
        print(json.dumps({"cross_validation": "2-fold, blocks of 50 sentences", **cross_validate(data)}))
        return 0
    out = Path(args.out) if args.out else Path(__file__).resolve().parent.parent / "resources" / "lexicon"
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    treebanks = _treebanks(data, args.ud)
    words, bigrams = count_words(data, treebanks)
    flags = _hazm_flags(data)
    # hazm entries without a tag and (almost) never seen in the corpora add size, not decisions
    kept = {w: c for w, c in words.items() if c >= MIN_COUNT or flags.get(w, "").strip("h")}
    for w, f in flags.items():
        if f.strip("h"):
            kept.setdefault(w, words.get(w, 0))
    ordered = sorted(kept.items(), key=lambda x: (-x[1], x[0]))
    lexicon = {
        "words": [w for w, _ in ordered],
        "counts": [c for _, c in ordered],
        "flags": {w: flags[w] for w, _ in ordered if w in flags},
        "bigrams": {f"{a} {b}": c for (a, b), c in sorted(bigrams.items(), key=lambda x: (-x[1], x[0]))
                    if c >= BIGRAM_MIN_COUNT},
    }
    packed = Lexicon(dict(zip(lexicon["words"], lexicon["counts"])), lexicon["flags"], lexicon["bigrams"])
    # mtime=0 keeps the gzip bytes reproducible
    with gzip.GzipFile(out / "lexicon.tsv.gz", "wb", mtime=0) as fh:
        fh.write(packed.to_bytes())
    model = train_clitic_model(treebanks, kept, lexicon["flags"])
    (out / "clitics.json").write_text(json.dumps(model, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                                      encoding="utf-8")
    print(json.dumps({"words": len(kept), "bigrams": len(lexicon["bigrams"]),
                      "clitic_forms": len(model.get("forms", {})), "seconds": round(time.time() - t0, 1),
                      "out": str(out)}, ensure_ascii=False))
    return 0
