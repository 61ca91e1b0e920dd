"""The sentence splitter: a table of Persian texts and the sentences expected."""
from __future__ import annotations

import pytest

from khabar.text.sentences import SentenceSplitter


@pytest.fixture(scope="module")
def splitter():
    return SentenceSplitter()


@pytest.mark.parametrize("text, expected", [
    ("سلام. خداحافظ.", ["سلام.", "خداحافظ."]),
    ("آیا می‌آیی؟ بله! حتما.", ["آیا می‌آیی؟", "بله!", "حتما."]),
    # no split on ؛ or on : after a speech verb
    ("شمخانی افزود؛ ایران آماده است.", ["شمخانی افزود؛ ایران آماده است."]),
    ("وی گفت: ما آماده‌ایم. او رفت.", ["وی گفت: ما آماده‌ایم.", "او رفت."]),
    # numbers, abbreviations, initials
    ("رشد ۳.۵ درصد بود. سپس کم شد.", ["رشد ۳.۵ درصد بود.", "سپس کم شد."]),
    ("در سال ۱۳۵۷ ه.ش. انقلاب شد.", ["در سال ۱۳۵۷ ه.ش. انقلاب شد."]),
    ("در ۱۹۱۷ م. و اولین سال.", ["در ۱۹۱۷ م. و اولین سال."]),
    ("ج.ا.ا. اعلام کرد.", ["ج.ا.ا. اعلام کرد."]),
    # datelines (as the Seraji treebank)
    ("تهران - ایرنا: رئیس جمهور گفت: سلام.", ["تهران - ایرنا:", "رئیس جمهور گفت: سلام."]),
    ("واحد مرکزی خبر: زلزله آمد.", ["واحد مرکزی خبر:", "زلزله آمد."]),
    ("دهلی نو - ایرنا: خبر.", ["دهلی نو - ایرنا:", "خبر."]),
    # … inside a paragraph does not end a sentence
    ("طاووس و بلبل… و آهو. تمام.", ["طاووس و بلبل… و آهو.", "تمام."]),
    ("آیا قرار است…؟! نه.", ["آیا قرار است…؟!", "نه."]),
    # closing quotes stay with their sentence
    ("گفت: «با من بیا!» همه رفتند.", ["گفت: «با من بیا!»", "همه رفتند."]),
    # line breaks end sentences (titles)
    ("عنوان خبر\nمتن خبر.", ["عنوان خبر", "متن خبر."]),
    ("", []),
])
def test_sentences_split(splitter, text, expected):
    assert [text[s:e] for s, e in splitter.split(text)] == expected


def test_sentences_stage_on_pipeline(text_nlp):
    doc = text_nlp("تهران - ایرنا: وزیر گفت: کار ادامه دارد.\n\nپایان.")
    assert [doc.text[s.start:s.end] for s in doc.sentences] == [
        "تهران - ایرنا:", "وزیر گفت: کار ادامه دارد.", "پایان."]
