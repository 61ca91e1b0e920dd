"""A linear-chain CRF decoder in numpy that gives the same tags as python-crfsuite, without its per-call cost.

python-crfsuite spends most of a ``Tagger.tag`` call turning each token's Python feature strings into
attribute ids. Viterbi only needs, per token, the sum of the state weights of its attributes (a vector over
the labels) and the label-transition matrix, so a :class:`CrfModel` keeps

- attribute string → row of the weights (:meth:`CrfModel.row`, :meth:`CrfModel.rows`; attributes the
  model does not know are ignored, as crfsuite ignores them);
- the state-feature weights, attributes × labels (float64, as crfsuite keeps them; stored sparsely);
- ``transitions``: label × label weights (``transitions[from, to]``);
- ``labels``: the label names in crfsuite's order.

A caller that knows which attributes recur (a word type's own features, say) can sum their rows once
(:meth:`CrfModel.vector`) and build emissions from those sums; :meth:`CrfModel.tag` is the generic path
(feature lists in, labels out). :meth:`CrfModel.viterbi_batch` decodes many sequences at once with numpy,
one step per position of the longest sequence. Decoding is crfsuite's max-sum Viterbi with its
tie-breaking (the lowest label id wins a tie), so tags only differ when two paths score equally up to
the last bits of a float sum.

The model is read from crfsuite's binary file at training time (:func:`export`, :meth:`from_crfsuite`:
exact float64 weights, unlike ``Tagger.info()``, which prints them with six decimals) and shipped as a
compressed ``.npz`` (:meth:`save`, :meth:`from_bytes`).

>>> import numpy as np
>>> model = CrfModel.from_dense(["O", "B-PER"], ["w=علی", "w=گفت"],
...                             np.array([[0.0, 2.0], [1.0, 0.0]]), np.zeros((2, 2)))
>>> model.tag([["w=علی", "bias"], ["w=گفت"]])
['B-PER', 'O']
"""
from __future__ import annotations

import io
import itertools
import struct
import threading
import zipfile
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

FORMAT_ID = "khabar-crf/1"
_SEPARATOR = "\0"  # crfsuite attribute strings are NUL-terminated, so none contains it


