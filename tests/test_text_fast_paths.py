"""The text layer's fast paths give exactly what their plain forms give.

Each speed-up (patterns rewritten to start with one character class, gates, per-word memos, offsets from
``re.split``, tokens remembered per space-free piece, the lazy identity offset map) is checked against the
plain form it replaced, on Persian examples and on random strings (hypothesis).
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khabar
from khabar.document import Token
from khabar.offsets import OffsetMap, rewrite
from khabar.stages import SharedResources
from khabar.text import sentences as sentences_module
from khabar.text.lexical import _LETTERS, SUFFIXES
from khabar.text.lexicon import Lexicon
from khabar.text.normalizer import _L, ZWNJ, Normalizer
from khabar.text.tokenizer import _CLITIC_ENDS, TOKEN_PATTERN, Tokenizer

# the patterns as they were first written (readable; slower in Python's re)
PLAIN_SPACE_BEFORE = re.compile(r"[ \t]+(?=[،؛!؟]|[.:)»\]}](?:\s|$))|[(«\[{][ \t]+")
PLAIN_SPACE_AFTER = re.compile(f"[،؛!؟](?={_L})|[.:](?={_L}{{2}})")
# where _space_before can match, as one regex scan (the normalizer finds these with the compiled core's scans)
PLAIN_HINT = re.compile(r"[،؛!؟.:)»\]}(«\[{](?:(?<=[ \t][،؛!؟.:)»\]}])|(?<=[(«\[{])[ \t])")
BEFORE_HINTS = tuple(s + c for s in " \t" for c in "،؛!؟.:)»]}") + tuple(c + s for s in " \t" for c in "(«[{")

SPACING = st.text(alphabet=" \t\n،؛!؟.:)»]}(«[{بپaر1" + ZWNJ, max_size=14)
NEWS = st.text(alphabet="ابپتمنیهوکگشر ،.؛:!؟«»()\n\t" + ZWNJ + "يكة٠١َُ\u200bـ0۱", max_size=60)


@pytest.fixture(scope="module")
def plain_normalizer():
    return Normalizer(zwnj=False, split_glued=False)


@pytest.fixture(scope="module")
def full_normalizer():
    return Normalizer()


@pytest.fixture(scope="module")
def tokenizer():
    return Tokenizer()


def _has_stray_zwnj(text: str) -> bool:
    for m in re.finditer(f"{ZWNJ}+", text):
        s, e = m.span()
        if s == 0 or e == len(text) or not text[s - 1].isalnum() or not text[e].isalnum() or e - s > 1:
            return True
    return False


@settings(max_examples=300, deadline=None)
@given(SPACING)
def test_normalizer_spacing_patterns_match_their_plain_forms(plain_normalizer, text):
    n = plain_normalizer
    assert [m.span() for m in n._space_before.finditer(text)] == [m.span() for m in PLAIN_SPACE_BEFORE.finditer(text)]
    assert [m.span() for m in n._space_after.finditer(text)] == [m.span() for m in PLAIN_SPACE_AFTER.finditer(text)]
    hints = sorted(n._closers.next_to(text, n._blank, -1) + n._openers.next_to(text, n._blank, 1))
    assert hints == [m.start() for m in PLAIN_HINT.finditer(text)]
    assert bool(hints) == any(h in text for h in BEFORE_HINTS)
    candidates = n._after_marks.next_to(text, n._letters, 1)
    assert [i for i in candidates if n._space_after.match(text, i)] == [m.start() for m in n._space_after.finditer(text)]
    assert bool(n._bad_zwnj.search(text)) == _has_stray_zwnj(text)


@settings(max_examples=500, deadline=None)
@given(SPACING)
def test_normalizer_spaces_at_brackets_equal_plain_matches(plain_normalizer, text):
    """The spaces found from the marks are those of a scan of the whole text with the plain pattern."""
    expected = [(m.start() + (text[m.start()] not in " \t"), m.end()) for m in PLAIN_SPACE_BEFORE.finditer(text)]
    assert plain_normalizer._spaces_at_brackets(text) == expected


@settings(max_examples=300, deadline=None)
@given(NEWS)
def test_normalizer_clean_text_chain_equals_full_chain(full_normalizer, text):
    """apply() skips the character passes on clean text: the result and map are those of every step."""
    expected, total = text, None
    for _, step in full_normalizer.steps:
        expected, m = step(expected)
        total = m if total is None else (total if m is None else total.compose(m))
    got, offsets = full_normalizer.apply(text)
    assert got == expected
    assert (offsets.to_list() if offsets else None) == (total.to_list() if total else None)


WORDS = st.text(alphabet="هایترکندگمش بو،\n\u200ca", max_size=24)


@settings(max_examples=300, deadline=None)
@given(WORDS)
def test_lexical_suffix_scan_matches_its_plain_form(full_normalizer, text):
    """The ZWNJ step's spaced suffixes (the compiled core's WordSet) are the plain pattern's matches."""
    lexical = full_normalizer._lexical
    suffixes = "|".join(sorted(SUFFIXES, key=len, reverse=True))
    plain = re.compile(f" (?:{suffixes})(?![{_LETTERS}{ZWNJ}])")
    assert lexical._suffix_words.after(text, " ") == [m.start() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(WORDS, st.integers(min_value=0, max_value=24))
def test_lexical_word_before_matches_a_backward_scan(full_normalizer, text, pos):
    pos = min(pos, len(text))
    start = pos
    while start > 0 and (text[start - 1] == ZWNJ or "\u0600" <= text[start - 1] <= "\u06ff"):
        start -= 1
    assert full_normalizer._lexical._word_before(text, pos) == text[start:pos]


@pytest.mark.parametrize("text, expected", [
    ("او نمی دانست که ما می دانیم", "او نمی‌دانست که ما می‌دانیم"),
    ("آنمی دانم", "آنمی دانم"),                 # no prefix inside a word
    ("گروه های مردمی بعنوان نمونه", "گروه‌های مردمی به عنوان نمونه"),
    ("وقابل توجه، وقابل توجه", "و قابل توجه، و قابل توجه"),  # every occurrence of a glued chunk
    ("سلام ( دنیا ) .", "سلام (دنیا)."),
    ("گروه های مردمی و گروه های دیگر", "گروه‌های مردمی و گروه‌های دیگر"),  # a remembered decision
    ("تعیین کننده ای و کتاب ها", "تعیین‌کننده‌ای و کتاب‌ها"),
])
def test_normalizer_fast_steps_examples(full_normalizer, text, expected):
    assert full_normalizer.normalize(text) == expected


def _plain_sentences(splitter, text: str) -> list[tuple[int, int]]:
    """The sentence splitter as first written: ``_END.finditer``, then each piece trimmed and its dateline
    split off."""
    bounds = [m.end() for m in sentences_module._END.finditer(text)
              if not (m.group()[0] != "\n" and m.group().rstrip("»\"”')]") == "."
                      and splitter._is_abbreviation(text, m.start()))]
    spans, prev = [], 0
    for b in bounds + [len(text)]:
        start, end = prev, b
        prev = b
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            pieces = splitter._dateline_pieces(text, start, end) if ":" in text[start:end] else None
            spans.extend(pieces or [(start, end)])
    return spans


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="اب .!?؟…\n»)0:-\u00a0م", max_size=40))
def test_sentences_core_loop_equals_the_regex_form(text):
    """sentence_spans (compiled, and the plain module's) gives what _END.finditer and trimming give."""
    import importlib.util
    import sys

    from khabar import core

    splitter = sentences_module.SentenceSplitter()
    expected = _plain_sentences(splitter, text)
    assert splitter.split(text) == expected
    plain = sys.modules.get("khabar_core_plain")
    if plain is None:
        spec = importlib.util.spec_from_file_location("khabar_core_plain", core.__file__.rsplit("/", 1)[0] + "/core.py")
        plain = importlib.util.module_from_spec(spec)
        sys.modules["khabar_core_plain"] = plain
        spec.loader.exec_module(plain)
    assert plain.sentence_spans(text, splitter._is_abbreviation, splitter._dateline_pieces) == expected


