"""``khabar batch INPUT... --out DIR``: analyze whole archives on Dask (local cluster or an existing one)."""
from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch", help="analyze many documents on a Dask cluster into Parquet (and a store)",
        description="Analyze text files, JSON Lines, HTML and WARC files on Dask. Without --scheduler a local "
                    "cluster of --workers processes is started. Finished partitions are recorded in the output "
                    "folder; a rerun skips them.")
    p.add_argument("inputs", nargs="+", help="files or folders (.txt, .jsonl, .html, .warc[.gz])")
    p.add_argument("--out", required=True, help="output folder for Parquet partitions")
    p.add_argument("--db", help="also load the analyzed documents into this store (SQLite path or postgresql:// URL)")
    p.add_argument("--scheduler", help="address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster (default 2)")
    p.add_argument("--partition-size", type=int, default=1000, help="records per partition (default 1000)")
    p.add_argument("--stages", help="comma-separated pipeline stages (default: the full pipeline)")
    p.add_argument("--json", action="store_true", help="print the final summary as JSON")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from khabar.batch import run_batch

    stages = args.stages.split(",") if args.stages else None
    with Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TextColumn("partitions"),
                  TimeRemainingColumn(), transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("partitions", total=None)

        def progress(marker):
            bar.advance(task)

        summary = run_batch(args.inputs, args.out, scheduler=args.scheduler, workers=args.workers,
                            partition_size=args.partition_size, stages=stages, progress=progress)
    if args.db:
        from khabar.batch_store import load_into_store

        summary_db = load_into_store(args.out, args.db)
    else:
        summary_db = None
    if args.json:
        out = summary.to_dict()
        if summary_db is not None:
            out["store"] = summary_db
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(f"partitions: {summary.partitions} ({summary.skipped} already done)")
        print(f"documents: {summary.documents} analyzed, {summary.failed} failed, "
              f"{summary.documents_per_second:.1f} documents/s on {summary.workers} workers "
              f"(scheduling overhead {summary.scheduling_overhead:.1%})")
        for f in summary.failures[:20]:
            print(f"  failed: {f['source']}: {f['error']}")
        if summary_db is not None:
            print(f"store: {summary_db}")
    return 1 if summary.failed and not summary.documents else 0
