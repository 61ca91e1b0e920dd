"""Persian normalization (baseline: character unification only; the full step chain replaces this)."""
from __future__ import annotations

from khabar.document import Document

_CHARS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "٠": "۰", "١": "۱", "٢": "۲", "٣": "۳", "٤": "۴",
                        "٥": "۵", "٦": "۶", "٧": "۷", "٨": "۸", "٩": "۹"})


class NormalizerStage:
    name = "normalizer"
    requires: tuple[str, ...] = ()
    assigns = ("text",)

    def __call__(self, doc: Document) -> Document:
        doc.text = doc.raw.translate(_CHARS)
        return doc
