"""Batch scaling: one process vs a local Dask cluster of N worker processes, on real articles.

    python bench/bench_batch.py [--articles 2000] [--partition-size 1000] [--workers 2]

Measures, in one run over the same JSONL input (real Fars + Varzesh3 articles, repeated to reach
``--articles``):
  * single-process throughput: ``khabar.load()`` then ``nlp(text)`` over the same articles, in this process;
  * ``run_batch`` on a local cluster of ``--workers`` processes (1 thread each), Parquet output included;
and prints documents/s, the speed-up, the scheduling overhead (1 - compute / (workers × wall)), the share of
the workers' CPU taken by Dask's own threads during tasks (``worker_side_cpu``), and the cost of a task's
output per document (``task_output_ms_per_doc``: Parquet rows, JSON, Arrow tables and files, measured in this
process on the first 200 analyzed documents, against ``single_ms_per_doc`` for the analysis itself).
``--dask-defaults`` runs the cluster with Dask's default settings (khabar's ``QUIET_CLUSTER`` and profiler off
are the default) for comparison; ``--untuned`` runs it without khabar's worker tuning (garbage collector set
for long tasks, glibc's memory defaults: ``run_batch(tune_workers=False)``). ``--compare`` runs the batch twice
in the same run, tuned and untuned (order alternating with ``--compare-first untuned``), and prints both.
``--bare-pair`` also runs two bare processes (no Dask) that each build a pipeline and analyze half the
articles at the same time: the speed-up no Dask setup can beat on this machine.

CPU figures per document (``*_cpu_ms_per_doc``, ``*_gc_ms_per_doc``) hold whatever else runs on the machine;
wall-clock speed-ups need an idle machine.
"""
from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import khabar  # noqa: E402
from khabar.batch import GcClock, PartitionTables, _write_atomically, read_records, run_batch  # noqa: E402
from khabar.datasets import data_file  # noqa: E402


def build_input(path: Path, n: int) -> None:
    sources = [data_file("farsnews-lmcourse", "train.jsonl"), data_file("varzesh3-lmcourse", "train.jsonl")]
    lines = []
    for src in sources:
        lines.extend(src.read_text(encoding="utf-8").splitlines())
    random.Random(20261129).shuffle(lines)  # a real archive mixes long and short articles
    out = []
    for i, line in enumerate(itertools.islice(itertools.cycle(lines), n)):
        obj = json.loads(line)
        obj["link"] = f"{obj.get('link', '')}#copy{i}"  # distinct documents
        out.append(json.dumps(obj, ensure_ascii=False))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def task_output_ms(docs: list[tuple[str, dict]], folder: Path) -> float:
    """CPU milliseconds per document of what a batch task does besides analysis: rows, JSON, Arrow, files.
    Measured on a second round over the same documents, as in a worker's later partitions: the first round
    also pays pyarrow's first use and faults in fresh memory for the tables (0.5-1.3 ms per document more,
    once per worker; a worker imports pyarrow at start-up)."""
    _write_tables(docs, folder / "warm-up")
    t0 = time.process_time()
    _write_tables(docs, folder)
    return (time.process_time() - t0) * 1000 / max(1, len(docs))


def _write_tables(docs: list[tuple[str, dict]], folder: Path) -> None:
    tables = PartitionTables()
    for doc_id, d in docs:
        tables.add_document(doc_id, d)
    for table, arrow_table in tables.to_arrow().items():
        _write_atomically(arrow_table, folder / table / "part-00000.parquet")


def _bare_worker(src: str, start: int, stop: int, barrier, results) -> None:
    """One bare process: build a pipeline, wait for the other, analyze records ``start..stop``."""
    nlp = khabar.load()
    records = list(read_records(Path(src), "jsonl", start, stop))
    nlp(records[0].text)  # warm up, as the single-process run does
    barrier.wait()
    t0, cpu0 = time.perf_counter(), time.process_time()
    for r in records:
        nlp(r.text, dict(r.meta)).to_dict()
    results.put((time.perf_counter() - t0, time.process_time() - cpu0, len(records)))