def _plain_tokens(tokenizer: Tokenizer, text: str) -> list[Token]:
    """The tokenizer as first written: one Match per token, clitics decided per token."""
    out = []
    for m in TOKEN_PATTERN.finditer(text):
        word, s, e = m.group(), m.start(), m.end()
        cut = tokenizer.splitter.split(word) if word[-1] in _CLITIC_ENDS and len(word) > 2 else None
        if cut is None:
            out.append(Token(s, e, word))
        else:
            n = cut[0]
            out += [Token(s, s + n, word[:n], surface=(s, e)), Token(s + n, e, word[n:], surface=(s, e))]
    return out


@pytest.mark.parametrize("text", [
    "کتابش را به دوستانشان دادند و گفتند: مرا ببخشید.",
    "در ۱۴۰۲/۰۱/۲۰، ۵.۵ ٪ رشد؛ www.irna.ir #ایران info@irna.ir CoRoT-7b ...",
    "",
    "  ",
])
def test_tokenizer_tokens_equal_plain_tokens(tokenizer, text):
    assert tokenizer.tokens(text) == _plain_tokens(tokenizer, text)


@settings(max_examples=200, deadline=None)
@given(NEWS)
def test_tokenizer_tokens_equal_plain_tokens_random(tokenizer, text):
    assert tokenizer.tokens(text) == _plain_tokens(tokenizer, text)


