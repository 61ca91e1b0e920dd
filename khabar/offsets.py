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

from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    import numpy as np

# numpy is imported where an array is built, not at import time: ``import khabar`` stays light, and the
# identity map of a document that normalization did not change in length is never materialized.


class OffsetMap:
    """Monotonic map from new-text offsets to old-text offsets.

    The identity map (:meth:`identity`) keeps only its length until :meth:`array` is asked for."""

    __slots__ = ("_raw", "_length")

    def __init__(self, raw_positions: "np.ndarray") -> None:
        self._raw = raw_positions
        self._length = len(raw_positions) - 1

    # --- construction ---------------------------------------------------------------------
    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        m = cls.__new__(cls)
        m._raw, m._length = None, length
        return m

    def _positions(self) -> "np.ndarray":
        if self._raw is None:
            import numpy as np

            self._raw = np.arange(self._length + 1, dtype=np.int64)
        return self._raw

    @classmethod
    def from_list(cls, anchors: Sequence[Sequence[int]]) -> "OffsetMap":
        """Rebuild from :meth:`to_list` anchors ``[[new_pos, old_pos], ..., [len_new, len_old]]``."""
        import numpy as np

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
        if self._raw is None and self._length >= 0:
            n = self._length
            return [[0, 0]] if n == 0 else [[0, 0], [n, n]]
        import numpy as np

        raw = self._positions()
        if len(raw) == 0:
            return []
        breaks = np.nonzero(np.diff(raw) != 1)[0] + 1
        points = np.concatenate(([0], breaks, [len(raw) - 1]))
        points = np.unique(points)
        return [[int(p), int(raw[p])] for p in points]

    # --- queries --------------------------------------------------------------------------
    def __len__(self) -> int:
        """Length of the new text."""
        return self._length

    @property
    def raw_length(self) -> int:
        if self._raw is None and self._length >= 0:
            return self._length
        raw = self._positions()
        return int(raw[-1]) if len(raw) else 0

    def to_raw(self, pos: int) -> int:
        """Old offset where the character at new offset ``pos`` starts (use for span starts)."""
        if self._raw is None and 0 <= pos <= self._length:
            return int(pos)
        return int(self._positions()[pos])

    def to_raw_end(self, pos: int) -> int:
        """Old offset where a span ending at new offset ``pos`` ends (use for span ends): text deleted
        just before ``pos`` is not included."""
        if self._raw is None and 0 <= pos <= self._length:
            return int(pos)
        raw = self._positions()
        if pos <= 0:
            return int(raw[0])
        return int(min(raw[pos], raw[pos - 1] + 1))

    def array(self) -> "np.ndarray":
        return self._positions()

    # --- composition ----------------------------------------------------------------------
    def compose(self, later: "OffsetMap | None") -> "OffsetMap":
        """The map of applying ``later`` after this one: new-new offsets → original offsets."""
        if later is None:
            return self
        if later._raw is None and later._length == self._length:
            return self
        if self._raw is None and later._raw is not None and (len(later._raw) == 0 or 0 <= later._raw[0]
                                                             and later._raw[-1] <= self._length):
            return OffsetMap(later._raw)  # the identity first: the later map as it is
        return OffsetMap(self._positions()[later._positions()])

    def is_identity(self) -> bool:
        if self._raw is None:
            return True
        import numpy as np

        return bool(self._raw[-1] == len(self._raw) - 1 and np.all(np.diff(self._raw) == 1))


def rewrite(text: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, OffsetMap | None]:
    """Apply non-overlapping ``(start, end, replacement)`` edits (sorted by start) to ``text``.

    Returns the new text and the map back to ``text``, or ``None`` for the map when no edit changed the
    length (positions are then unchanged)."""
    import numpy as np

    from khabar import core

    edits = list(edits)
    if not edits:
        return text, None
    parts: list[str] = []
    prev = 0
    length_changed = False
    for start, end, rep in edits:
        if start < prev:
            raise ValueError(f"overlapping edit at {start} (previous edit ended at {prev})")
        parts.append(text[prev:start])
        parts.append(rep)
        if len(rep) != end - start:
            length_changed = True
        prev = end
    parts.append(text[prev:])
    new_text = "".join(parts)
    if not length_changed:
        return new_text, None
    if core.COMPILED:  # the positions filled in one C loop
        return new_text, OffsetMap(np.frombuffer(core.edit_positions(len(text), edits, len(new_text)), np.int64))
    segments: list[np.ndarray] = []
    prev = 0
    for start, end, rep in edits:
        segments.append(np.arange(prev, start, dtype=np.int64))
        span = end - start
        if rep:
            if span == 0:
                segments.append(np.full(len(rep), start, dtype=np.int64))
            else:
                segments.append(start + np.minimum(np.arange(len(rep), dtype=np.int64), span - 1))
        prev = end
    segments.append(np.arange(prev, len(text) + 1, dtype=np.int64))
    return new_text, OffsetMap(np.concatenate(segments))
