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
are the default) for comparison.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import khabar  # noqa: E402
from khabar.batch import PartitionTables, _write_atomically, read_records, run_batch  # noqa: E402
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
    """CPU milliseconds per document of what a batch task does besides analysis: rows, JSON, Arrow, files."""
    t0 = time.process_time()
    tables = PartitionTables()
    for doc_id, d in docs:
        tables.add_document(doc_id, d)
    for table, arrow_table in tables.to_arrow().items():
        _write_atomically(arrow_table, folder / table / "part-00000.parquet")
    return (time.process_time() - t0) * 1000 / max(1, len(docs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--partition-size", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dask-defaults", action="store_true",
                    help="Dask's default cluster settings (event-loop checks, monitors, profiler) instead of khabar's")
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
        t0, cpu0 = time.perf_counter(), time.process_time()
        for r in sample:
            d = nlp(r.text, dict(r.meta)).to_dict()
            if len(kept) < 200:
                kept.append((r.id, d))
        single = len(sample) / (time.perf_counter() - t0)
        single_cpu_ms = (time.process_time() - cpu0) * 1000 / len(sample)
        output_ms = task_output_ms(kept, work / "output-cost")
        del kept

        t0 = time.perf_counter()
        summary = run_batch([src], work / "out", workers=args.workers, partition_size=args.partition_size,
                            quiet_workers=not args.dask_defaults)
        wall_with_startup = time.perf_counter() - t0
        result = {
            "articles": args.articles,
            "partition_size": args.partition_size,
            "workers": args.workers,
            "single_process_docs_per_s": round(single, 1),
            "batch_docs_per_s": round(summary.documents_per_second, 1),
            "batch_docs_per_s_with_cluster_startup": round(summary.documents / wall_with_startup, 1),
            "speedup": round(summary.documents_per_second / single, 2),
            "scheduling_overhead": round(summary.scheduling_overhead, 4),
            "worker_side_cpu": round(summary.worker_side_cpu, 4),
            "dask_defaults": args.dask_defaults,
            "single_ms_per_doc": round(1000 / single, 2),
            # CPU per document: one process vs the workers' processes (tasks and Dask's threads); their ratio
            # is what a second core can give at most, whatever else runs on the machine
            "single_cpu_ms_per_doc": round(single_cpu_ms, 2),
            "worker_cpu_ms_per_doc": round(summary.worker_cpu_seconds * 1000 / max(1, summary.documents), 2),
            "task_output_ms_per_doc": round(output_ms, 2),
            "failed": summary.failed,
        }
        print(json.dumps(result, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
