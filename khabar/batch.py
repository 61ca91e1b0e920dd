"""Batch analysis of whole archives on Dask: from this machine to a cluster, resumable, exactly once.

How it works:

1. **Plan** (on the client): the inputs are listed and counted record by record, and cut into partitions of
   ``partition_size`` records: a partition is ``(input file, kind, first record, last record)``. The plan is a
   pure function of the inputs, so a rerun finds the same partitions.
2. **Run** (on the workers): each partition task reads its own records from the input file (inputs must be
   readable by every worker: a local disk for a local cluster, a shared file system for a real one), runs the
   pipeline — built **once per worker** by :class:`PipelinePlugin`, not per document — and writes its Parquet
   files atomically (write to a temporary name, then rename). A document whose analysis fails is recorded with
   its error in the ``documents`` table and does not fail its partition.
3. **Record**: a partition is finished when its marker ``_done/<partition>.json`` exists (written last, after
   its Parquet files). A rerun skips finished partitions. A task on a worker that dies is retried by Dask on
   another worker; since a partition's output names are deterministic and written by rename, a retried
   partition replaces, never duplicates.

Output layout (see ``docs/batch.md`` for the column schema)::

    OUT/documents/part-00000.parquet   one row per document: id, source, ..., document JSON, error
    OUT/entities/part-00000.parquet    one row per entity (doc_id, entity_id, label, name, roles, mentions)
    OUT/quotes/part-00000.parquet      one row per quote
    OUT/events/part-00000.parquet      one row per event
    OUT/_done/part-00000.json          the partition's marker: counts and timings
    OUT/_plan.json                     the partitions of this output folder
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import orjson
from distributed import WorkerPlugin

from khabar.errors import InputError, KhabarError

PLAN_FILE = "_plan.json"
DONE_DIR = "_done"
TABLES = ("documents", "entities", "quotes", "events")
PLUGIN_NAME = "khabar-pipeline"
# Dask settings of the local cluster ``run_batch`` starts. Every Dask server (scheduler, nannies, workers,
# client) checks its event loop every 20 ms and samples system metrics every 500 ms; with the workers'
# statistical profiler that took 5-10% of each worker's CPU beside the analysis, and a share of a core in
# the client process, on a machine whose every core runs a worker. These keep the checks, less often.
QUIET_CLUSTER = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.worker.profile.enabled": False,
}
# Environment of the local cluster's worker processes. Dask's nanny starts each worker with
# MALLOC_TRIM_THRESHOLD_=65536 (give freed memory back to the system early). Setting that threshold also pins
# glibc's mmap threshold at 128 KiB: every larger block the analysis allocates and frees (arrays, lists and
# strings of a whole article) becomes an mmap/munmap pair whose pages are faulted in and zeroed anew — 4-5x the
# page faults of a plain process (157-186 vs 33-38 per article) and 0.3-0.6 ms more system CPU per article.
# A worker's memory is the pipeline's (and its bounded per-type caches) plus one partition's tables, so glibc's
# defaults are kept; the other variables (one BLAS/OpenMP thread per worker) stay as Dask sets them.
WORKER_ENVIRON = {
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}
# Young-generation threshold of the cyclic garbage collector in a batch worker (Python's default is 700).
# The analysis leaves no reference cycles behind (everything is freed by reference counting), yet with the
# default every few hundred surviving allocations start a collection that walks the article's tokens and
# annotations again, and promotes them to the older generations that the next full collections walk too:
# ≈ 1.0-1.2 ms of CPU per article (about 5% of the analysis; 0.1 ms with this). See :class:`PipelinePlugin`.
BATCH_GC_THRESHOLD = (10_000, 50, 100)


# --------------------------------------------------------------------------------------------------
# Records: what one input file holds
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Record:
    """One document to analyze: its text and metadata (source, url, title, published...)."""

    id: str
    text: str
    meta: dict[str, Any]


def record_id(source: str, index: int, text: str) -> str:
    """A stable document id: where it came from and what it says."""
    digest = hashlib.sha1(f"{source}\x00{index}\x00{text}".encode("utf-8")).hexdigest()
    return digest[:20]


def input_kind(path: Path) -> str:
    """``jsonl`` and ``warc`` files hold many records; every other readable file holds one."""
    from khabar.ingest.sources import JSONL_SUFFIXES, WARC_SUFFIXES, suffix_of

    kind = suffix_of(path)
    if kind in JSONL_SUFFIXES:
        return "jsonl"
    if kind in WARC_SUFFIXES:
        return "warc"
    return "file"


def list_inputs(inputs: Sequence[str | os.PathLike]) -> list[Path]:
    """Expand files and folders into a sorted list of the input files khabar can read."""
    from khabar.ingest.sources import (FEED_SUFFIXES, HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES,
                                       WARC_SUFFIXES, suffix_of)

    readable = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*")
                                if f.is_file() and not f.name.startswith(".") and suffix_of(f) in readable))
        elif p.is_file():
            if suffix_of(p) in FEED_SUFFIXES:
                raise InputError(f"{p}: feeds are fetched by `khabar ingest`; batch reads local files only")
            files.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return files


def read_records(path: Path, kind: str, start: int = 0, stop: int | None = None) -> Iterator[Record | Exception]:
    """Records ``start..stop`` of one input file, read exactly as ``khabar ingest`` reads them
    (:class:`khabar.ingest.sources.SourceReader`). A record that cannot be read is yielded as an
    :class:`InputError`, so that the caller records it as a failed document instead of failing the
    whole partition."""
    from khabar.ingest.article import Failure
    from khabar.ingest.sources import SourceReader

    items = SourceReader().read_file(path, start, stop)  # a JSONL partition parses only its own lines
    for index, item in enumerate(items, start=start):
        if isinstance(item, Failure):
            yield InputError(f"{item.origin}: {item.reason}")
            continue
        meta = item.meta()
        meta.setdefault("source", str(path))
        text = item.text
        yield Record(record_id(str(path), index, text), text, meta)


def count_records(path: Path, kind: str) -> int:
    """How many records (articles or failures) ``read_records`` yields for the file."""
    return len(record_weights(path, kind))


def record_weights(path: Path, kind: str) -> list[int]:
    """The amount of work of each record ``read_records`` yields, as far as it is known without reading the
    records: the byte length of each JSON line (analysis time grows with the text), 1 for the others."""
    if kind == "jsonl":
        import gzip

        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as fh:
            return [len(line) for line in fh if line.strip()]
    if kind == "warc":
        from khabar.ingest.sources import SourceReader

        return [1 for _ in SourceReader().read_warc(path)]
    return [1]


def balanced_cuts(weights: Sequence[int], limit: int) -> list[int]:
    """Cut points ``[0, ..., len(weights)]`` into the fewest parts of at most ``limit`` records, with about
    equal total weight each (so that the workers finish together instead of waiting for the heaviest part).

    >>> balanced_cuts([1] * 10, 5)
    [0, 5, 10]
    >>> balanced_cuts([9, 1, 1, 1, 1, 1, 1, 1, 1, 1], 9)
    [0, 1, 10]
    >>> balanced_cuts([3, 1, 1, 1, 1, 1], 4)
    [0, 2, 6]
    """
    from bisect import bisect_left
    from itertools import accumulate

    n = len(weights)
    parts = -(-n // limit)
    if parts <= 1:
        return [0, n]
    cumulative = list(accumulate(weights))
    total = cumulative[-1]
    cuts = [0]
    for j in range(1, parts):
        target = total * j / parts
        cut = bisect_left(cumulative, target) + 1  # the first prefix that reaches the target...
        if cut - 1 > cuts[-1] and target - cumulative[cut - 2] < cumulative[cut - 1] - target:
            cut -= 1  # ...or the one just short of it, when closer
        low = max(cuts[-1] + 1, n - (parts - j) * limit)  # what is left must still fit
        high = min(cuts[-1] + limit, n - (parts - j))
        cuts.append(min(max(cut, low), high))
    cuts.append(n)
    return cuts


# --------------------------------------------------------------------------------------------------
# Planning
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Partition:
    name: str
    path: str
    kind: str
    start: int
    stop: int


def plan_partitions(files: Sequence[Path], partition_size: int) -> list[Partition]:
    """Cut the inputs into partitions of at most ``partition_size`` records: a file of many records into the
    fewest partitions that fit, of about equal text size (:func:`balanced_cuts`). Small files (one record
    each, as plain-text articles are) are grouped so that a partition is never tiny."""
    if partition_size < 1:
        raise KhabarError("partition size must be at least 1")
    parts: list[Partition] = []
    for path in files:
        kind = input_kind(path)
        cuts = balanced_cuts(record_weights(path, kind), partition_size)
        for start, stop in zip(cuts, cuts[1:]):
            if stop > start:
                parts.append(Partition("", str(path), kind, start, stop))
    # Group single-record text files into multi-file partitions.
    grouped: list[list[Partition]] = []
    current: list[Partition] = []
    current_size = 0
    for part in parts:
        size = part.stop - part.start
        if current and current_size + size > partition_size:
            grouped.append(current)
            current, current_size = [], 0
        current.append(part)
        current_size += size
    if current:
        grouped.append(current)
    plan = []
    for i, group in enumerate(grouped):
        for part in group:
            plan.append(Partition(f"part-{i:05d}", part.path, part.kind, part.start, part.stop))
    return plan


def group_plan(plan: Sequence[Partition]) -> dict[str, list[Partition]]:
    out: dict[str, list[Partition]] = {}
    for part in plan:
        out.setdefault(part.name, []).append(part)
    return out


# --------------------------------------------------------------------------------------------------
# Rows: a document as Parquet rows
# --------------------------------------------------------------------------------------------------
_DOCUMENT_COLUMNS = ("id", "source", "url", "title", "published", "text", "n_sentences", "n_tokens", "topic",
                     "document", "error")
_ENTITY_COLUMNS = ("doc_id", "entity_id", "label", "name", "roles", "n_mentions", "mentions")
_QUOTE_COLUMNS = ("doc_id", "index", "speaker", "speaker_text", "cue", "content", "start", "end", "direct")
_EVENT_COLUMNS = ("doc_id", "index", "type", "cameo", "actors", "targets", "time_text", "time_date", "start", "end")


def _json(value: Any) -> str:
    """Compact JSON (orjson: several times faster than ``json.dumps`` on a whole document, same data)."""
    return orjson.dumps(value, default=_json_default, option=orjson.OPT_SERIALIZE_NUMPY).decode("utf-8")


def _json_default(value: Any) -> Any:
    """What ``json.dumps`` also accepts: subclasses of float and int (e.g. a numpy score)."""
    if isinstance(value, float):
        return float(value)
    if isinstance(value, int):
        return int(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class PartitionTables:
    """A partition's four tables, filled column by column as documents come (no per-row dicts), and turned
    into Arrow tables once at the end. Per document this is a few list appends and one JSON encoding."""

    def __init__(self) -> None:
        self.columns: dict[str, dict[str, list[Any]]] = {
            "documents": {c: [] for c in _DOCUMENT_COLUMNS},
            "entities": {c: [] for c in _ENTITY_COLUMNS},
            "quotes": {c: [] for c in _QUOTE_COLUMNS},
            "events": {c: [] for c in _EVENT_COLUMNS},
        }

    def add_document(self, doc_id: str, doc_dict: dict[str, Any]) -> None:
        """Add an analyzed document's rows. Raises (adding nothing) when it cannot be serialized."""
        meta = doc_dict.get("meta", {})
        topic = doc_dict.get("topic") or {}
        published = meta.get("published")
        document = _json(doc_dict)
        entity_rows = [(doc_id, ent["id"], ent["label"], ent["name"], list(ent.get("roles", [])),
                        len(ent.get("mentions", [])), _json(ent.get("mentions", [])))
                       for ent in doc_dict.get("entities", [])]
        self._append("documents", (doc_id, meta.get("source"), meta.get("url"), meta.get("title"),
                                   None if published is None else str(published), doc_dict.get("text"),
                                   len(doc_dict.get("sentences", [])), len(doc_dict.get("tokens", [])),
                                   topic.get("label"), document, None))
        for row in entity_rows:
            self._append("entities", row)
        for i, q in enumerate(doc_dict.get("quotes", [])):
            self._append("quotes", (doc_id, i, q.get("speaker"), q.get("speaker_text"), q.get("cue"),
                                    q.get("content"), q.get("start"), q.get("end"), bool(q.get("direct"))))
        for i, e in enumerate(doc_dict.get("events", [])):
            t = e.get("time") or {}
            self._append("events", (doc_id, i, e.get("type"), e.get("cameo"), list(e.get("actors", [])),
                                    list(e.get("targets", [])), t.get("text"), t.get("date"), e.get("start"),
                                    e.get("end")))

    def add_failure(self, doc_id: str, source: str, error: str, meta: dict[str, Any] | None = None) -> None:
        row = failure_row(doc_id, source, error, meta)
        self._append("documents", tuple(row[c] for c in _DOCUMENT_COLUMNS))

    def _append(self, table: str, values: Sequence[Any]) -> None:
        for column, value in zip(self.columns[table].values(), values):
            column.append(value)

    def to_arrow(self) -> dict[str, Any]:
        import pyarrow as pa

        schemas = _schemas()
        return {table: pa.Table.from_pydict(columns, schema=schemas[table])
                for table, columns in self.columns.items()}


