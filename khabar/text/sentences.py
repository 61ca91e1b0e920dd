"""Sentence splitting for Persian news, following the UD Persian treebanks' conventions.

A sentence ends at ``.`` ``!`` ``?`` ``؟`` (with any closing quotes or brackets after them) followed by
white space, and at line breaks (the normalizer has already joined hard-wrapped lines). It does not end:

- at ``؛``, or at ``:`` (speech verbs: ``شمخانی افزود: ...``), except after a news dateline at the start of
  a sentence (``تهران - ایرنا:``, ``واحد مرکزی خبر:``), which the treebanks keep as a sentence of its own;
- inside numbers (``۳.۵``), after abbreviations (``ه.ش``, ``ق.م.``; hazm's list) and initials (``م.``);
- at ``…`` or ``...`` inside a paragraph (Seraji keeps ``و…`` and ``بلبل…`` inside the sentence).

>>> splitter = SentenceSplitter()
>>> text = "تهران - ایرنا: وزیر گفت: کار ادامه دارد. سال ۱۳۵۷ ه.ش. بود!"
>>> [text[s:e] for s, e in splitter.split(text)]
['تهران - ایرنا:', 'وزیر گفت: کار ادامه دارد.', 'سال ۱۳۵۷ ه.ش. بود!']
"""
from __future__ import annotations

import re
from itertools import starmap

from khabar.core import sentence_spans
from khabar.document import Document, Sentence

# Abbreviations that are whole words before a dot. Every entry of hazm's abbreviations.dat (MIT) is a run of
# single letters and dots (ق.م، ج.ا.ا.), which _is_abbreviation recognizes by shape; a few are listed here too.
ABBREVIATIONS = frozenset("""
ه.ش ه.ق ق.م م ق ش ه.ق.م آ.د.ک آ.پ ج.ا.ا ش.م.ر ش.م.ه ع.س غ.ق.ق ق.ق ن.م پ.ت.ت پ.ن د.ع.ک ق.ا ص ع ره
ج ص.ب ج.ا ا.ت تلفن.ف دکتر.م
""".split())
AGENCIES = ("ایرنا", "ایسنا", "ایلنا", "فارس", "مهر", "تسنیم", "واحد مرکزی خبر", "خبرگزاری جمهوری اسلامی",
            "صدا و سیما", "باشگاه خبرنگاران", "رویترز", "آسوشیتدپرس", "خبرگزاری فرانسه")

# A sentence-end mark (the compiled core's sentence_spans finds exactly these matches, without the regex:
# tests/test_text_fast_paths.py compares them)
_END = re.compile(r"(?:\.{2,}|…)?[.!?؟]+[»\"”')\]]*(?=\s|$)|\n+")
_DATELINE = re.compile(
    r"(?:[^\s.!?؟:؛،\n]+ ){0,3}[^\s.!?؟:؛،\n]+ [-–—] (?:[^\s.!?؟:؛،\n]+ ){0,3}[^\s.!?؟:؛،\n]+:(?=\s)"
    r"|(?:" + "|".join(AGENCIES) + r"):(?=\s)")


class SentenceSplitter:
    def __init__(self, *, datelines: bool = True, abbreviations: frozenset[str] = ABBREVIATIONS) -> None:
        self.datelines = datelines
        self.abbreviations = abbreviations

    def _is_abbreviation(self, text: str, dot: int) -> bool:
        """Is the ``.`` at ``dot`` the end of an abbreviation or initial?"""
        if dot >= 3 and text[dot - 1].isalpha() and text[dot - 2].isalpha() and text[dot - 3].isalpha():
            return False  # a word of three letters or more before the dot: the common case, no abbreviation
        start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot), text.rfind("(", 0, dot),
                    text.rfind("«", 0, dot)) + 1
        word = text[start:dot]
        if len(word) > 8:
            return False
        if not word:
            return False
        if word in self.abbreviations or word.rstrip(".") in self.abbreviations:
            return True
        # a single letter (an initial) or dotted letters such as ج.ا.ا
        return all(len(part) == 1 and part.isalpha() for part in word.split("."))

    def split(self, text: str) -> list[tuple[int, int]]:
        # the loop over the marks and the trimming run in the compiled core; the rules it asks for are here
        return sentence_spans(text, self._is_abbreviation, self._dateline_pieces if self.datelines else None)

    def _dateline_pieces(self, text: str, start: int, end: int) -> list[tuple[int, int]] | None:
        """A trimmed sentence with a colon that starts with a news dateline (``تهران - ایرنا:``): the dateline
        and the rest as two sentences, as the treebanks keep them; None otherwise."""
        m = _DATELINE.match(text, start, end)
        if m and m.end() < end:
            rest = m.end()
            while rest < end and text[rest].isspace():
                rest += 1
            return [(start, m.end()), (rest, end)]
        return None


class SentenceStage:
    """Pipeline stage: fills ``doc.sentences``. Option ``datelines=False`` keeps datelines in the sentence."""

    name = "sentences"
    requires = ("text",)
    assigns = ("sentences",)

    def __init__(self, *, datelines: bool = True) -> None:
        self.splitter = SentenceSplitter(datelines=datelines)

    def __call__(self, doc: Document) -> Document:
        doc.sentences = list(starmap(Sentence, self.splitter.split(doc.text)))
        return doc
