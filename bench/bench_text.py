"""Benchmark of the text layer against hazm, parsivar and shekar, in one run.

    bash bench/setup_anchors.sh          # once: the anchors' own virtualenv (bench/.venv-anchors)
    python bench/bench_text.py [--mb 1.0] [--no-anchors]

1. Speed: ~1 MB of real news (the first documents of ``fa-news-unlabeled/irnews-2020.txt.gz``, written to
   ``bench/out/corpus.txt``), one document per call; normalizer, sentence splitter, tokenizer and the three
   together. Each library runs in its own process with the same timing code (``bench/anchor_runner.py``:
   best of 3 passes, parsivar 1). Prints MB/s (UTF-8 bytes) and khabar's speed as a multiple of each anchor.
   The sentence splitter and tokenizer are timed on the raw document text (no normalization first).
3. ``--floor``: where the time of tokenization goes, in this process (best of 5 CPU-time passes over the
   normalized corpus): ``str.split()`` (the cheapest possible word split), one regex split with its offsets
   (the tokenizer's plain path), the tokenizer's common path without objects (cut at spaces, one memo
   look-up per piece, offsets), making one ``Token`` object per token from ready offsets, and the whole
   ``Tokenizer.tokens``; per token in nanoseconds.
2. Quality: PerSpellData ``real-word/be`` and ``real-word/hich`` (wrong → correct sentence pairs): sentences
   each normalizer fixes exactly, and correct sentences it changes (makes wrong), for khabar, hazm, shekar.
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

ANCHORS = ("hazm", "parsivar", "shekar")
QUALITY_ANCHORS = ("hazm", "shekar")


def build_corpus(data: Path, megabytes: float, out: Path) -> Path:
    limit = int(megabytes * 1_000_000)
    lines, size = [], 0
    with gzip.open(data / "fa-news-unlabeled" / "irnews-2020.txt.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            lines.append(line.rstrip("\n"))
            size += len(line.encode("utf-8"))
            if size >= limit:
                break
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def run_library(library: str, corpus: Path, pairs_file: Path, python: str) -> tuple[dict, list[str]]:
    out = HERE / "out" / f"normalized-{library}.json"
    cmd = [python, str(HERE / "anchor_runner.py"), library, str(corpus), str(pairs_file), str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE.parent)
    if proc.returncode != 0:
        raise RuntimeError(f"{library} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), json.loads(out.read_text(encoding="utf-8"))


def floor(corpus: Path, repeats: int = 5) -> None:
    """Print the cost of the parts of tokenization that pure Python cannot avoid (see the module doc)."""
    import time
    from itertools import accumulate

    import khabar
    from khabar.document import Token
    from khabar.text.tokenizer import _TOKEN_SPLIT

    nlp = khabar.load(["normalizer", "sentences", "tokenizer"])
    normalize, tokenizer = nlp.get("normalizer").normalizer.normalize, nlp.get("tokenizer").tokenizer
    docs = [normalize(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]

    def spans(text: str):
        pieces = _TOKEN_SPLIT.split(text)
        offsets = list(accumulate(map(len, pieces)))
        return offsets[0::2], offsets[1::2], pieces[1::2]

    for d in docs:  # every piece of the corpus in the tokenizer's memo
        tokenizer.tokens(d)
    memo = tokenizer._pieces

    def pieces(text: str):  # what Tokenizer.tokens does before it makes Token objects (its common path)
        return memo.pieces(text)

    ready = [spans(d) for d in docs]
    tokens = sum(len(w) for _, _, w in ready)
    def each(fn, items):  # results are dropped, as in anchor_runner (keeping them all would time the GC)
        def run() -> None:
            for item in items:
                fn(*item)
        return run

    parts = {
        "str.split()": each(str.split, [(d,) for d in docs]),
        "regex split + offsets": each(spans, [(d,) for d in docs]),
        "pieces + look-ups (PieceMemo)": each(pieces, [(d,) for d in docs]),
        "Token objects from offsets": each(lambda s, e, w: list(map(Token, s, e, w)), ready),
        "Tokenizer.tokens (all)": each(tokenizer.tokens, [(d,) for d in docs]),
    }
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1_000_000
    print(f"\n== tokenization floor: {mb:.2f} MB normalized, {tokens} tokens, best of {repeats} CPU-time passes")
    for name, fn in parts.items():
        fn()
        best = float("inf")
        for _ in range(repeats):
            start = time.process_time()
            fn()
            best = min(best, time.process_time() - start)
        print(f"{name:<28}{1000 * best:8.1f} ms{1e9 * best / tokens:8.0f} ns/token{mb / best:8.1f} MB/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of news text (default 1.0)")
    parser.add_argument("--no-anchors", action="store_true", help="time khabar only")
    parser.add_argument("--floor", action="store_true", help="only the tokenization floor (section 3)")
    args = parser.parse_args()
    if args.floor:
        from khabar.datasets import data_dir

        (HERE / "out").mkdir(exist_ok=True)
        floor(build_corpus(data_dir(), args.mb, HERE / "out" / "corpus.txt"))
        return 0

    from khabar.datasets import data_dir
    from khabar.evaluation.spelling import read_pairs, spelling_scores

    data = data_dir()
    (HERE / "out").mkdir(exist_ok=True)
    corpus = build_corpus(data, args.mb, HERE / "out" / "corpus.txt")
    kinds = {k: read_pairs(data / "perspelldata" / "real-word" / k) for k in ("be", "hich")}
    sentences = [s for pairs in kinds.values() for pair in pairs for s in pair]
    pairs_file = HERE / "out" / "perspell-sentences.json"
    pairs_file.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")

    anchor_python = HERE / ".venv-anchors" / "bin" / "python"
    libraries = ["khabar"]
    if not args.no_anchors:
        if not anchor_python.exists():
            print("bench/.venv-anchors is missing: run `bash bench/setup_anchors.sh` (or pass --no-anchors)",
                  file=sys.stderr)
            return 2
        libraries += list(ANCHORS)
    results, outputs = {}, {}
    for lib in libraries:
        python = sys.executable if lib == "khabar" else str(anchor_python)
        results[lib], outputs[lib] = run_library(lib, corpus, pairs_file, python)

    mb = results["khabar"]["bytes"] / 1_000_000
    core = "compiled (Cython)" if results["khabar"].get("compiled_core") else "plain Python (KHABAR_PURE or no compiler)"
    print(f"== speed: {mb:.2f} MB, {results['khabar']['documents']} documents "
          f"(fa-news-unlabeled/irnews-2020), best of 3 passes, one core; khabar's core: {core}")
    header = f"{'step':<11}" + "".join(f"{lib:>12}" for lib in libraries)
    print(header + "   (MB/s)")
    speeds = {lib: {step: mb / secs for step, secs in res["seconds"].items()} for lib, res in results.items()}
    for step in ("normalize", "sentences", "tokens", "all"):
        print(f"{step:<11}" + "".join(f"{speeds[lib][step]:>12.2f}" for lib in libraries))
    for lib in libraries[1:]:
        ratios = ", ".join(f"{step} ×{speeds['khabar'][step] / speeds[lib][step]:.1f}"
                           for step in ("normalize", "sentences", "tokens", "all"))
        print(f"khabar vs {lib}: {ratios}")

    print("\n== PerSpellData (wrong → correct): sentences fixed exactly / correct sentences changed")
    quality_libs = [lib for lib in libraries if lib == "khabar" or lib in QUALITY_ANCHORS]
    summary = {"speed_mb_per_s": speeds, "perspell": {}}
    for kind, pairs in kinds.items():
        offset = 0
        for k2, p2 in kinds.items():
            if k2 == kind:
                break
            offset += 2 * len(p2)
        row = []
        for lib in quality_libs:
            outs = outputs[lib][offset:offset + 2 * len(pairs)]
            scores = spelling_scores(None, pairs, zip(outs[0::2], outs[1::2]))
            summary["perspell"].setdefault(kind, {})[lib] = scores
            row.append(f"{lib} {scores['fixed']}/{scores['pairs']} fixed, {scores['correct_changed']} changed")
        print(f"{kind:<5} " + " | ".join(row))
    (HERE / "out" / "bench_text.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