class CrfModel:
    """A trained linear-chain CRF: attribute rows, state weights, transitions and label names.

    State weights are kept sparse (CSR: for attribute row ``r``, the labels ``label_ids[indptr[r]:
    indptr[r+1]]`` with weights ``values[...]``): the NER model has 230k attributes but only 390k non-zero
    weights, and a dense float64 matrix would cost 38 MB and a tenth of a second of page faults at start-up.

    Attribute names come in two kinds. *Plain* names (no ``|``) are rows ``0 .. len(attribute_rows) - 1``,
    indexed by one dictionary built at load. *Pair* names (``b-=تهران|گفت``, word bigrams: half of the NER
    model's attributes) are split at their first ``|`` into a head (``b-=تهران``) and a tail (``گفت``); only
    the heads are indexed at load, and a head's tails become a dictionary the first time the head is looked
    up (:meth:`pair_tails`, kept per instance). Start-up then builds a third fewer dictionary entries and
    strings, and a bigram costs one look-up in its left word's small table.
    """

    __slots__ = ("labels", "attribute_rows", "indptr", "label_ids", "values", "transitions", "_trans_to_from",
                 "_heads", "_tail_counts", "_tail_bytes", "_tail_blob", "_tail_start", "_tail_offset", "_tails")

    def __init__(self, labels: Sequence[str], plain: Sequence[str], heads: Sequence[str],
                 tail_counts: Sequence[int], tail_blob: bytes, tail_bytes: Sequence[int], indptr: np.ndarray,
                 label_ids: np.ndarray, values: np.ndarray, transitions: np.ndarray) -> None:
        """``plain``: the plain names (rows in order); ``heads``: the pair heads, whose tails follow as rows
        head after head (``tail_counts[i]`` of them, NUL-separated UTF-8 in ``tail_blob``, ``tail_bytes[i]``
        bytes for head ``i``). Build models with :meth:`from_crfsuite`, :meth:`from_dense` or
        :meth:`from_bytes`."""
        self.labels = list(labels)
        n_plain = len(plain)
        self.attribute_rows: dict[str, int] = dict(zip(plain, range(n_plain)))
        self._heads: dict[str, int] = dict(zip(heads, range(len(heads))))
        self._tail_counts = np.asarray(tail_counts, dtype=np.int64)
        self._tail_bytes = np.asarray(tail_bytes, dtype=np.int64)
        self._tail_blob = bytes(tail_blob)
        self._tail_start = (n_plain + np.concatenate([[0], np.cumsum(self._tail_counts)])).tolist()
        self._tail_offset = np.concatenate([[0], np.cumsum(self._tail_bytes)]).tolist()
        self._tails: dict[int, dict[str, int]] = {}
        self.indptr = np.asarray(indptr, dtype=np.int64)
        self.label_ids = np.asarray(label_ids, dtype=np.int64)
        self.values = np.asarray(values, dtype=np.float64)
        self.transitions = np.asarray(transitions, dtype=np.float64)
        n_labels = len(self.labels)
        if len(self.indptr) != self._tail_start[-1] + 1 or self.indptr[-1] != len(self.values):
            raise ValueError("state weights do not match the attributes")
        if len(self.label_ids) != len(self.values):
            raise ValueError("state weights without labels")
        if self.transitions.shape != (n_labels, n_labels):
            raise ValueError(f"transitions have shape {self.transitions.shape}, expected {(n_labels, n_labels)}")
        # Viterbi's candidates as [to, from] rows: one argmax over contiguous rows
        self._trans_to_from = np.ascontiguousarray(self.transitions.T)

    @classmethod
    def from_dense(cls, labels: Sequence[str], attributes: Sequence[str], weights: np.ndarray,
                   transitions: np.ndarray) -> "CrfModel":
        """A model from attribute names and their attributes × labels weight matrix."""
        weights = np.asarray(weights, dtype=np.float64)
        plain = [i for i, name in enumerate(attributes) if "|" not in name]
        grouped: dict[str, list[tuple[str, int]]] = {}
        for i, name in enumerate(attributes):
            if "|" in name:
                head, _, tail = name.partition("|")
                grouped.setdefault(head, []).append((tail, i))
        heads = sorted(grouped)
        order = plain + [i for head in heads for _, i in grouped[head]]
        blocks = [_SEPARATOR.join(tail for tail, _ in grouped[head]).encode("utf-8") for head in heads]
        rows, cols = np.nonzero(weights[order])
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(order)))])
        return cls(labels, [attributes[i] for i in plain], heads, [len(grouped[h]) for h in heads],
                   b"".join(blocks), [len(b) for b in blocks], indptr, cols,
                   weights[order][rows, cols], transitions)

    # --- reading and writing ------------------------------------------------------------
    @classmethod
    def from_crfsuite(cls, model: bytes | str | Path) -> "CrfModel":
        """Read a python-crfsuite model (file path or the file's bytes)."""
        data = model if isinstance(model, (bytes, bytearray, memoryview)) else Path(model).read_bytes()
        return cls.from_dense(*_parse_crfsuite(bytes(data)))

    def to_bytes(self) -> bytes:
        """The compressed ``.npz`` form; the same model always gives the same bytes (no time stamps)."""

        def text(strings: Iterable[str]) -> np.ndarray:
            return np.frombuffer(_SEPARATOR.join(strings).encode("utf-8"), dtype=np.uint8)

        small = np.uint8 if len(self.labels) <= 255 else np.uint16  # labels per row and label ids

        arrays = {
            "format": np.frombuffer(FORMAT_ID.encode("ascii"), dtype=np.uint8),
            "labels": text(self.labels),
            "attributes": text(self.attribute_rows),
            "sizes": np.array([len(self.attribute_rows), len(self._heads)], dtype=np.int64),
            "pair_heads": text(self._heads),
            "pair_tail_counts": self._tail_counts.astype(np.uint32),
            "pair_tail_bytes": self._tail_bytes.astype(np.uint32),
            "pair_tails": np.frombuffer(self._tail_blob, dtype=np.uint8),
            "counts": np.diff(self.indptr).astype(small),
            "label_ids": self.label_ids.astype(small),
            "values": self.values,
            "transitions": self.transitions,
        }
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name, array in arrays.items():
                info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                # stored, not deflated: inflating the members cost ≈ 10 ms of start-up for 3 MB saved on disk
                # (the weights hardly compress at all; a wheel or a git pack compresses the file anyway)
                info.compress_type = zipfile.ZIP_STORED
                with zf.open(info, "w") as fh:
                    np.lib.format.write_array(fh, np.ascontiguousarray(array), allow_pickle=False)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "CrfModel":
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            if z["format"].tobytes().decode("ascii") != FORMAT_ID:
                raise ValueError(f"not a {FORMAT_ID} file")
            n_plain, n_heads = z["sizes"].tolist()

            def text(name: str, count: int) -> list[str]:
                return z[name].tobytes().decode("utf-8").split(_SEPARATOR) if count else []

            counts = z["counts"]
            indptr = np.zeros(len(counts) + 1, dtype=np.int64)
            np.cumsum(counts, out=indptr[1:])
            return cls(text("labels", 1), text("attributes", n_plain), text("pair_heads", n_heads),
                       z["pair_tail_counts"], z["pair_tails"].tobytes(), z["pair_tail_bytes"], indptr,
                       z["label_ids"], z["values"], z["transitions"])

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(self.to_bytes())

    @classmethod
    def load(cls, path: str | Path) -> "CrfModel":
        return cls.from_bytes(Path(path).read_bytes())

    def attribute_names(self) -> list[str]:
        """Every attribute name, in row order."""
        names = list(self.attribute_rows)
        for head, i in self._heads.items():
            names += [f"{head}|{tail}" for tail in self._tail_names(i)]
        return names

    def dense_weights(self) -> np.ndarray:
        """The state weights as an attributes × labels matrix (rows as :meth:`attribute_names`)."""
        out = np.zeros((len(self.indptr) - 1, len(self.labels)))
        out[np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr)), self.label_ids] = self.values
        return out

    # --- attribute look-up --------------------------------------------------------------
    def _tail_names(self, head_index: int) -> list[str]:
        start, end = self._tail_offset[head_index], self._tail_offset[head_index + 1]
        return self._tail_blob[start:end].decode("utf-8").split(_SEPARATOR)

    def pair_tails(self, head: str) -> dict[str, int] | None:
        """The rows of the pair attributes ``head|tail`` by tail (None when no attribute has that head)."""
        i = self._heads.get(head)
        if i is None:
            return None
        tails = self._tails.get(i)
        if tails is None:
            first = self._tail_start[i]
            tails = self._tails[i] = dict(zip(self._tail_names(i), range(first, self._tail_start[i + 1])))
        return tails

    def row(self, attribute: str) -> int | None:
        """The row of one attribute, or None when the model does not know it."""
        r = self.attribute_rows.get(attribute)
        if r is None and "|" in attribute:
            head, _, tail = attribute.partition("|")
            tails = self.pair_tails(head)
            if tails is not None:
                r = tails.get(tail)
        return r

    def rows(self, attributes: Iterable[str]) -> list[int]:
        """Rows of the known attributes (a repeated attribute counts each time, as in crfsuite)."""
        attributes = attributes if isinstance(attributes, (list, tuple)) else list(attributes)
        out = [r for r in map(self.attribute_rows.get, attributes) if r is not None]
        if self._heads:
            for attribute in attributes:
                if "|" in attribute:
                    r = self.row(attribute)
                    if r is not None:
                        out.append(r)
        return out

    def sum_lists(self, lists: Sequence[Sequence[str]]) -> np.ndarray:
        """The summed state weights of each attribute list (lists × labels): one dictionary look-up per
        attribute, one numpy call for all the sums. Unknown attributes are ignored; a repeated one counts
        each time, as in crfsuite."""
        return self.sum_flat([a for attributes in lists for a in attributes], [len(a) for a in lists])

    def sum_flat(self, flat: Sequence[str], sizes: Sequence[int]) -> np.ndarray:
        """:meth:`sum_lists` of lists laid end to end: ``flat`` holds the attributes of every list, list
        ``g`` being the ``sizes[g]`` after those of lists ``0 .. g-1`` (no list of lists to build)."""
        found = np.fromiter(map(self.attribute_rows.get, flat, itertools.repeat(-1)), dtype=np.int64,
                            count=len(flat))
        if self._heads and "|" in "".join(flat):  # pair attributes are not in the plain dictionary
            row = self.row
            for i, attribute in enumerate(flat):
                if "|" in attribute:
                    r = row(attribute)
                    if r is not None:
                        found[i] = r
        groups = np.repeat(np.arange(len(sizes)), sizes)
        known = found >= 0
        return self.sum_rows(found[known], groups[known], len(sizes))

    def sum_rows(self, rows: Sequence[int], groups: Sequence[int] | np.ndarray, n_groups: int) -> np.ndarray:
        """``out[g]`` = the summed state weights of the rows whose group is ``g`` (groups × labels)."""
        n_labels = len(self.labels)
        if not len(rows):
            return np.zeros((n_groups, n_labels))
        rows = np.asarray(rows, dtype=np.int64)
        starts = self.indptr[rows]
        lengths = self.indptr[rows + 1] - starts
        total = int(lengths.sum())
        # the positions of every row's weights, laid end to end
        index = np.arange(total) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        slots = np.repeat(np.asarray(groups, dtype=np.int64), lengths) * n_labels + self.label_ids[index]
        return np.bincount(slots, weights=self.values[index], minlength=n_groups * n_labels).reshape(
            n_groups, n_labels)

    def vector(self, attributes: Iterable[str]) -> np.ndarray:
        """The summed state weights of ``attributes`` over the labels."""
        return self.sum_lists([list(attributes)])[0]

    def emissions(self, xseq: Sequence[Iterable[str]]) -> np.ndarray:
        """Per-token state scores, tokens × labels."""
        return self.sum_lists([a if isinstance(a, (list, tuple)) else list(a) for a in xseq])

    # --- decoding -----------------------------------------------------------------------
    def tag(self, xseq: Sequence[Iterable[str]]) -> list[str]:
        """Labels for one sequence of attribute lists (what ``pycrfsuite.Tagger.tag`` returns)."""
        if not xseq:
            return []
        labels = self.labels
        return [labels[i] for i in self.viterbi_batch([self.emissions(xseq)])[0]]

    def viterbi(self, emissions: np.ndarray) -> list[int]:
        """The best label ids for one sequence of state scores."""
        return self.viterbi_batch([emissions])[0]

    def viterbi_batch(self, emissions: Sequence[np.ndarray]) -> list[list[int]]:
        """The best label ids of each sequence (tokens × labels state scores), decoding all of them
        together: one numpy step per position of the longest sequence, over the sequences still running.

        crfsuite's recurrence: ``score[t, y] = max_x(score[t-1, x] + transitions[x, y]) + state[t, y]``, the
        lowest ``x`` on ties; the path ends at the best last label (lowest on ties). Each step lays the
        candidates out as ``[sequence, y, x]`` rows so that one ``argmax`` over contiguous rows finds the
        back-pointers, and the maxima are read back from those positions (numpy's ``max`` over short rows
        is several times slower than its ``argmax``)."""
        lengths = [len(e) for e in emissions]
        batch = len(lengths)
        if not batch or max(lengths) == 0:
            return [[] for _ in lengths]
        n_labels = len(self.labels)
        order = sorted(range(batch), key=lengths.__getitem__, reverse=True)
        longest = lengths[order[0]]
        state = np.zeros((longest, batch, n_labels))
        for slot, b in enumerate(order):
            state[:lengths[b], slot] = emissions[b]
        # running[t]: how many sequences (a prefix of ``order``) have a position t
        sorted_lengths = np.array([lengths[b] for b in order])
        running = (sorted_lengths[None, :] > np.arange(longest)[:, None]).sum(axis=1).tolist()
        trans_to_from = self._trans_to_from
        buffer = np.empty((batch, n_labels, n_labels))
        buffer_flat = buffer.reshape(-1)
        cells = np.arange(batch * n_labels)
        cell_start = cells * n_labels
        back: list[np.ndarray] = [cells]  # back[t][k * n_labels + y]: the best label at t-1 before y at t
        best_last = np.zeros(batch, dtype=np.int64)
        active = running[0]
        score = state[0, :active]
        for t in range(1, longest):
            k = running[t]
            if k < active:  # sequences that ended at t-1
                best_last[k:active] = score[k:active].argmax(axis=1)
                score = score[:k]
            active = k
            cand = buffer[:k]  # cand[k, y, x] = score[k, x] + transitions[x, y]
            np.add(score[:, None, :], trans_to_from, out=cand)
            arg = cand.reshape(k * n_labels, n_labels).argmax(axis=1)
            back.append(arg)
            score = buffer_flat.take(cell_start[:k * n_labels] + arg).reshape(k, n_labels)
            score += state[t, :k]
        best_last[:active] = score.argmax(axis=1)
        paths = np.zeros((longest, batch), dtype=np.int64)
        y = best_last
        offsets = np.arange(batch) * n_labels
        for t in range(longest - 1, 0, -1):
            k = running[t]
            paths[t, :k] = y[:k]
            y[:k] = back[t][offsets[:k] + y[:k]]
        paths[0] = y
        columns = paths.T.tolist()
        out: list[list[int]] = [[] for _ in lengths]
        for slot, b in enumerate(order):
            out[b] = columns[slot][:lengths[b]]
        return out


