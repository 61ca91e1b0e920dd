"""``khabar train keywords``: word document frequencies for the keyword ranker's IDF.

Counts, for every folded word, how many documents of ``fa-news-unlabeled`` (Hamshahri 2003-2007 and
IR-News 2019-2020; namnak health articles too) contain it, keeps words seen in at least ``--min-df``
documents, and writes ``khabar/resources/keywords/df.tsv.gz`` (``#documents<TAB>N`` then ``word<TAB>df``
lines, most frequent first). No Fars or Varzesh3 text is used, so the keyword evaluation on those
articles needs no cross-validation.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

FILES = ("hamshahri-2003-2007.txt.gz", "irnews-2020.txt.gz", "namnak-health.txt.gz")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--min-df", type=int, default=3, help="drop words in fewer documents (default 3)")
    parser.add_argument("--output", type=Path, default=None,
                        help="where to write (default: khabar/resources/keywords/df.tsv.gz)")


def _texts(folder: Path):
    for name in FILES:
        with gzip.open(folder / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield line


def run(args: argparse.Namespace) -> int:
    from khabar.about.keywords import DocumentFrequencies, build_document_frequencies
    from khabar.datasets import data_dir

    started = time.time()
    folder = (args.data or data_dir()) / "fa-news-unlabeled"
    df, documents = build_document_frequencies(_texts(folder), min_df=args.min_df)
    blob = DocumentFrequencies.to_tsv_gz(df, documents)
    out = args.output or Path(__file__).resolve().parent.parent / "resources" / "keywords" / "df.tsv.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(blob)
    json.dump({"model": "keywords", "documents": documents, "words": len(df), "min_df": args.min_df,
               "bytes": len(blob), "output": str(out), "seconds": round(time.time() - started, 1)},
              sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
