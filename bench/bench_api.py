"""REST API speed: ``GET /search`` throughput and latency on a 10,000-document SQLite store, and the latency
of ``POST /analyze`` on a typical article. Prints ONE JSON object.

    python bench/bench_api.py [--documents 10000] [--duration 20] [--concurrency 6] [--analyze 40]

1. The store: ``bench/out/api-<N>.db``, built once (reused when present and readable) from
   ``fa-news-unlabeled`` (real news articles, one per line, in ../shared/data) analyzed with the indexing
   stages (normalizer, sentences, tokenizer, tagger, lemmatizer: what search needs) and written with the
   store's batch ``add``. The analyzed documents are cached in ``bench/out`` too (gitignored).
2. The server: ``python -m khabar serve --db bench/out/api-<N>.db`` in its own process (uvicorn, one worker),
   on 127.0.0.1 on a free port, the full pipeline loaded for /analyze.
3. The load: this script re-runs itself as a second process (``client`` mode) that keeps ``--concurrency``
   requests in flight over keep-alive connections (a minimal asyncio HTTP/1.1 client, so that the client
   takes little of the CPU the server needs) for ``--duration`` seconds, cycling through one- and two-word
   queries of common news words after one warm-up round; every response must be 200.
4. /analyze: ``--analyze`` sequential requests of an article of about 500 words (the corpus article whose
   length is closest to 500 words), after two warm-up requests; median and p90.
"""
from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
SOURCE = ("fa-news-unlabeled", "irnews-2020.txt.gz", "hamshahri-2003-2007.txt.gz")
INDEX_STAGES = ["normalizer", "sentences", "tokenizer", "tagger", "lemmatizer"]
QUERIES = [
    "ایران", "مجلس", "دولت", "اقتصاد", "تهران", "انتخابات", "نفت", "وزیر", "آمریکا", "قیمت",
    "بورس", "مردم", "شورای شهر", "رئیس جمهور", "تحریم", "فوتبال", "دانشگاه", "بانک مرکزی", "مذاکره", "کرونا",
    "سازمان ملل", "خودرو", "مسکن", "بودجه", "روحانی", "مجلس شورای", "نرخ ارز", "آموزش و پرورش", "سلامت", "قانون",
]


def corpus_lines(limit: int):
    from khabar.datasets import data_file

    n = 0
    for name in SOURCE[1:]:
        with gzip.open(data_file(SOURCE[0], name), "rt", encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    yield line
                    n += 1
                    if n >= limit:
                        return


def _analyzed_documents(documents: int):
    """The corpus documents analyzed by the indexing stages, cached in ``bench/out`` (never committed) so
    that a store schema change only costs a re-import, not a re-analysis."""
    import khabar
    from khabar.document import Document

    cache = OUT / f"api-{documents}-analyzed.jsonl.gz"
    if cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as f:
            for line in f:
                yield Document.from_json(line)
        return
    nlp = khabar.load(stages=INDEX_STAGES)
    partial = cache.with_suffix(".partial")
    with gzip.open(partial, "wt", encoding="utf-8") as f:
        for text in corpus_lines(documents):
            doc = nlp(text, {"source": "fa-news-unlabeled", "title": text[:60]})
            f.write(doc.to_json() + "\n")
            yield doc
    partial.rename(cache)


def _usable(path: Path, documents: int) -> int:
    """The number of documents of an existing store that this khabar can read and search, else 0."""
    from khabar.store import open_store

    try:
        store = open_store(str(path))
        try:
            count = store.stats()["documents"]
            store.search("ایران", limit=1)
            store.document(1)
        finally:
            store.close()
    except Exception:  # a store written by an older schema: rebuild it
        return 0
    return count if count >= documents * 0.95 else 0


def build_store(path: Path, documents: int) -> dict:
    from khabar.store import open_store
    from khabar.store.records import prepare

    if path.exists():
        count = _usable(path, documents)
        if count:
            return {"reused": True, "documents": count}
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
    store = open_store(str(path))
    started = time.perf_counter()
    batch = []
    for i, doc in enumerate(_analyzed_documents(documents)):
        batch.append(prepare(doc))
        if len(batch) == 250:
            store.add(batch)
            batch = []
            print(f"  store: {i + 1} documents", file=sys.stderr, flush=True)
    if batch:
        store.add(batch)
    count = store.stats()["documents"]
    store.close()
    return {"reused": False, "documents": count, "build_seconds": round(time.perf_counter() - started, 1)}


def typical_article(words: int = 500) -> str:
    best, best_gap = "", 10 ** 9
    for text in corpus_lines(2000):
        gap = abs(len(text.split()) - words)
        if gap < best_gap:
            best, best_gap = text, gap
    return best


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "khabar", "serve", "--db", str(db), "--port", str(port),
                             "--log-level", "warning"], env=env, stderr=subprocess.PIPE, text=True)
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read()[-2000:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
            return proc
        except httpx.TransportError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not start within 120 s")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), to report CPU per request: on a shared
    machine wall-clock throughput depends on what else runs, CPU per request does not."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, int(round(q / 100 * (len(ordered) - 1)))))
    return ordered[k]


async def _http_get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: str) -> int:
    """One keep-alive HTTP/1.1 GET on an open connection; returns the status (the body is read fully).
    A hand-written client: httpx costs more CPU per request than the server does, and both share the
    machine's cores."""
    writer.write(f"GET {target} HTTP/1.1\r\nHost: bench\r\nAccept: application/json\r\n\r\n".encode())
    status_line = await reader.readline()
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return int(status_line.split()[1])


