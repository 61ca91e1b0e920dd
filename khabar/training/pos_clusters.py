"""Distributional word classes for the POS tagger, from the unlabeled news in ``fa-news-unlabeled``.

Each frequent word is described by the words seen just left and just right of it (counts over the
``context`` most frequent words), the counts are scaled (log, then row-normalized), reduced with a
truncated SVD and clustered with k-means at two granularities. Words that share a class behave alike
syntactically, which helps the tagger on words it never saw in the treebanks.

The reduced vectors themselves are kept too (``vectors.bin.gz``, int8): ``khabar train pos`` fits on them
a classifier of each word's likely UPOS (:func:`khabar.training.pos.distributional_tags`), a second
distributional view for words the treebanks lack.

Used by ``khabar train pos`` (it writes ``khabar/resources/pos/clusters.tsv.gz`` and ``vectors.bin.gz``).
"""
from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import regex

TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}\u200c]+|[^\s\p{L}\p{M}\p{N}]")


def read_documents(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("*.txt.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                yield line


def tokenize(line: str) -> list[str]:
    return [t.strip("\u200c") or t for t in TOKEN.findall(line)]


def context_vectors(lines: Iterable[str], *, min_count: int = 5, context: int = 1000, dims: int = 60,
                    seed: int = 13):
    """``(vocab, vectors)``: every word seen ``min_count`` times or more and its unit-length left/right
    co-occurrence profile reduced to ``dims`` dimensions (numpy array, one row per word)."""
    import numpy as np
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD

    docs = [tokenize(line) for line in lines]
    counts = Counter(t for doc in docs for t in doc)
    vocab = [w for w, c in counts.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:context])}
    rows, cols = [], []
    n_ctx = len(ctx)
    for doc in docs:
        ids = [index.get(t, -1) for t in doc]
        cids = [ctx.get(t, -1) for t in doc]
        for k, wid in enumerate(ids):
            if wid < 0:
                continue
            if k > 0 and cids[k - 1] >= 0:
                rows.append(wid)
                cols.append(cids[k - 1])
            if k + 1 < len(doc) and cids[k + 1] >= 0:
                rows.append(wid)
                cols.append(n_ctx + cids[k + 1])
    data = np.ones(len(rows), dtype=np.float32)
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(vocab), 2 * n_ctx), dtype=np.float32)
    matrix.sum_duplicates()
    matrix.data = np.log1p(matrix.data)
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1 + 1e-9
    matrix = sparse.diags(1.0 / norms) @ matrix
    reduced = TruncatedSVD(n_components=dims, random_state=seed).fit_transform(matrix)
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    return vocab, reduced


def build_clusters(lines: Iterable[str], *, min_count: int = 5, context: int = 1000, dims: int = 60,
                   sizes: tuple[int, ...] = (64, 512), seed: int = 13) -> dict[str, tuple[int, ...]]:
    """Cluster ids (one per size in ``sizes``) for every word seen ``min_count`` times or more."""
    from sklearn.cluster import MiniBatchKMeans

    vocab, reduced = context_vectors(lines, min_count=min_count, context=context, dims=dims, seed=seed)
    labels = []
    for k in sizes:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3)
        labels.append(km.fit_predict(reduced))
    return {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}


def write_vectors(vocab: Sequence[str], vectors, path: Path) -> None:
    """Unit vectors quantized to int8 (×127): a header line ``<words> <dims>``, the words one per line,
    then the bytes; gzip without name or time, so the same vectors give the same file."""
    import gzip

    import numpy as np

    quantized = np.clip(np.rint(np.asarray(vectors) * 127), -127, 127).astype(np.int8)
    head = f"{len(vocab)} {quantized.shape[1]}\n" + "".join(w + "\n" for w in vocab)
    path.write_bytes(gzip.compress(head.encode("utf-8") + quantized.tobytes(), mtime=0))


def read_vectors(raw: bytes):
    """``(vocab, vectors)`` from :func:`write_vectors`'s bytes (vectors as float32, unit length ≈ 1)."""
    import gzip

    import numpy as np

    data = gzip.decompress(raw)
    end = data.index(b"\n")
    n, dims = map(int, data[:end].split())
    start = end + 1
    vocab = []
    for _ in range(n):
        stop = data.index(b"\n", start)
        vocab.append(data[start:stop].decode("utf-8"))
        start = stop + 1
    vectors = np.frombuffer(data[start:start + n * dims], dtype=np.int8).reshape(n, dims)
    return vocab, vectors.astype(np.float32) / 127


def write_clusters(clusters: dict[str, tuple[int, ...]], path: Path) -> None:
    lines = ["\t".join([w, *map(str, ids)]) for w, ids in sorted(clusters.items())]
    # no file name and no time in the gzip header: the same clusters give the same bytes
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))


if __name__ == "__main__":  # pragma: no cover - manual run
    import sys

    from khabar.datasets import data_dir

    out = Path(sys.argv[1])
    sizes = tuple(int(k) for k in sys.argv[2].split(",")) if len(sys.argv) > 2 else (64, 512)
    min_count = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    write_clusters(build_clusters(read_documents(data_dir() / "fa-news-unlabeled"), sizes=sizes,
                                  min_count=min_count), out)
