"""Shared fixtures. Heavy objects (pipelines, models) are built once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

import khabar
from khabar.datasets import data_dir
from khabar.errors import ResourceError

EXAMPLES = Path(khabar.__file__).parent / "resources" / "examples"


@pytest.fixture(scope="session")
def nlp():
    """The full default pipeline."""
    return khabar.load()


@pytest.fixture(scope="session")
def text_nlp():
    """Normalizer, sentence splitter and tokenizer only."""
    return khabar.load(stages=["normalizer", "sentences", "tokenizer"])


@pytest.fixture(scope="session")
def shared_data() -> Path:
    try:
        return data_dir()
    except ResourceError:
        pytest.skip("../shared/data is not available")


@pytest.fixture(scope="session")
def example_article() -> str:
    return (EXAMPLES / "shamkhani-meeting.txt").read_text(encoding="utf-8")
