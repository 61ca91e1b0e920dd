"""Run one library's normalizer/sentence splitter/tokenizer over a corpus file and time it.

Used by ``bench/bench_text.py`` for khabar (in-process) and, through ``bench/.venv-anchors/bin/python``,
for hazm, parsivar and shekar (never khabar dependencies). Only the standard library is imported here, so
the same timing code runs in both interpreters.

    python bench/anchor_runner.py LIBRARY CORPUS.txt [PAIRS.json OUT.json]

CORPUS has one document per line. Prints one JSON object: for each of ``normalize``, ``sentences``,
``tokens`` and ``all`` (normalize, then split, then tokenize), the best of ``REPEATS`` CPU times (``time.process_time``; the machine is shared, so wall time is noisy) in
seconds over all documents. With PAIRS (a JSON list of sentences) it also writes the normalizer's
output for each sentence to OUT.
"""
from __future__ import annotations

import json
import sys
import time
from typing import Callable

REPEATS = 3


def best_time(fn: Callable[[str], object], docs: list[str], repeats: int = REPEATS) -> float:
    """The best CPU time (this process, one thread) of running ``fn`` over all ``docs``, after one warm-up document."""
    if docs:
        fn(docs[0])
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        for doc in docs:
            fn(doc)
        best = min(best, time.process_time() - start)
    return best


def functions(library: str) -> dict[str, Callable[[str], object]]:
    if library == "hazm":
        import hazm

        norm = hazm.Normalizer()
        return {"normalize": norm.normalize, "sentences": hazm.sent_tokenize, "tokens": hazm.word_tokenize,
                "all": lambda t: [hazm.word_tokenize(s) for s in hazm.sent_tokenize(norm.normalize(t))]}
    if library == "parsivar":
        from parsivar import Normalizer, Tokenizer

        norm, tok = Normalizer(), Tokenizer()
        return {"normalize": norm.normalize, "sentences": tok.tokenize_sentences, "tokens": tok.tokenize_words,
                "all": lambda t: [tok.tokenize_words(s) for s in tok.tokenize_sentences(norm.normalize(t))]}
    if library == "shekar":
        from shekar import Normalizer, SentenceTokenizer, WordTokenizer

        norm, sent, word = Normalizer(), SentenceTokenizer(), WordTokenizer()
        return {"normalize": norm, "sentences": lambda t: list(sent(t)), "tokens": lambda t: list(word(t)),
                "all": lambda t: [list(word(s)) for s in sent(norm(t))]}
    if library == "khabar":
        import os

        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        import khabar

        nlp = khabar.load(["normalizer", "sentences", "tokenizer"])
        normalizer = nlp.get("normalizer").normalizer
        splitter = nlp.get("sentences").splitter
        tokenizer = nlp.get("tokenizer").tokenizer
        return {"normalize": normalizer.apply, "sentences": splitter.split, "tokens": tokenizer.tokens,
                "all": nlp, "normalize_text": normalizer.normalize}
    raise SystemExit(f"unknown library {library!r}")


def main(argv: list[str]) -> int:
    library, corpus = argv[0], argv[1]
    with open(corpus, encoding="utf-8") as fh:
        docs = [line.rstrip("\n") for line in fh if line.strip()]
    fns = functions(library)
    slow = library == "parsivar"  # 0.07 MB/s: one run is enough
    result = {"library": library, "documents": len(docs),
              "bytes": sum(len(d.encode("utf-8")) for d in docs), "seconds": {}}
    for step in ("normalize", "sentences", "tokens", "all"):
        result["seconds"][step] = best_time(fns[step], docs, 1 if slow else REPEATS)
    if library == "khabar":
        import khabar.core

        result["compiled_core"] = khabar.core.COMPILED
    if len(argv) >= 4:
        with open(argv[2], encoding="utf-8") as fh:
            sentences = json.load(fh)
        normalize = fns.get("normalize_text", fns["normalize"])
        with open(argv[3], "w", encoding="utf-8") as fh:
            json.dump([normalize(s) for s in sentences], fh, ensure_ascii=False)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
