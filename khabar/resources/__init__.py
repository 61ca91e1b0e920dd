"""Package data: lexicons, gazetteers and trained models, loaded through importlib.resources.

Nothing here is downloaded; everything is built by the training scripts from ../shared/data and shipped.
Loaders read files on demand; stages keep what they loaded (no module-level caches).
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from importlib import resources
from importlib.abc import Traversable
from typing import Iterator

from khabar.errors import ResourceError


def resource_path(*parts: str) -> Traversable:
    """The packaged resource at ``khabar/resources/<parts...>``."""
    path = resources.files("khabar.resources").joinpath(*parts)
    return path


def read_text(*parts: str) -> str:
    path = resource_path(*parts)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ResourceError(f"E010: packaged resource {'/'.join(parts)} is missing; "
                            f"rebuild it with the matching `khabar train` command") from None


def read_bytes(*parts: str) -> bytes:
    path = resource_path(*parts)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ResourceError(f"E010: packaged resource {'/'.join(parts)} is missing; "
                            f"rebuild it with the matching `khabar train` command") from None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while large tables are built (re-enabled afterwards if it was on).

    Loading the models allocates a few hundred thousand container objects (tuples, lists, dicts) that all stay
    alive (hardly any garbage, so nothing for the collector to find); with the collector on, every 700 allocations start a collection that walks the young
    objects, and the older generations are walked again and again as the tables grow (≈ 80 ms of the
    ≈ 800 ms that ``khabar.load()`` takes). Nothing is frozen: the objects are collected normally afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
