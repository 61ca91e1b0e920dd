"""Batch analysis on a real local Dask cluster (2 worker processes) over real Fars articles."""
from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import khabar
from khabar.batch import (BATCH_GC_THRESHOLD, DONE_DIR, GcClock, PipelinePlugin, balanced_cuts, finished_partitions,
                          plan_partitions, read_documents, read_failures, read_records, run_batch)

N_ARTICLES = 240
STAGES = None  # the full pipeline, as `khabar analyze` runs it


@pytest.fixture(scope="module")
def articles(shared_data, tmp_path_factory) -> Path:
    """A JSONL file of real Fars articles (a copy made for the test, in a temporary folder)."""
    folder = tmp_path_factory.mktemp("batch-in")
    src = shared_data / "farsnews-lmcourse" / "train.jsonl"
    with open(src, encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, N_ARTICLES))
    path = folder / "fars.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as lc, Client(lc) as client:
        yield client


def test_batch_plan_cuts_inputs_into_partitions(articles, tmp_path):
    (tmp_path / "a.txt").write_text("یک", encoding="utf-8")
    (tmp_path / "b.txt").write_text("دو", encoding="utf-8")
    plan = plan_partitions([articles, tmp_path / "a.txt", tmp_path / "b.txt"], 100)
    names = sorted({p.name for p in plan})
    assert names == ["part-00000", "part-00001", "part-00002"]
    # 240 articles: the fewest partitions of at most 100 (three), covering every article once
    ranges = [(p.start, p.stop) for p in plan if p.kind == "jsonl"]
    assert ranges[0][0] == 0 and ranges[-1][1] == N_ARTICLES
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    assert all(0 < stop - start <= 100 for start, stop in ranges)
    # of about equal text size: no two differ by more than one (the longest) article
    sizes = [len(line) for line in articles.read_bytes().splitlines(keepends=True) if line.strip()]
    totals = [sum(sizes[start:stop]) for start, stop in ranges]
    assert max(totals) - min(totals) <= max(sizes)
    # the two small text files share the last partition
    assert [p.kind for p in plan if p.name == "part-00002"] == ["jsonl", "file", "file"]


@pytest.mark.parametrize("weights, limit, cuts", [
    ([1] * 10, 5, [0, 5, 10]),                        # equal records: equal counts
    ([1] * 10, 4, [0, 3, 7, 10]),                     # 3 parts of at most 4, sizes 3/4/3
    ([9, 1, 1, 1, 1, 1, 1, 1, 1, 1], 9, [0, 1, 10]),  # one heavy record alone
    ([5, 5, 5, 1, 1, 1, 1, 1, 1, 1], 5, [0, 5, 10]),  # the limit wins over the balance
    ([], 5, [0, 0]),
    ([3], 5, [0, 1]),
])
def test_batch_balanced_cuts_split_by_weight_within_the_limit(weights, limit, cuts):
    assert balanced_cuts(weights, limit) == cuts


@pytest.fixture(scope="module")
def full_run(articles, cluster, tmp_path_factory):
    """One batch run of the full pipeline over the articles, shared by the tests that only read it."""
    out = tmp_path_factory.mktemp("batch-out") / "out"
    return out, run_batch([articles], out, client=cluster, partition_size=60, stages=STAGES)


def test_batch_output_equals_sequential_analysis(articles, full_run):
    out, summary = full_run
    assert summary.partitions == 4 and summary.documents == N_ARTICLES and summary.failed == 0
    batch_docs = {d["meta"].pop("id"): d for d in read_documents(out)}
    assert len(batch_docs) == N_ARTICLES
    nlp = khabar.load(STAGES)
    records = list(read_records(articles, "jsonl"))
    for record in records[::7]:  # every 7th article, analyzed in this process
        assert batch_docs[record.id] == nlp(record.text, dict(record.meta)).to_dict()
    for marker in (out / DONE_DIR).glob("*.json"):
        content = json.loads(marker.read_text())
        assert content["documents"] == 60
        # the workers' garbage collector is set for long tasks: a few young collections, no full one per article
        assert content["gc_collections"][2] < 60 and content["gc_cpu_seconds"] >= 0