async def load(url: str, duration: float, concurrency: int) -> dict:
    from urllib.parse import quote, urlsplit

    parts = urlsplit(url)
    targets = [f"/search?q={quote(q)}&limit=10" for q in QUERIES]
    latencies: list[float] = []
    errors = 0

    async def worker(k: int, stop_at: float | None) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            i = k
            while (stop_at is None and i < len(targets)) or (stop_at is not None and time.perf_counter() < stop_at):
                t0 = time.perf_counter()
                status = await _http_get(reader, writer, targets[i % len(targets)])
                if stop_at is not None:
                    latencies.append(time.perf_counter() - t0)
                    if status != 200:
                        errors += 1
                i += concurrency
        finally:
            writer.close()

    # warm-up: each query once (the first search of a word loads its postings from disk)
    await asyncio.gather(*(worker(k, None) for k in range(concurrency)))
    started = time.perf_counter()
    await asyncio.gather(*(worker(k, started + duration) for k in range(concurrency)))
    wall = time.perf_counter() - started
    return {"requests": len(latencies), "errors": errors, "seconds": round(wall, 2),
            "requests_per_second": round(len(latencies) / wall, 1),
            "p50_ms": round(1000 * percentile(latencies, 50), 2),
            "p90_ms": round(1000 * percentile(latencies, 90), 2),
            "p99_ms": round(1000 * percentile(latencies, 99), 2),
            "concurrency": concurrency}


def bench_analyze(url: str, article: str, n: int) -> dict:
    import httpx

    times = []
    with httpx.Client(base_url=url, timeout=60) as client:
        for _ in range(2):
            client.post("/analyze", json={"text": article}).raise_for_status()
        for _ in range(n):
            t0 = time.perf_counter()
            r = client.post("/analyze", json={"text": article})
            times.append(time.perf_counter() - t0)
            r.raise_for_status()
    return {"requests": n, "words": len(article.split()), "characters": len(article),
            "median_ms": round(1000 * statistics.median(times), 1), "p90_ms": round(1000 * percentile(times, 90), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", nargs="?", default="run", choices=("run", "client"))
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--concurrency", type=int, default=6)
    ap.add_argument("--analyze", type=int, default=40)
    ap.add_argument("--url", help="(client mode) server base URL")
    ap.add_argument("--build-only", action="store_true", help="build (or check) the store and stop")
    args = ap.parse_args()

    if args.mode == "client":
        print(json.dumps(asyncio.run(load(args.url, args.duration, args.concurrency))))
        return

    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"api-{args.documents}.db"
    store_info = build_store(db, args.documents)
    if args.build_only:
        print(json.dumps({"store": store_info}))
        return
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(db, port)
    try:
        load_before = load_average()
        cpu0 = process_cpu_seconds(server.pid)
        client = subprocess.run([sys.executable, __file__, "client", "--url", url, "--duration", str(args.duration),
                                 "--concurrency", str(args.concurrency)], capture_output=True, text=True, check=True)
        search = json.loads(client.stdout.strip().splitlines()[-1])
        # (includes the warm-up round of len(QUERIES) requests per connection slot)
        served = search["requests"] + len(QUERIES)
        search["server_cpu_ms_per_request"] = round(1000 * (process_cpu_seconds(server.pid) - cpu0) / served, 2)
        search["requests_per_cpu_second"] = round(1000 / search["server_cpu_ms_per_request"], 1)
        search["load_average_before"] = load_before
        article = typical_article()
        cpu0 = process_cpu_seconds(server.pid)
        analyze = bench_analyze(url, article, args.analyze)
        analyze["server_cpu_ms_per_request"] = round(
            1000 * (process_cpu_seconds(server.pid) - cpu0) / (args.analyze + 2), 1)
        analyze["load_average_after"] = load_average()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    print(json.dumps({"store": {**store_info, "path": str(db.relative_to(ROOT))}, "search": search,
                      "analyze": analyze, "cpus": os.cpu_count()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
