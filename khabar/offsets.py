"""Offset maps: from positions in a rewritten (normalized) text back to positions in the original.

An :class:`OffsetMap` holds, for every position ``i`` in ``0..len(text)`` of the new text, the position in
the old text that it came from (a monotonic integer array). Rewrites that keep the length (one character
for one, as ``ي`` → ``ی``) need no map; rewrites that insert or delete characters build one with
:func:`rewrite`, and maps compose with :meth:`OffsetMap.compose`.

>>> new, m = rewrite("ab--c", [(2, 4, "")])
>>> new, m.to_raw(2), m.to_raw_end(2)
('abc', 4, 2)
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np


class OffsetMap:
    """Monotonic map from new-text offsets to old-text offsets."""

    __slots__ = ("_raw",)

    def __init__(self, raw_positions: np.ndarray) -> None:
        self._raw = raw_positions

    # --- construction ---------------------------------------------------------------------
    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls(np.arange(length + 1, dtype=np.int64))

    @classmethod
    def from_list(cls, anchors: Sequence[Sequence[int]]) -> "OffsetMap":
        """Rebuild from :meth:`to_list` anchors ``[[new_pos, old_pos], ..., [len_new, len_old]]``."""
        if not anchors:
            return cls.identity(0)
        length = anchors[-1][0]
        out = np.empty(length + 1, dtype=np.int64)
        for k, (pos, raw) in enumerate(anchors):
            nxt = anchors[k + 1][0] if k + 1 < len(anchors) else length + 1
            out[pos:nxt] = raw + np.arange(nxt - pos)
            if k + 1 < len(anchors):
                # positions that map past the next anchor's raw value were insertions: clamp
                np.minimum(out[pos:nxt], anchors[k + 1][1], out=out[pos:nxt])
        return cls(out)

    def to_list(self) -> list[list[int]]:
        """Compact form: the positions where the map does not advance by exactly one, plus the end."""
        raw = self._raw
        if len(raw) == 0:
            return []
        breaks = np.nonzero(np.diff(raw) != 1)[0] + 1
        points = np.concatenate(([0], breaks, [len(raw) - 1]))
        points = np.unique(points)
        return [[int(p), int(raw[p])] for p in points]

    # --- queries --------------------------------------------------------------------------
    def __len__(self) -> int:
        """Length of the new text."""
        return len(self._raw) - 1

    @property
    def raw_length(self) -> int:
        return int(self._raw[-1]) if len(self._raw) else 0

    def to_raw(self, pos: int) -> int:
        """Old offset where the character at new offset ``pos`` starts (use for span starts)."""
        return int(self._raw[pos])

    def to_raw_end(self, pos: int) -> int:
        """Old offset where a span ending at new offset ``pos`` ends (use for span ends): text deleted
        just before ``pos`` is not included."""
        if pos <= 0:
            return int(self._raw[0])
        return int(min(self._raw[pos], self._raw[pos - 1] + 1))

    def array(self) -> np.ndarray:
        return self._raw

    # --- composition ----------------------------------------------------------------------
    def compose(self, later: "OffsetMap | None") -> "OffsetMap":
        """The map of applying ``later`` after this one: new-new offsets → original offsets."""
        if later is None:
            return self
        return OffsetMap(self._raw[later._raw])

    def is_identity(self) -> bool:
        return bool(self._raw[-1] == len(self._raw) - 1 and np.all(np.diff(self._raw) == 1))


def rewrite(text: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, OffsetMap | None]:
    """Apply non-overlapping ``(start, end, replacement)`` edits (sorted by start) to ``text``.

    Returns the new text and the map back to ``text``, or ``None`` for the map when no edit changed the
    length (positions are then unchanged)."""
    parts: list[str] = []
    segments: list[np.ndarray] = []
    prev = 0
    length_changed = False
    any_edit = False
    for start, end, rep in edits:
        any_edit = True
        if start < prev:
            raise ValueError(f"overlapping edit at {start} (previous edit ended at {prev})")
        parts.append(text[prev:start])
        parts.append(rep)
        segments.append(np.arange(prev, start, dtype=np.int64))
        span = end - start
        if len(rep) != span:
            length_changed = True
        if rep:
            if span == 0:
                segments.append(np.full(len(rep), start, dtype=np.int64))
            else:
                segments.append(start + np.minimum(np.arange(len(rep), dtype=np.int64), span - 1))
        prev = end
    if not any_edit:
        return text, None
    parts.append(text[prev:])
    new_text = "".join(parts)
    if not length_changed:
        return new_text, None
    segments.append(np.arange(prev, len(text) + 1, dtype=np.int64))
    return new_text, OffsetMap(np.concatenate(segments))