class TypeScoreTables:
    """The bounded, per-instance tables of per-word-type state-score sums that the NER and POS
    ``StateScores`` keep: ``_index`` (word type → row), ``_vectors`` (rows × ``parts`` × labels, grown by
    :func:`store_rows`) and the lock that guards them (the API runs one pipeline on several threads)."""

    def __init__(self, labels: int, parts: int, cache_limit: int) -> None:
        self.cache_limit = cache_limit
        self._labels = labels
        self._lock = threading.Lock()
        self._index: dict[str, int] = {}
        self._vectors = np.zeros((1024, parts, labels))

    def _type_rows(self, words: list[str]) -> list[int]:
        """Each word's row, adding the words not seen yet (called under the lock)."""
        raise NotImplementedError

    def _typed(self, words: list[str], *tables: list) -> tuple[np.ndarray, list[list]]:
        """The words' score rows, and their entries in each per-type ``table``, read under the lock (the
        tables change as new words arrive)."""
        with self._lock:
            type_rows = self._type_rows(words)
            return self._vectors[type_rows], [[table[i] for i in type_rows] for table in tables]


def new_types(index: dict, words: Sequence, limit: int, *tables: list) -> list:
    """The words not yet in ``index`` (each once, in order of first use). When they would grow the index past
    ``limit``, the index and the per-type ``tables`` kept beside it are emptied first, and every word is new:
    the bounded per-word-type caches of the NER and POS state scores."""
    new = [w for w in dict.fromkeys(words) if w not in index]
    if new and len(index) + len(new) > limit:
        index.clear()
        for table in tables:
            table.clear()
        new = list(dict.fromkeys(words))
    return new