def bare_pair(src: Path, n: int) -> dict:
    """Two bare processes (spawned, no Dask) analyzing the two halves of the articles at the same time."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_bare_worker, args=(str(src), a, b, barrier, results))
             for a, b in ((0, n // 2), (n // 2, n))]
    for proc in procs:
        proc.start()
    out = [results.get() for _ in procs]
    for proc in procs:
        proc.join()
    return {"docs_per_s": sum(k for _, _, k in out) / max(w for w, _, _ in out),
            "cpu_ms_per_doc": sum(c for _, c, _ in out) * 1000 / sum(k for _, _, k in out)}


def batch_figures(summary, single: float, wall_with_startup: float) -> dict:
    docs = max(1, summary.documents)
    return {
        "batch_docs_per_s": round(summary.documents_per_second, 1),
        "batch_docs_per_s_with_cluster_startup": round(summary.documents / wall_with_startup, 1),
        "speedup": round(summary.documents_per_second / single, 2),
        "scheduling_overhead": round(summary.scheduling_overhead, 4),
        "worker_side_cpu": round(summary.worker_side_cpu, 4),
        "worker_cpu_ms_per_doc": round(summary.worker_cpu_seconds * 1000 / docs, 2),
        "worker_gc_ms_per_doc": round(summary.gc_cpu_seconds * 1000 / docs, 3),
        # CPU of this process (client, scheduler, nannies) while the tasks ran, per document: what it took
        # from the workers' cores
        "client_cpu_ms_per_doc": round(summary.client_cpu_seconds * 1000 / docs, 2),
        "failed": summary.failed,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--partition-size", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dask-defaults", action="store_true",
                    help="Dask's default cluster settings (event-loop checks, monitors, profiler) instead of khabar's")
    ap.add_argument("--untuned", action="store_true",
                    help="workers without khabar's tuning (garbage collector, memory settings)")
    ap.add_argument("--compare", action="store_true", help="run the batch tuned and untuned in the same run")
    ap.add_argument("--compare-first", choices=("tuned", "untuned"), default="tuned")
    ap.add_argument("--bare-pair", action="store_true",
                    help="also two bare processes (no Dask) analyzing half the articles each at the same time")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="khabar-bench-batch-"))
    try:
        src = work / "articles.jsonl"
        build_input(src, args.articles)
        records = list(read_records(src, "jsonl"))

        nlp = khabar.load()
        nlp(records[0].text)  # warm up
        sample = records  # the same documents as the batch run
        kept = []
        with GcClock() as gc_clock:
            t0, cpu0 = time.perf_counter(), time.process_time()
            for r in sample:
                d = nlp(r.text, dict(r.meta)).to_dict()
                if len(kept) < 200:
                    kept.append((r.id, d))
            single = len(sample) / (time.perf_counter() - t0)
            single_cpu_ms = (time.process_time() - cpu0) * 1000 / len(sample)
        output_ms = task_output_ms(kept, work / "output-cost")
        del kept, nlp

        result = {
            "articles": args.articles,
            "partition_size": args.partition_size,
            "workers": args.workers,
            "dask_defaults": args.dask_defaults,
            "single_process_docs_per_s": round(single, 1),
            "single_ms_per_doc": round(1000 / single, 2),
            # CPU per document: one process vs the workers' processes (tasks and Dask's threads); their ratio
            # is what a second core can give at most, whatever else runs on the machine
            "single_cpu_ms_per_doc": round(single_cpu_ms, 2),
            "single_gc_ms_per_doc": round(gc_clock.seconds * 1000 / len(sample), 3),
            "task_output_ms_per_doc": round(output_ms, 2),
        }
        if args.compare:
            variants = ["tuned", "untuned"] if args.compare_first == "tuned" else ["untuned", "tuned"]
        else:
            variants = ["untuned" if args.untuned else "tuned"]
        for i, variant in enumerate(variants):
            t0 = time.perf_counter()
            summary = run_batch([src], work / f"out-{i}", workers=args.workers, partition_size=args.partition_size,
                                quiet_workers=not args.dask_defaults, tune_workers=variant == "tuned")
            figures = batch_figures(summary, single, time.perf_counter() - t0)
            if args.compare:
                result[variant] = figures
            else:
                result["tuned_workers"] = variant == "tuned"
                result.update(figures)
        if args.bare_pair:
            pair = bare_pair(src, args.articles)
            result["bare_pair_docs_per_s"] = round(pair["docs_per_s"], 1)
            result["bare_pair_speedup"] = round(pair["docs_per_s"] / single, 2)
            result["bare_pair_cpu_ms_per_doc"] = round(pair["cpu_ms_per_doc"], 2)
        print(json.dumps(result, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
