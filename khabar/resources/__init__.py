"""Package data: lexicons, gazetteers and trained models, loaded through importlib.resources.

Nothing here is downloaded; everything is built by the training scripts from ../shared/data and shipped.
Loaders read files on demand; stages keep what they loaded (no module-level caches).
"""
from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

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
