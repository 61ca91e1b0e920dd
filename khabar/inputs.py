"""Reading input bytes as Persian text: UTF-8, UTF-8/UTF-16 with a BOM, and Windows-1256.

Older Persian sites still serve Windows-1256; bytes that are neither are rejected with a clear
:class:`~khabar.errors.InputError` instead of being decoded into mojibake.

>>> decode_bytes("سلام".encode("cp1256")).text
'سلام'
>>> decode_bytes("سلام".encode("utf-8")).encoding
'utf-8'
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from khabar.errors import InputError

# Anything larger is almost certainly not one news document.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 50)


def _arabic_script_share(text: str) -> float:
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff") / len(letters)


def decode_bytes(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, source: str = "input") -> DecodedText:
    """Decode ``data``; raise :class:`InputError` naming the problem when it is not text."""
    if len(data) > max_bytes:
        raise InputError(f"{source}: {len(data):,} bytes is larger than the limit of {max_bytes:,} bytes")
    if not data:
        return DecodedText("", "utf-8")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding).lstrip("\ufeff"), encoding.replace("-sig", ""))
            except UnicodeDecodeError as err:
                raise InputError(f"{source}: starts with a {encoding} byte-order mark but is not valid {encoding}: {err}") from None
    if _looks_binary(data):
        raise InputError(f"{source}: looks like binary data (NUL or control bytes), not text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is not None and _arabic_script_share(text) >= 0.5:
        return DecodedText(text, "cp1256")
    raise InputError(
        f"{source}: not valid UTF-8, UTF-16 or Windows-1256 Persian text; re-encode it as UTF-8"
    )


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Read a file (or ``-`` for standard input) and decode it."""
    import sys

    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return decode_bytes(data, max_bytes=max_bytes, source="standard input")
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a file")
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(f"{p}: {size:,} bytes is larger than the limit of {max_bytes:,} bytes")
    return decode_bytes(p.read_bytes(), max_bytes=max_bytes, source=str(p))