def test_batch_pipeline_plugin_sets_the_collector_for_long_tasks_and_puts_it_back():
    import gc

    before = gc.get_threshold()
    plugin = PipelinePlugin(["normalizer", "sentences", "tokenizer"])
    plugin.setup()
    try:
        assert gc.get_threshold() == BATCH_GC_THRESHOLD
        assert gc.get_freeze_count() > 0  # the pipeline's objects are out of the collector's sight
        assert [t.text for t in plugin.nlp("سلام دنیا.").tokens] == ["سلام", "دنیا", "."]
    finally:
        plugin.teardown()
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0 and plugin.nlp is None


def test_batch_gc_clock_counts_collections_and_their_cpu():
    import gc

    with GcClock() as clock:
        garbage = [[] for _ in range(1000)]
        for a, b in zip(garbage, garbage[1:]):
            a.append(b)
            b.append(a)  # reference cycles: only the collector frees them
        del garbage, a, b
        gc.collect()
    assert clock.collections[2] >= 1 and clock.seconds > 0
    assert clock._callback not in gc.callbacks


def test_batch_records_a_failed_document_without_failing_its_partition(cluster, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("شمخانی در تهران گفت: سلام.", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (inputs / "bad.jsonl").write_text('{"title": "x", "body": "متن"}\n{not json}\n', encoding="utf-8")
    summary = run_batch([inputs], tmp_path / "out", client=cluster, partition_size=10, stages=STAGES)
    assert summary.documents == 2 and summary.failed == 2
    errors = sorted(f["error"] for f in read_failures(tmp_path / "out"))
    assert any("binary" in e for e in errors)
    assert any("bad.jsonl:2" in e and "JSON" in e for e in errors)


def test_batch_survives_a_killed_worker_without_loss_or_duplicates(articles, cluster, tmp_path):
    out = tmp_path / "out"
    killed: list[int] = []

    def kill_once(marker):
        if not killed:
            pids = cluster.run(os.getpid)
            victim = next(pid for pid in pids.values() if pid != marker["pid"]) if len(pids) > 1 else marker["pid"]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    summary = run_batch([articles], out, client=cluster, partition_size=20, progress=kill_once, stages=STAGES)
    assert killed, "no worker was killed"
    ids = [d["meta"]["id"] for d in read_documents(out)]
    assert len(ids) == N_ARTICLES and len(set(ids)) == N_ARTICLES
    assert summary.documents >= N_ARTICLES  # a partition retried after the kill may be counted twice
    assert len(finished_partitions(out)) == 12


def test_batch_resumes_after_the_driver_is_killed(articles, tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "khabar", "batch", str(articles), "--out", str(out), "--partition-size", "30",
           "--workers", "1", "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and len(finished_partitions(out)) < 2:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = finished_partitions(out)
    assert 2 <= len(done_before) < 8, "the run was not interrupted mid-way"
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["skipped"] >= len(done_before)
    ids = [d["meta"]["id"] for d in read_documents(out)]
    assert len(ids) == N_ARTICLES and len(set(ids)) == N_ARTICLES


def test_batch_loads_into_the_store_exactly_once(full_run, tmp_path):
    from khabar.batch_store import load_into_store
    from khabar.store import open_store

    out, _ = full_run
    db = str(tmp_path / "k.db")
    first = load_into_store(out, db)
    again = load_into_store(out, db)
    assert first["added"] == N_ARTICLES and first["duplicates"] == 0
    assert again["added"] == 0 and again["duplicates"] == N_ARTICLES
    with open_store(db) as store:
        assert store.stats()["documents"] == N_ARTICLES
