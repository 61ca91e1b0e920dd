"""The tokenizer: tables of Persian texts and tokens, multiword tokens, and offset properties."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.text.tokenizer import Tokenizer

ZWNJ = "\u200c"


@pytest.fixture(scope="module")
def tokenizer():
    return Tokenizer()


@pytest.mark.parametrize("text, expected", [
    ("سلام دنیا.", ["سلام", "دنیا", "."]),
    (f"آنها می{ZWNJ}گویند", ["آنها", f"می{ZWNJ}گویند"]),
    ("تاریخ ۱۴۰۲/۰۱/۲۰ بود", ["تاریخ", "۱۴۰۲/۰۱/۲۰", "بود"]),
    ("رشد ۵.۵٪ و 12% بود", ["رشد", "۵.۵٪", "و", "12%", "بود"]),
    ("ساعت 12:30 شد", ["ساعت", "12:30", "شد"]),
    ("نشانی https://www.irna.ir/news/1. را ببین", ["نشانی", "https://www.irna.ir/news/1", ".", "را", "ببین"]),
    ("به info@khabar.ir بنویسید", ["به", "info@khabar.ir", "بنویسید"]),
    ("با #ایران و @khabar_fa", ["با", "#ایران", "و", "@khabar_fa"]),
    ("«سلام»، گفت", ["«", "سلام", "»", "،", "گفت"]),
    ("کاملاً درست", ["کاملاً", "درست"]),
    ("ستاره CoRoT-7b", ["ستاره", "CoRoT-7b"]),
    ("صبر کن...", ["صبر", "کن", "..."]),
])
def test_tokenizer_spans(text, expected):
    assert [t for _, _, t in Tokenizer(clitics=False).spans(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("کتابش", [("کتاب", "کتابش"), ("ش", "کتابش")]),
    ("پدرم آمد", [("پدر", "پدرم"), ("م", "پدرم"), ("آمد", None)]),
    ("مرا دید", [("م", "مرا"), ("را", "مرا"), ("دید", None)]),
    ("خودشان", [("خود", "خودشان"), ("شان", "خودشان")]),
    # words that only look like a stem plus a clitic stay whole
    ("کردند", [("کردند", None)]),
    ("مردم", [("مردم", None)]),
    ("است", [("است", None)]),
    ("دست", [("دست", None)]),
    ("چرا", [("چرا", None)]),
    ("کشورها", [("کشورها", None)]),
])
def test_tokenizer_multiword_tokens(tokenizer, text, expected):
    tokens = tokenizer.tokens(text)
    got = [(t.text, text[t.surface[0]:t.surface[1]] if t.surface else None) for t in tokens]
    assert got == expected


words = st.lists(st.sampled_from(["کتابش", "می\u200cروند", "۱۴۰۲/۰۱/۲۰", "خودم", "و", "،", "سلام", "3.5%",
                                  "#خبر", "مرا", "«", "»", "...", "دنیا", "www.x.ir", "؟"]), max_size=12)


@settings(max_examples=100, deadline=None)
@given(words, st.sampled_from([" ", "  ", "\n", ""]))
def test_tokenizer_offsets_match_text(tokenizer, parts, sep):
    text = sep.join(parts)
    tokens = tokenizer.tokens(text)
    for t in tokens:
        assert text[t.start:t.end] == t.text
        if t.surface:
            assert t.surface[0] <= t.start < t.end <= t.surface[1]
    assert all(a.start <= b.start for a, b in zip(tokens, tokens[1:]))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابپتسشمنویهکگيك ‌،,.؟?!:؛«»٠١۲3\n\u064e")), max_size=80))
def test_tokenizer_pipeline_tokens_point_into_text_and_raw(text_nlp, raw):
    doc = text_nlp(raw)
    arr = doc.offsets.array()
    assert all(int(a) <= int(b) for a, b in zip(arr, arr[1:])) and int(arr[-1]) == len(raw)
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text
        s, e = doc.raw_span(t.start, t.end)
        assert 0 <= s <= e <= len(raw)
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(doc.text)