SPACED = st.text(alphabet="ابکتشمن «»،.:%٪۵5a\n\t" + ZWNJ, max_size=40)


@pytest.mark.parametrize("text", [
    "۵ ٪ و ۵٪ و 5 %",            # a percent sign after a space joins the number: the plain path
    "  دو  فاصله  ",              # empty pieces between spaces
    "کتابش،\nدفترش «کارش» و.",   # pieces with a line break, quotes and clitics
])
def test_tokenizer_space_pieces_equal_plain_tokens(tokenizer, text):
    assert tokenizer.tokens(text) == _plain_tokens(tokenizer, text)


@settings(max_examples=300, deadline=None)
@given(SPACED, SPACED)
def test_tokenizer_space_pieces_equal_plain_tokens_random(tokenizer, first, second):
    """Pieces remembered from one text give the same tokens in the next."""
    for text in (first, second, first + " " + second):
        assert tokenizer.tokens(text) == _plain_tokens(tokenizer, text)


def test_tokenizer_new_splitter_forgets_old_decisions(tokenizer):
    tok = Tokenizer(lexicon=None)
    assert [t.text for t in tok.tokens("کتابش")] == ["کتاب", "ش"]
    tok.splitter = None
    assert [t.text for t in tok.tokens("کتابش")] == ["کتابش"]


def test_lexicon_bytes_round_trip():
    lex = Lexicon({"وزیر": 12, "گفت": 3}, {"وزیر": "hn"}, {"به عنوان": 7})
    again = Lexicon.from_bytes(lex.to_bytes())
    assert (again.counts, again.flags, again.bigrams) == (lex.counts, lex.flags, lex.bigrams)
    assert again.bigram("به", "عنوان") == 7 and again.count("گفت") == 3


def test_lexicon_rejects_tabs():
    with pytest.raises(ValueError):
        Lexicon({"a\tb": 1}, {}, {}).to_bytes()


def test_load_reads_the_lexicon_once_for_normalizer_and_tokenizer():
    nlp = khabar.load(["normalizer", "sentences", "tokenizer"])
    lexicon = nlp.get("normalizer").normalizer._lexicon
    assert nlp.get("tokenizer").tokenizer.splitter.counts is lexicon.counts


def test_shared_resources_load_once():
    calls = []
    shared = SharedResources()
    first = shared.get("x", lambda: calls.append(1) or object())
    assert shared.get("x", lambda: calls.append(1) or object()) is first and calls == [1]


@pytest.mark.parametrize("length", [0, 1, 7])
def test_offsets_identity_is_lazy_and_exact(length):
    m = OffsetMap.identity(length)
    assert len(m) == length and m.raw_length == length and m.is_identity()
    assert [m.to_raw(i) for i in range(length + 1)] == list(range(length + 1))
    assert m.to_list() == OffsetMap(m.array().copy()).to_list()
    assert m.array().tolist() == list(range(length + 1))


def test_offsets_compose_with_identity():
    text, later = rewrite("ab  c", [(2, 4, " ")])
    assert OffsetMap.identity(5).compose(later).to_list() == later.to_list()
    assert later.compose(OffsetMap.identity(len(text))).to_list() == later.to_list()