def store_rows(table: np.ndarray, start: int, rows: np.ndarray) -> np.ndarray:
    """``table`` with ``rows`` written from row ``start`` on; a new table of twice the size (or more) when they
    do not fit. The per-word-type score tables of the NER and POS state scores grow this way."""
    end = start + len(rows)
    if end > len(table):
        grown = np.zeros((max(2 * len(table), end), *table.shape[1:]), dtype=table.dtype)
        grown[:start] = table[:start]
        table = grown
    table[start:end] = rows
    return table


def sentence_positions(sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """For each token of the sentences laid end to end: how many tokens of its sentence come before it, and
    how many after it."""
    before = np.concatenate([np.arange(len(s)) for s in sentences])
    after = np.concatenate([np.arange(len(s))[::-1] for s in sentences])
    return before, after


def split_sentences(scores: np.ndarray, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
    """Rows of ``scores`` (the sentences' tokens end to end) cut back into one array per sentence."""
    out = []
    start = 0
    for s in sentences:
        out.append(scores[start:start + len(s)])
        start += len(s)
    return out


def export(crfsuite_path: str | Path, out_path: str | Path) -> CrfModel:
    """Convert a trained crfsuite model file into the shipped ``.npz`` decoder file (training time)."""
    model = CrfModel.from_crfsuite(crfsuite_path)
    model.save(out_path)
    return model


# --- crfsuite's binary model format (crf1d_model.c, cqdb.c) ---------------------------------

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


def _parse_crfsuite(data: bytes) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    (magic, _size, model_type, _version, _num_features, num_labels, num_attrs, off_features,
     off_labels, off_attrs, _off_labelrefs, _off_attrrefs) = _HEADER.unpack_from(data, 0)
    if magic != b"lCRF" or model_type != b"FOMC":
        raise ValueError("not a crfsuite CRF1d model")
    chunk, _chunk_size, count = struct.unpack_from("<4sII", data, off_features)
    if chunk != b"FEAT":
        raise ValueError("crfsuite model without a feature chunk")
    feats = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_features + 12)
    labels = _cqdb_strings(data, off_labels, num_labels)
    attributes = _cqdb_strings(data, off_attrs, num_attrs)
    weights = np.zeros((num_attrs, num_labels), dtype=np.float64)
    transitions = np.zeros((num_labels, num_labels), dtype=np.float64)
    state = feats[feats["type"] == 0]
    trans = feats[feats["type"] == 1]
    # np.add.at: a (src, dst) pair appears once in crfsuite's model; adding keeps that exact either way
    np.add.at(weights, (state["src"].astype(np.intp), state["dst"].astype(np.intp)), state["weight"])
    np.add.at(transitions, (trans["src"].astype(np.intp), trans["dst"].astype(np.intp)), trans["weight"])
    return labels, attributes, weights, transitions


def _cqdb_strings(data: bytes, offset: int, count: int) -> list[str]:
    """Strings of a constant quark database by id (its backward array points at each record: id,
    key size, key bytes with a closing NUL)."""
    magic, _size, _flag, _order, bwd_size, bwd_offset = struct.unpack_from("<4sIIIII", data, offset)
    if magic != b"CQDB":
        raise ValueError("crfsuite model with a damaged string table")
    n = min(count, bwd_size)
    refs = np.frombuffer(data, dtype="<u4", count=n, offset=offset + bwd_offset)
    out = []
    unpack = struct.unpack_from
    for ref in refs.tolist():
        _id, ksize = unpack("<II", data, offset + ref)
        start = offset + ref + 8
        out.append(data[start:start + ksize - 1].decode("utf-8"))
    return out
