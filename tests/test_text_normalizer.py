"""The normalizer: one table of Persian (input, expected) pairs per step, the chain, offsets, idempotence."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.document import Document
from khabar.text.lexicon import Lexicon
from khabar.text.normalizer import Normalizer, NormalizerStage, dewrap

ZWNJ = "\u200c"


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load()


@pytest.fixture(scope="module")
def normalizer(lexicon):
    return Normalizer(lexicon=lexicon)


def only(step: str, lexicon=None, **extra) -> Normalizer:
    """A normalizer with just one step switched on."""
    flags = {name: False for name in Normalizer.STEPS}
    flags[step] = extra.pop("value", True)
    return Normalizer(**flags, lexicon=lexicon, **extra)


@pytest.mark.parametrize("raw, expected", [
    ("سلام\u200fدنیا", "سلامدنیا"),                       # RLM deleted
    ("\ufeffخبر", "خبر"),                                # BOM
    ("ایـــران", "ایران"),                               # kashida
    ("کتاب\u200c ها", "کتاب ها"),                          # ZWNJ next to a space
    ("می\u200c\u200cشود", "می\u200cشود"),                  # doubled ZWNJ
    ("\u200cخانه\u200c", "خانه"),                         # ZWNJ at word edges
    ("گفت\u200b‌وگو", "گفت\u200cوگو"),                      # zero-width space deleted, ZWNJ kept
    ("می\u200cشود", "می\u200cشود"),                        # a correct ZWNJ stays
])
def test_normalizer_invisible(raw, expected):
    assert only("invisible").normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("علي كريمي", "علی کریمی"),
    ("مصطفى", "مصطفی"),
    ("جبهة", "جبهه"),
    ("ﺗﻬﺮﺍﻥ", "تهران"),                                    # presentation forms
    ("سه\u00a0شنبه", "سه شنبه"),                           # no-break space
])
def test_normalizer_characters(raw, expected):
    assert only("characters").normalize(raw) == expected


@pytest.mark.parametrize("mode, raw, expected", [
    ("keep", "سال ١٤٠٢ و 2023 و ۱۴۰۲", "سال ۱۴۰۲ و 2023 و ۱۴۰۲"),
    ("persian", "سال ١٤٠٢ و 2023", "سال ۱۴۰۲ و ۲۰۲۳"),
    ("latin", "سال ١٤٠٢ و ۱۴۰۲", "سال 1402 و 1402"),
])
def test_normalizer_digits(mode, raw, expected):
    assert only("digits", value=mode).normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("کِتاب", "کتاب"),
    ("مُحَمَّد", "محمد"),
    ("کاملاً", "کاملاً"),                                   # tanvin is spelling
    ("خانهٔ", "خانهٔ"),                                    # hamza above is spelling
])
def test_normalizer_diacritics(raw, expected):
    assert only("diacritics").normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("سلام ,دنیا", "سلام، دنیا"),
    ("چرا?", "چرا؟"),
    ("گفت ؛ ادامه", "گفت؛ ادامه"),
    ("کتاب ، قلم", "کتاب، قلم"),
    ("( سلام )", "(سلام)"),
    ("ایرنا:تهران", "ایرنا: تهران"),
    ("یک  دو   سه", "یک دو سه"),
    ("۳.۵ درصد", "۳.۵ درصد"),                             # numbers untouched
    ("ساعت 12:30", "ساعت 12:30"),
    ("ه.ش", "ه.ش"),                                       # abbreviation untouched
    ("www.irna.ir", "www.irna.ir"),
])
def test_normalizer_punctuation(raw, expected):
    assert only("punctuation").normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("قلمداد می\nکنیم", "قلمداد می کنیم"),
    ("عنوان خبر\n\nمتن خبر", "عنوان خبر\n\nمتن خبر"),      # paragraph break stays
    ("خط اول.\nخط دوم.", "خط اول.\nخط دوم."),              # short lines that end sentences stay
    ("این یک جمله نسبتا بلند است که\nدر میانه شکسته شده و ادامه\nدر خط سوم پیدا می‌کند تا\nپایان.",
     "این یک جمله نسبتا بلند است که در میانه شکسته شده و ادامه در خط سوم پیدا می‌کند تا پایان."),
])
def test_normalizer_dewrap(raw, expected):
    assert dewrap(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("گروه های مردمی", f"گروه{ZWNJ}های مردمی"),
    ("می دانیم", f"می{ZWNJ}دانیم"),
    ("نمی شود", f"نمی{ZWNJ}شود"),
    ("تعیین کننده ای", f"تعیین{ZWNJ}کننده{ZWNJ}ای"),
    ("بزرگ ترین", f"بزرگ{ZWNJ}ترین"),
    ("هیچکدام", f"هیچ{ZWNJ}کدام"),
    ("ای مردم", "ای مردم"),                                # vocative stays
    ("و ها", "و ها"),
    ("می سال", "می سال"),                                  # not a verb
])
def test_normalizer_zwnj(raw, expected, lexicon):
    assert only("zwnj", lexicon).normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("وقابل توجه", "و قابل توجه"),
    ("وتاکید کرد", "و تاکید کرد"),
    ("رویکردبکار", "رویکرد به کار"),                     # both splits: رویکرد|بکار, then ب|کار
    ("بعنوان", "به عنوان"),
    ("بنحوی", "به نحوی"),
    ("علیلاریجانی", "علی لاریجانی"),
    # correct words stay
    ("وزیر", "وزیر"), ("ورود", "ورود"), ("نیستند", "نیستند"), ("جبهه النصره", "جبهه النصره"),
    ("بازخواند", "بازخواند"), ("هماهنگیهای میدانی", "هماهنگیهای میدانی"), ("بنابراین", "بنابراین"),
    ("صفرپور", "صفرپور"), ("بیک‌زاده", "بیک‌زاده"), ("کریمآباد", "کریمآباد"),   # names, places
])
def test_normalizer_split_glued(raw, expected, lexicon):
    assert only("split_glued", lexicon).normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("شمخانی افزود؛ ما مي دانيم كه گروه هاي مردمي ...", f"شمخانی افزود؛ ما می{ZWNJ}دانیم که گروه{ZWNJ}های مردمی ..."),
    ("سال ١٤٠٢ ,وقابل توجه", "سال ۱۴۰۲، و قابل توجه"),
    ("قلمداد مي\nكنيم", f"قلمداد می{ZWNJ}کنیم"),
])
def test_normalizer_chain(raw, expected, normalizer):
    assert normalizer.normalize(raw) == expected


@pytest.mark.parametrize("correct", [
    "هماهنگی‌های میدانی", "شورای عالی امنیت ملی", "وزیر امور خارجه", "جبهه النصره", "به گزارش ایرنا،",
    "ایران از گفت‌وگو حمایت می‌کند.", "تأکید کرد که کاملاً آماده‌ایم.", "نیستند", "۳.۵ درصد",
])
def test_normalizer_keeps_correct_text(correct, normalizer):
    assert normalizer.normalize(correct) == correct


def test_normalizer_stage_offsets_point_to_raw(normalizer):
    raw = "ايـــران  ,وقابل"
    doc = NormalizerStage(lexicon=normalizer._lexicon)(Document.from_text(raw))
    assert doc.text == "ایران، و قابل"
    s, e = doc.raw_span(doc.text.index("قابل"), len(doc.text))
    assert raw[s:e] == "قابل"
    s, e = doc.raw_span(0, 5)
    assert raw[s:e] == "ايـــران"


persian_text = st.text(alphabet=st.sampled_from(list("ابپتسشمنویهکگيكىة ‌ـ،,.؟?!:؛«»()٠١۲3\n\t\u200f\u064e")),
                       max_size=60)


@settings(max_examples=150, deadline=None)
@given(persian_text)
def test_normalizer_is_idempotent(normalizer, text):
    once = normalizer.normalize(text)
    assert normalizer.normalize(once) == once


@settings(max_examples=150, deadline=None)
@given(persian_text)
def test_normalizer_map_is_monotonic_and_in_range(normalizer, text):
    new, offsets = normalizer.apply(text)
    if offsets is None:
        assert len(new) == len(text)
        return
    arr = offsets.array()
    assert len(arr) == len(new) + 1
    assert all(0 <= int(x) <= len(text) for x in arr)
    assert all(int(a) <= int(b) for a, b in zip(arr, arr[1:]))
    assert int(arr[-1]) == len(text)
