"""Where the training/dev data lives: ``../shared/data`` next to the project (override with
``KHABAR_DATA``). Only training scripts, evaluation commands and quality-gate tests read it; the
package never needs it at run time."""
from __future__ import annotations

import os
from pathlib import Path

from khabar.errors import ResourceError


def data_dir() -> Path:
    """The shared data folder: $KHABAR_DATA, else ../shared/data from the project root or the cwd."""
    env = os.environ.get("KHABAR_DATA")
    candidates = [Path(env)] if env else []
    project_root = Path(__file__).resolve().parent.parent
    candidates += [project_root.parent / "shared" / "data", Path.cwd().parent / "shared" / "data",
                   Path.cwd() / "shared" / "data"]
    for c in candidates:
        if c.is_dir():
            return c
    raise ResourceError("E011: ../shared/data not found; set KHABAR_DATA to the folder holding the datasets")


def data_file(*parts: str) -> Path:
    path = data_dir().joinpath(*parts)
    if not path.exists():
        raise ResourceError(f"E012: dataset file {path} not found")
    return path
