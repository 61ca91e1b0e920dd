"""A document whose NER mentions are given by hand, so quote and coreference tests do not depend on
what the NER model finds."""
from __future__ import annotations

import re

from khabar.document import Document, Entity, Mention


def document_with_mentions(text: str, names=()) -> Document:
    """``text`` with every whole-word occurrence of each ``(surface, label)`` as an NER mention (the first,
    longest-listed surface wins where two overlap), ids ``m1, m2, ...`` in text order."""
    doc = Document.from_text(text)
    spans: list[tuple[int, int, str]] = []
    for surface, label in names:
        for m in re.finditer(r"(?<![\w\u200c])" + re.escape(surface) + r"(?![\w\u200c])", text):
            if not any(s < m.end() and m.start() < e for s, e, _ in spans):
                spans.append((m.start(), m.end(), label))
    spans.sort()
    doc.entities = [Entity(f"m{i}", label, text[s:e], [], [Mention(s, e, text[s:e])])
                    for i, (s, e, label) in enumerate(spans, 1)]
    return doc
