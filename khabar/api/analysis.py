"""Running the pipeline for HTTP requests: off the event loop, bounded, and with a deadline.

The app owns one :class:`Analyzer` (one pipeline, built once, and a small thread pool). A request that
waits longer than the timeout gets an error; its analysis is told to stop at the next stage boundary, so a
pathological text cannot keep a worker busy through every remaining stage.
"""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from khabar.document import Document
from khabar.errors import PipelineError
from khabar.pipeline import Pipeline


class AnalysisTimeout(Exception):
    pass


class _Cancelled(Exception):
    pass


class Analyzer:
    """One pipeline and the threads that run it."""

    def __init__(self, pipeline: Pipeline, *, workers: int = 2, timeout: float = 20.0) -> None:
        self.pipeline = pipeline
        self.timeout = timeout
        self._executor = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="khabar-analyze")

    def run(self, text: str, meta: dict[str, Any] | None = None,
            cancelled: threading.Event | None = None) -> Document:
        """Analyze ``text`` in the calling thread, checking ``cancelled`` between stages."""
        doc = Document.from_text(text, meta)
        for stage in self.pipeline.stages:
            if cancelled is not None and cancelled.is_set():
                raise _Cancelled()
            result = stage(doc)
            if not isinstance(result, Document):
                raise PipelineError(f"E003: stage {stage.name!r} returned {type(result).__name__}, not a Document")
            doc = result
            doc.stages.append(stage.name)
        return doc

    async def analyze(self, text: str, meta: dict[str, Any] | None = None) -> Document:
        """Analyze on the pool; raise :class:`AnalysisTimeout` after ``timeout`` seconds."""
        cancelled = threading.Event()
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor, self.run, text, meta, cancelled)
        try:
            return await asyncio.wait_for(future, timeout=self.timeout)
        except asyncio.TimeoutError:
            cancelled.set()
            raise AnalysisTimeout(f"analysis took longer than {self.timeout:g} s") from None

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
