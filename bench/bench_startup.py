"""Start-up cost of ``khabar analyze``: the whole command, and what each stage costs to import and build.

    python bench/bench_startup.py [--runs 5]

1. ``python -m khabar analyze khabar/resources/examples/shamkhani-meeting.txt`` run ``--runs`` times in a
   fresh interpreter each: the best wall time and the best CPU time (user + system, from
   ``resource.getrusage(RUSAGE_CHILDREN)``). On a shared machine the CPU time is the figure to compare with
   the 1 s goal; wall time includes waiting for a core.
2. In this process, as :func:`khabar.load` does it (one :class:`~khabar.stages.SharedResources`): CPU time to
   ``import khabar``, then, per default stage, to import its module and to construct it; best of ``--runs``
   fresh interpreters.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "khabar" / "resources" / "examples" / "shamkhani-meeting.txt"

_STAGE_TIMES = r"""
import json, sys, time
t0 = time.process_time()
import khabar
from khabar import stages as table
out = {"import khabar": time.process_time() - t0}
shared = table.SharedResources()
for name in table.DEFAULT_STAGES:
    a = time.process_time()
    table.resolve_factory(name)
    b = time.process_time()
    table.build_stage(name, shared=shared)
    c = time.process_time()
    out[name] = [b - a, c - b]
print(json.dumps(out))
"""


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# What a user who ran ``pip install`` sees: bytecode compiled once and cached. An environment that sets
# PYTHONDONTWRITEBYTECODE (some CI images do) would recompile every module on every start instead.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def time_command(cmd: list[str], runs: int) -> tuple[float, float]:
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=CHILD_ENV)  # bytecode cached
    best_wall = best_cpu = float("inf")
    for _ in range(runs):
        cpu0, wall0 = child_cpu(), time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=CHILD_ENV)
        best_wall = min(best_wall, time.perf_counter() - wall0)
        best_cpu = min(best_cpu, child_cpu() - cpu0)
    return best_wall, best_cpu


def stage_times(runs: int) -> dict:
    best: dict = {}
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", _STAGE_TIMES], cwd=ROOT, check=True, capture_output=True,
                              env=CHILD_ENV, text=True)
        for key, value in json.loads(proc.stdout.strip().splitlines()[-1]).items():
            if key not in best:
                best[key] = value
            elif isinstance(value, list):
                best[key] = [min(x, y) for x, y in zip(best[key], value)]
            else:
                best[key] = min(best[key], value)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="fresh interpreters per figure (default 5)")
    args = parser.parse_args()

    python = [sys.executable]
    wall, cpu = time_command(python + ["-c", "pass"], args.runs)
    print(f"python -c pass                     best wall {wall:6.3f} s   best CPU {cpu:6.3f} s")
    wall, cpu = time_command(python + ["-m", "khabar", "analyze", str(EXAMPLE.relative_to(ROOT))], args.runs)
    print(f"khabar analyze shamkhani-meeting   best wall {wall:6.3f} s   best CPU {cpu:6.3f} s")

    times = stage_times(args.runs)
    print(f"\nCPU ms, best of {args.runs} fresh interpreters (stages built as khabar.load() builds them)")
    print(f"{'import khabar':<14}{1000 * times.pop('import khabar'):8.0f}")
    print(f"{'stage':<14}{'import':>8}{'build':>8}")
    total = 0.0
    for name, (imported, built) in times.items():
        total += imported + built
        print(f"{name:<14}{1000 * imported:8.0f}{1000 * built:8.0f}")
    print(f"{'all stages':<14}{1000 * total:16.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
