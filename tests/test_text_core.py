"""The compiled core (``khabar/core.py`` built by Cython) and the same module run as plain Python agree.

The install compiles the core (``setup.py``); ``KHABAR_PURE=1`` at run time imports the plain module. Every
behaviour is checked on both: tokens (equality, repr, pickling, JSON form), the token-building loop, the
character scans, and the text pipeline end to end.
"""
from __future__ import annotations

import importlib.util
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khabar
import khabar.core as core

PLAIN_PATH = Path(khabar.__file__).with_name("core.py")


def _plain_module():
    spec = importlib.util.spec_from_file_location("khabar_core_plain", PLAIN_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["khabar_core_plain"] = module  # so that pickle finds its classes
    spec.loader.exec_module(module)
    return module


PLAIN = _plain_module()
MODULES = pytest.mark.parametrize("mod", [core, PLAIN], ids=["imported", "plain"])


def test_core_is_compiled_by_the_install():
    if os.environ.get("KHABAR_PURE", "") not in ("", "0"):
        pytest.skip("KHABAR_PURE is set: the plain core is imported on purpose")
    assert core.COMPILED, f"khabar.core was not compiled by the install ({core.__file__}); see setup.py"
    assert not PLAIN.COMPILED


def test_core_compiled_module_is_newer_than_its_source():
    """An edited core.py or core.pxd needs a rebuild (``pip install -e .``), or the old code would run."""
    if not core.COMPILED:
        pytest.skip("plain core")
    built = os.path.getmtime(core.__file__)
    for source in (PLAIN_PATH, PLAIN_PATH.with_suffix(".pxd")):
        assert os.path.getmtime(source) <= built + 1, f"{source.name} changed after the core was built"


@MODULES
def test_core_token_behaves_like_a_dataclass(mod):
    tok = mod.Token(0, 6, "شمخانی", "شمخانی", "PROPN", surface=(0, 7))
    assert (tok.start, tok.end, tok.text, tok.lemma, tok.pos, tok.xpos, tok.feats, tok.surface) == (
        0, 6, "شمخانی", "شمخانی", "PROPN", None, None, (0, 7))
    assert tok == mod.Token(0, 6, "شمخانی", "شمخانی", "PROPN", None, None, (0, 7))
    assert tok != mod.Token(0, 6, "شمخانی", "شمخانی", "NOUN", surface=(0, 7))
    assert repr(tok) == ("Token(start=0, end=6, text='شمخانی', lemma='شمخانی', pos='PROPN', xpos=None, "
                         "feats=None, surface=(0, 7))")
    tok.pos = "NOUN"
    assert tok.pos == "NOUN"
    with pytest.raises(TypeError):
        hash(tok)
    with pytest.raises(AttributeError):
        tok.colour = "red"
    assert pickle.loads(pickle.dumps(tok)) == tok
    assert mod.Token.from_dict(json.loads(json.dumps(tok.to_dict()))) == tok
    assert mod.Token(1, 2, "و").to_dict() == {"start": 1, "end": 2, "text": "و", "lemma": None, "pos": None}


LAYOUTS = {"کارش،": (((0, 3, "کار", (0, 4)), (3, 4, "ش", (0, 4)), (4, 5, "،", None)),),
           "کارش": (((0, 3, "کار", (0, 4)), (3, 4, "ش", (0, 4))),)}
PIECES = [
    ("گروه ها", [(0, 4, "گروه", None), (5, 7, "ها", None)]),
    (" سلام ", [(1, 5, "سلام", None)]),
    ("کارش،", [(0, 3, "کار", (0, 4)), (3, 4, "ش", (0, 4)), (4, 5, "،", None)]),
    ("در\nکارش", [(0, 2, "در", None), (3, 6, "کار", (3, 7)), (6, 7, "ش", (3, 7))]),
    ("  \n ", []),
    ("", []),
]


@MODULES
@pytest.mark.parametrize("text,expected", PIECES)
def test_core_build_tokens_places_pieces(mod, text, expected):
    memo = mod.PieceMemo(LAYOUTS.get, mod.CharClass(" \n"))
    for _ in range(2):  # computed, then remembered
        tokens = mod.build_tokens(text, memo)
        assert [(t.start, t.end, t.text, t.surface) for t in tokens] == expected
        assert all(type(t) is mod.Token and t.lemma is None and t.pos is None for t in tokens)


@MODULES
def test_core_piece_memo_computes_each_piece_once(mod):
    asked = []

    def compute(piece):
        asked.append(piece)
        return len(piece) > 1

    memo = mod.PieceMemo(compute, mod.CharClass(" "))
    assert memo.marked("الف ب الف") == [(0, "الف", True), (6, "الف", True)]
    assert memo.pieces("ب الف") == [(0, "ب", False), (2, "الف", True)]
    assert sorted(asked) == ["الف", "ب"] and len(memo) == 2


@MODULES
def test_core_piece_memo_grows_and_starts_afresh_past_its_limit(mod):
    memo = mod.PieceMemo(len, mod.CharClass(" "), limit=20_000)
    words = [f"w{i}" for i in range(15_000)]  # the table grows several times
    text = " ".join(words)
    assert memo.pieces(text) == memo.pieces(text)
    assert [p for _, p, _ in memo.pieces(text)] == words and len(memo) == 15_000
    memo.pieces(" ".join(f"x{i}" for i in range(6_000)))
    assert len(memo) == 21_000
    assert [v for _, _, v in memo.pieces("ab c")] == [2, 1]  # past the limit: cleared, then these two
    assert len(memo) == 2


PIECE_TEXT = st.text(alphabet=" \t\nابپa1\u200c\U0001F600", max_size=50)


@MODULES
@settings(max_examples=200, deadline=None)
@given(texts=st.lists(PIECE_TEXT, min_size=1, max_size=4), seps=st.sampled_from([" ", " \n", " \t\n\u200c", "ا"]))
def test_core_piece_memo_equals_a_regex_split(mod, texts, seps):
    """Pieces are the runs between separators, each with its value, whatever was remembered before."""
    memo = mod.PieceMemo(lambda piece: piece.count("ب"), mod.CharClass(seps))
    for text in texts:
        runs = [(m.start(), m.group(), m.group().count("ب")) for m in re.finditer(f"[^{re.escape(seps)}]+", text)]
        assert memo.pieces(text) == runs
        assert memo.marked(text) == [r for r in runs if r[2]]


CLASS_TEXT = st.text(alphabet=" \t\n،؛.:()«»[]{}ابپیكي\u200c\u200baz1۱٠-^\\]", max_size=40)


@MODULES
@settings(max_examples=300, deadline=None)
@given(text=CLASS_TEXT, chars=st.text(alphabet="،؛.:()«»[] \tابي-^\\]\u200b", min_size=1, max_size=6),
       near=st.text(alphabet=" \tابa-^]", min_size=1, max_size=4), offset=st.sampled_from([-1, 1]))
def test_core_charclass_scans_equal_regex_scans(mod, text, chars, near, offset):
    cls, other = mod.CharClass(chars), mod.CharClass(near)
    in_cls = [i for i, c in enumerate(text) if c in chars]
    assert cls.find(text) == (in_cls[0] if in_cls else -1)
    assert cls.next_to(text, other, offset) == [i for i in in_cls if 0 <= i + offset < len(text)
                                                 and text[i + offset] in near]
    assert [m.start() for m in cls.pattern.finditer(text)] == in_cls


@MODULES
def test_core_charclass_rejects_astral_characters_and_bad_offsets(mod):
    with pytest.raises(ValueError, match="Basic Multilingual Plane"):
        mod.CharClass("a\U0001F600")
    with pytest.raises(ValueError):
        mod.CharClass("a").next_to("ab", mod.CharClass("b"), 2)
    # astral characters in the scanned text are never in a class
    assert mod.CharClass("a").find("\U0001F600a") == 1


TEXTS = [
    "گروه های مردمي ( سلام ) ،وقابل  توجه\u200b است .و",
    "  « سلام »  [ x ] { y }  کارش را گفت ؛ می دانیم",
    "تهران - ایرنا: وزیر گفت: کار ادامه دارد. سال ۱۳۵۷ ه.ش. بود!\n\nرشد ۵ ٪ بود، www.irna.ir #ایران",
    "الف:ب. ج؛د،ه!و؟ز",
    "",
]


def test_core_plain_and_compiled_pipelines_agree():
    """The text stages give the same document with the plain core (``KHABAR_PURE=1``, another process)."""
    code = ("import json, sys, khabar\n"
            "nlp = khabar.load(['normalizer', 'sentences', 'tokenizer'])\n"
            "texts = json.loads(sys.stdin.read())\n"
            "print(khabar.core.COMPILED)\n"
            "print(json.dumps([nlp(t).to_dict() for t in texts], ensure_ascii=False))\n")
    env = dict(os.environ, KHABAR_PURE="1")
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(TEXTS), capture_output=True, text=True,
                         env=env, check=True, timeout=120).stdout.splitlines()
    assert out[0] == "False"
    nlp = khabar.load(["normalizer", "sentences", "tokenizer"])
    assert json.loads(out[1]) == [nlp(t).to_dict() for t in TEXTS]