def document_rows(doc_id: str, doc_dict: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """One document's rows of the four tables, as dicts (the same values :class:`PartitionTables` stores)."""
    tables = PartitionTables()
    tables.add_document(doc_id, doc_dict)
    return {table: [dict(zip(columns, row)) for row in zip(*columns.values())]
            for table, columns in tables.columns.items()}


def failure_row(doc_id: str, source: str, error: str, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    meta = meta or {}
    return {"id": doc_id, "source": source, "url": meta.get("url"), "title": meta.get("title"),
            "published": None if meta.get("published") is None else str(meta.get("published")), "text": None,
            "n_sentences": 0, "n_tokens": 0, "topic": None, "document": None, "error": error}


def _schemas():
    import pyarrow as pa

    s = pa.string()
    return {
        "documents": pa.schema([("id", s), ("source", s), ("url", s), ("title", s), ("published", s), ("text", s),
                                ("n_sentences", pa.int32()), ("n_tokens", pa.int32()), ("topic", s),
                                ("document", s), ("error", s)]),
        "entities": pa.schema([("doc_id", s), ("entity_id", s), ("label", s), ("name", s),
                               ("roles", pa.list_(s)), ("n_mentions", pa.int32()), ("mentions", s)]),
        "quotes": pa.schema([("doc_id", s), ("index", pa.int32()), ("speaker", s), ("speaker_text", s), ("cue", s),
                             ("content", s), ("start", pa.int64()), ("end", pa.int64()), ("direct", pa.bool_())]),
        "events": pa.schema([("doc_id", s), ("index", pa.int32()), ("type", s), ("cameo", s),
                             ("actors", pa.list_(s)), ("targets", pa.list_(s)), ("time_text", s), ("time_date", s),
                             ("start", pa.int64()), ("end", pa.int64())]),
    }


def _write_atomically(table, path: Path) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def _write_json_atomically(obj: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


# --------------------------------------------------------------------------------------------------
# The work of one partition (runs on a worker)
# --------------------------------------------------------------------------------------------------
class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin that builds the khabar pipeline once per worker process.

    With ``profile=False`` (khabar's default) it also stops the worker's statistical profiler: every 10 ms
    Dask's event loop takes the GIL from the task thread and walks its (deep) Python stack, which costs a
    few percent of each worker's core during hour-long analysis tasks whose profile nobody reads. The
    rest of the worker (heartbeats, memory monitor) is left as it is.

    With ``tune_gc=True`` (the default) the worker's garbage collector is set for long analysis tasks once
    the pipeline is built: the objects alive then (the models, lexicons, the modules) are moved out of the
    collector's sight with ``gc.freeze()`` — they live as long as the worker, and a full collection no longer
    walks them — and the young-generation threshold is raised to :data:`BATCH_GC_THRESHOLD`, so that an
    article's short-lived objects are freed by reference counting before a collection walks them. The
    analysis creates no reference cycles, so memory does not grow for it; ``teardown`` puts both back.
    This is done in the worker, which khabar owns for the run, and not in :func:`khabar.load`, which runs in
    the caller's process where freezing would keep the caller's own cyclic garbage alive forever. The
    writer's Parquet modules are imported here too, so that the first partition does not pay for it."""

    name = PLUGIN_NAME

    def __init__(self, stages: Sequence[str] | None = None, *, profile: bool = False, tune_gc: bool = True) -> None:
        self.stages = list(stages) if stages else None
        self.profile = profile
        self.tune_gc = tune_gc
        self.nlp = None
        self._gc_threshold: tuple[int, int, int] | None = None

    def setup(self, worker=None) -> None:
        import khabar

        if worker is not None and not self.profile:
            callbacks = getattr(worker, "periodic_callbacks", {})
            for name in ("profile", "profile-cycle"):
                callback = callbacks.pop(name, None)  # removed, so that a (re)starting worker does not restart it
                if callback is not None:
                    callback.stop()
        self.nlp = khabar.load(self.stages)
        import pyarrow.parquet  # noqa: F401  (the partitions' writer)

        if self.tune_gc and self._gc_threshold is None:
            gc.collect()
            gc.freeze()
            self._gc_threshold = gc.get_threshold()
            gc.set_threshold(*BATCH_GC_THRESHOLD)

    def teardown(self, worker=None) -> None:
        self.nlp = None
        if self._gc_threshold is not None:
            gc.set_threshold(*self._gc_threshold)
            gc.unfreeze()
            self._gc_threshold = None


def _worker_pipeline(stages: Sequence[str] | None):
    """The pipeline of the worker this runs on (or a fresh one outside Dask)."""
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):
        import khabar

        return khabar.load(stages)
    plugin = worker.plugins.get(PLUGIN_NAME)
    if plugin is None or plugin.nlp is None:
        # The plugin is registered before any task is submitted; this guards direct calls.
        plugin = PipelinePlugin(stages)
        plugin.setup(worker)
        worker.plugins[PLUGIN_NAME] = plugin
    return plugin.nlp


class GcClock:
    """CPU time the cyclic garbage collector takes while the ``with`` block runs (``seconds``), and how many
    collections of each generation it made (``collections``): a pair of ``gc.callbacks``, a few microseconds
    per collection."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = [0, 0, 0]
        self._started = 0.0

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.thread_time()
        else:
            self.seconds += time.thread_time() - self._started
            self.collections[info["generation"]] += 1

    def __enter__(self) -> "GcClock":
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self._callback)


def process_partition(name: str, parts: Sequence[Partition], out_dir: str,
                      stages: Sequence[str] | None = None) -> dict[str, Any]:
    """Analyze one partition and write its Parquet files and marker. Returns the marker's content."""
    with GcClock() as gc_clock:
        marker = _process_partition(name, parts, out_dir, stages)
    marker["gc_cpu_seconds"] = round(gc_clock.seconds, 4)
    marker["gc_collections"] = gc_clock.collections
    _write_json_atomically(marker, Path(out_dir) / DONE_DIR / f"{name}.json")
    return marker


def _process_partition(name: str, parts: Sequence[Partition], out_dir: str,
                       stages: Sequence[str] | None) -> dict[str, Any]:
    """The work of :func:`process_partition`: read, analyze, write the tables; the marker is written by it."""
    started = time.perf_counter()
    task_cpu, worker_cpu = time.thread_time(), time.process_time()
    nlp = _worker_pipeline(stages)
    tables = PartitionTables()
    seen: set[str] = set()
    n_docs = n_failed = n_words = 0
    for part in parts:
        for index, item in enumerate(read_records(Path(part.path), part.kind, part.start, part.stop),
                                     start=part.start):
            if isinstance(item, Exception):
                tables.add_failure(record_id(part.path, index, ""), part.path, f"{type(item).__name__}: {item}")
                n_failed += 1
                continue
            if item.id in seen:
                continue
            seen.add(item.id)
            try:
                d = nlp(item.text, dict(item.meta)).to_dict()
                tables.add_document(item.id, d)
            except Exception as err:  # a failed document must not fail its partition
                tables.add_failure(item.id, part.path, f"{type(err).__name__}: {err}", item.meta)
                n_failed += 1
                continue
            n_docs += 1
            n_words += len(d["tokens"])
    out = Path(out_dir)
    for table, arrow_table in tables.to_arrow().items():
        _write_atomically(arrow_table, out / table / f"{name}.parquet")
    compute_seconds = time.perf_counter() - started  # the task's own work: read, analyze, write
    # CPU of this task's thread, and of the whole worker process meanwhile (the difference is what the
    # worker's other threads, e.g. its event loop, took)
    task_cpu, worker_cpu = time.thread_time() - task_cpu, time.process_time() - worker_cpu
    marker = {"partition": name, "documents": n_docs, "failed": n_failed, "tokens": n_words,
              "compute_seconds": round(compute_seconds, 4), "task_cpu_seconds": round(task_cpu, 4),
              "worker_cpu_seconds": round(worker_cpu, 4), "pid": os.getpid(),
              "inputs": [asdict(p) for p in parts]}
    return marker


# --------------------------------------------------------------------------------------------------
# The driver
# --------------------------------------------------------------------------------------------------
@dataclass
class BatchSummary:
    partitions: int = 0
    skipped: int = 0
    documents: int = 0
    failed: int = 0
    tokens: int = 0
    seconds: float = 0.0
    compute_seconds: float = 0.0
    task_cpu_seconds: float = 0.0
    worker_cpu_seconds: float = 0.0
    gc_cpu_seconds: float = 0.0
    client_cpu_seconds: float = 0.0  # this process (client; scheduler and nannies of a local cluster) meanwhile
    workers: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def scheduling_overhead(self) -> float:
        """Share of worker time not spent analyzing: 1 - compute / (workers × wall time)."""
        if not self.seconds or not self.workers:
            return 0.0
        return max(0.0, 1.0 - self.compute_seconds / (self.workers * self.seconds))

    @property
    def worker_side_cpu(self) -> float:
        """Share of the workers' CPU during tasks not spent by the tasks' threads (Dask's own threads)."""
        if not self.worker_cpu_seconds:
            return 0.0
        return max(0.0, 1.0 - self.task_cpu_seconds / self.worker_cpu_seconds)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["documents_per_second"] = round(self.documents_per_second, 2)
        out["scheduling_overhead"] = round(self.scheduling_overhead, 4)
        out["worker_side_cpu"] = round(self.worker_side_cpu, 4)
        out["task_cpu_seconds"] = round(self.task_cpu_seconds, 2)
        out["worker_cpu_seconds"] = round(self.worker_cpu_seconds, 2)
        out["gc_cpu_seconds"] = round(self.gc_cpu_seconds, 3)
        out["client_cpu_seconds"] = round(self.client_cpu_seconds, 3)
        return out


def finished_partitions(out_dir: Path) -> set[str]:
    done = out_dir / DONE_DIR
    if not done.is_dir():
        return set()
    return {p.stem for p in done.glob("*.json")}


def load_plan(out_dir: Path, files: Sequence[Path], partition_size: int) -> list[Partition]:
    """The saved plan when it was made from the same inputs and size, else a new one (saved)."""
    plan_path = out_dir / PLAN_FILE
    key = {"inputs": [str(f) for f in files], "partition_size": partition_size}
    if plan_path.exists():
        saved = json.loads(plan_path.read_text(encoding="utf-8"))
        if saved.get("key") == key:
            return [Partition(**p) for p in saved["partitions"]]
        if finished_partitions(out_dir):
            raise KhabarError(
                f"{out_dir} holds results of a batch over other inputs or another partition size; "
                "use a new --out folder (or delete it) to start over")
    plan = plan_partitions(files, partition_size)
    _write_json_atomically({"key": key, "partitions": [asdict(p) for p in plan]}, plan_path)
    return plan


def run_batch(inputs: Sequence[str | os.PathLike], out_dir: str | os.PathLike, *,
              scheduler: str | None = None, workers: int = 2, threads_per_worker: int = 1,
              partition_size: int = 1000, stages: Sequence[str] | None = None,
              progress: Callable[[dict[str, Any]], None] | None = None, client=None,
              quiet_workers: bool = True, tune_workers: bool = True) -> BatchSummary:
    """Analyze ``inputs`` into Parquet partitions under ``out_dir`` on Dask; resumable.

    Without ``scheduler`` (and ``client``) a local cluster of ``workers`` processes is started and stopped.
    ``progress`` is called with each finished partition's marker. ``quiet_workers`` (default) starts the local
    cluster with :data:`QUIET_CLUSTER` and stops the workers' statistical profiler (:class:`PipelinePlugin`);
    ``False`` keeps Dask's defaults. ``tune_workers`` (default) sets the workers' garbage collector for long
    tasks (:class:`PipelinePlugin`, ``tune_gc``) and starts the local cluster's workers with glibc's default
    memory settings (:data:`WORKER_ENVIRON`); ``False`` leaves both as Dask has them (for comparison)."""
    from distributed import Client, LocalCluster, as_completed

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = list_inputs(inputs)
    plan = load_plan(out, files, partition_size)
    groups = group_plan(plan)
    done = finished_partitions(out)
    todo = {name: parts for name, parts in groups.items() if name not in done}
    summary = BatchSummary(partitions=len(groups), skipped=len(groups) - len(todo))

    own_cluster = None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            import dask

            settings = {**(QUIET_CLUSTER if quiet_workers else {}), **(WORKER_ENVIRON if tune_workers else {})}
            with dask.config.set(settings):  # read by every server as it starts
                own_cluster = LocalCluster(n_workers=workers, threads_per_worker=threads_per_worker,
                                           processes=True, dashboard_address=None, silence_logs=40)
                client = Client(own_cluster)
    try:
        client.register_plugin(PipelinePlugin(stages, profile=not quiet_workers, tune_gc=tune_workers),
                               name=PLUGIN_NAME)
        summary.workers = max(1, len(client.scheduler_info().get("workers", {})))
        started, client_cpu = time.perf_counter(), time.process_time()
        futures = [client.submit(process_partition, name, parts, str(out.resolve()), stages,
                                 key=f"khabar-{name}-{out.resolve()}", pure=False)
                   for name, parts in todo.items()]
        for future in as_completed(futures):
            marker = future.result()
            summary.documents += marker["documents"]
            summary.failed += marker["failed"]
            summary.tokens += marker["tokens"]
            summary.compute_seconds += marker["compute_seconds"]
            summary.task_cpu_seconds += marker.get("task_cpu_seconds", 0.0)
            summary.worker_cpu_seconds += marker.get("worker_cpu_seconds", 0.0)
            summary.gc_cpu_seconds += marker.get("gc_cpu_seconds", 0.0)
            if progress:
                progress(marker)
        summary.seconds = time.perf_counter() - started
        summary.client_cpu_seconds = time.process_time() - client_cpu
    finally:
        if own_cluster is not None:
            client.close()
            own_cluster.close()
    summary.failures = read_failures(out)
    return summary


def read_failures(out_dir: Path, limit: int = 1000) -> list[dict[str, str]]:
    import pyarrow.parquet as pq

    failures: list[dict[str, str]] = []
    for path in sorted((Path(out_dir) / "documents").glob("part-*.parquet")):
        table = pq.read_table(path, columns=["id", "source", "error"])
        for row in table.to_pylist():
            if row["error"]:
                failures.append(row)
                if len(failures) >= limit:
                    return failures
    return failures


def read_documents(out_dir: str | os.PathLike) -> list[dict[str, Any]]:
    """Every analyzed document of a batch output, as ``khabar.document/1`` dicts (failures left out)."""
    import pyarrow.parquet as pq

    docs = []
    for path in sorted((Path(out_dir) / "documents").glob("part-*.parquet")):
        for row in pq.read_table(path, columns=["id", "document"]).to_pylist():
            if row["document"] is not None:
                d = json.loads(row["document"])
                d.setdefault("meta", {})["id"] = row["id"]
                docs.append(d)
    return docs