def test_core_regex_class_escapes():
    """CharClass.pattern is a class of exactly its characters, whatever they are."""
    for chars in ("]", "^", "-", "\\", "a-z", "[^]"):
        pattern = PLAIN.CharClass(chars).pattern
        assert {c for c in "]^-\\az[b" if pattern.fullmatch(c)} == set(chars) & set("]^-\\az[b")
        assert re.compile(pattern.pattern) is not None


EDITS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 3), st.text(alphabet="ab\u200c ", max_size=3)),
                 max_size=6)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="سلام ", min_size=0, max_size=30), raw_edits=EDITS)
def test_core_edit_positions_equal_the_numpy_map(monkeypatch_module, text, raw_edits):
    """offsets.rewrite fills the offset map in the compiled core, else with numpy: the same map."""
    from khabar import offsets

    edits, prev = [], 0
    for start, span, rep in sorted(raw_edits):
        start = max(start, prev)
        end = min(start + span, len(text))
        if start > len(text):
            break
        edits.append((start, end, rep))
        prev = end
    compiled_text, compiled_map = offsets.rewrite(text, edits)
    monkeypatch_module.setattr(core, "COMPILED", False)
    try:
        plain_text, plain_map = offsets.rewrite(text, edits)
    finally:
        monkeypatch_module.undo()
    assert compiled_text == plain_text
    assert (compiled_map is None) == (plain_map is None)
    if compiled_map is not None:
        assert compiled_map.array().tolist() == plain_map.array().tolist()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_core_edit_positions_rejects_bad_edits():
    if not core.COMPILED:
        pytest.skip("plain core")
    with pytest.raises(ValueError):
        core.edit_positions(5, [(3, 4, ""), (2, 3, "")], 3)
    with pytest.raises(ValueError):
        core.edit_positions(5, [(1, 2, "xy")], 5)


@MODULES
def test_core_piece_memo_is_safe_when_threads_share_it(mod):
    """The API serves requests from threads that share one pipeline: a piece computed while another thread
    fills or grows the table still lands where look-ups find it, and results never mix up."""
    import threading
    import time

    def compute(piece):
        time.sleep(0)  # let another thread run in the middle of an insertion
        return len(piece)

    memo = mod.PieceMemo(compute, mod.CharClass(" "))
    texts = [" ".join(f"w{t}x{i}" for i in range(3000)) for t in range(4)]
    results, errors = {}, []

    def work(t):
        try:
            for _ in range(2):
                results[t] = memo.pieces(texts[t])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for t, text in enumerate(texts):
        assert results[t] == [(m.start(), m.group(), len(m.group())) for m in re.finditer(r"\S+", text)]
    assert len(memo) == 12_000
