"""Persian normalization as a chain of small named steps, with an exact map back to the raw text.

Steps, in order (each can be switched off by a factory option of the same name, e.g.
``khabar.load(options={"normalizer": {"dewrap": False}})``):

``invisible``
    delete stray bidi controls, zero-width spaces/joiners, BOM, soft hyphens and kashida (``ـ``);
    drop a ZWNJ next to a space or at a word edge, collapse doubled ZWNJs.
``characters``
    Arabic ``ي ى ك ة`` → Persian ``ی ی ک ه``, Arabic presentation forms → base letters; no-break spaces → space.
``digits``
    Arabic-Indic digits ``٠١٢`` → Persian ``۰۱۲``; Persian and Latin digits stay as written (the UD
    treebanks keep digits as written: PerDT uses Latin, Seraji Persian digits). ``digits="persian"`` or
    ``"latin"`` unify all digits instead.
``diacritics``
    delete short vowels, sukun and shadda (``َ ُ ِ ْ ّ``); tanvin ``ً`` and hamza ``ٔ`` stay (they are spelling).
``dewrap``
    join hard-wrapped lines (a single line break inside a sentence, e.g. ``قلمداد می⏎کنیم``) with a space;
    blank lines (paragraph breaks) stay.
``punctuation``
    Latin ``,`` ``;`` ``?`` in Persian context → ``،`` ``؛`` ``؟``; no space before ``. ، ؛ : ! ؟ ) »``, one
    space after them before a Persian letter; runs of spaces → one space.
``split_glued``
    split words glued together when the lexicon says the parts are far more frequent than the whole:
    ``وقابل`` → ``و قابل``, ``بعنوان`` → ``به عنوان``, ``رویکردبکار`` → ``رویکرد به کار``; ``وزیر``, ``ورود``,
    ``نیستند`` stay.
``zwnj``
    a ZWNJ instead of the space after prefixes and before suffixes when the lexicon knows the joined word:
    ``گروه های`` → ``گروه‌های``, ``می دانیم`` → ``می‌دانیم``, ``تعیین کننده ای`` → ``تعیین‌کننده‌ای``;
    glued ``هیچکدام`` → ``هیچ‌کدام``.

Every step returns its text and an :class:`~khabar.offsets.OffsetMap` (or ``None`` when it kept the
length); the stage composes them into ``doc.offsets``. The chain is idempotent: ``split_glued`` re-applies
itself to the parts it makes and runs before ``zwnj``, whose joins never create a glued word.

>>> n = Normalizer()
>>> n.normalize("گروه های مردمي")
'گروه‌های مردمی'
"""
from __future__ import annotations

import re
from typing import Callable

from khabar.core import CharClass, class_chars
from khabar.document import Document
from khabar.offsets import OffsetMap, rewrite

ZWNJ = "\u200c"
PERSIAN_LETTERS = "آ-ی\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
_L = f"[{PERSIAN_LETTERS}]"

# one character for one: no offset map needed
CHARACTER_TABLE = str.maketrans({
    "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۍ": "ی", "ې": "ی", "ﻱ": "ی", "ﻲ": "ی", "ﻳ": "ی", "ﻴ": "ی",
    "ﯼ": "ی", "ﯽ": "ی", "ﯾ": "ی", "ﯿ": "ی", "ﻙ": "ک", "ﻚ": "ک", "ﻛ": "ک", "ﻜ": "ک", "ﮎ": "ک", "ﮏ": "ک",
    "ﮐ": "ک", "ﮑ": "ک", "ﺍ": "ا", "ﺎ": "ا", "ﺏ": "ب", "ﺐ": "ب", "ﺑ": "ب", "ﺒ": "ب", "ﭖ": "پ", "ﭗ": "پ",
    "ﭘ": "پ", "ﭙ": "پ", "ﺕ": "ت", "ﺖ": "ت", "ﺗ": "ت", "ﺘ": "ت", "ﺩ": "د", "ﺪ": "د", "ﺭ": "ر", "ﺮ": "ر",
    "ﺯ": "ز", "ﺰ": "ز", "ﺱ": "س", "ﺲ": "س", "ﺳ": "س", "ﺴ": "س", "ﻡ": "م", "ﻢ": "م", "ﻣ": "م", "ﻤ": "م",
    "ﻥ": "ن", "ﻦ": "ن", "ﻧ": "ن", "ﻨ": "ن", "ﻭ": "و", "ﻮ": "و", "ﻩ": "ه", "ﻪ": "ه", "ﻫ": "ه", "ﻬ": "ه",
    "ﻝ": "ل", "ﻞ": "ل", "ﻟ": "ل", "ﻠ": "ل", "ﮒ": "گ", "ﮓ": "گ", "ﮔ": "گ", "ﮕ": "گ",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u3000": " ",
})
ARABIC_INDIC_TO_PERSIAN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")
ALL_TO_PERSIAN = str.maketrans("٠١٢٣٤٥٦٧٨٩0123456789", "۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹")
ALL_TO_LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# deleted characters: bidi controls, ZWSP, ZWJ, word joiner, BOM, soft hyphen, kashida
INVISIBLE = "\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff\u00ad\u0640"
DIACRITICS = "\u064e\u064f\u0650\u0651\u0652"

# Step = text -> (new text, map back to the step's input or None)
Step = Callable[[str], "tuple[str, OffsetMap | None]"]


def unify_characters(text: str) -> str:
    """The length-preserving part of the chain (characters, Arabic-Indic digits): what the lexicon trainer
    applies to its corpora so that counts match run-time text."""
    return text.translate(CHARACTER_TABLE).translate(ARABIC_INDIC_TO_PERSIAN)


def _deletions(text: str, pattern: re.Pattern[str]) -> tuple[str, OffsetMap | None]:
    return rewrite(text, ((m.start(), m.end(), "") for m in pattern.finditer(text)))


class Normalizer:
    """The normalization chain. Options are the step names (bool) plus ``digits`` and ``lexicon``.

    ``lexicon`` is a loaded :class:`~khabar.text.lexicon.Lexicon` (loaded from the package when ``None``
    and a lexicon step is on)."""

    STEPS = ("invisible", "characters", "digits", "diacritics", "dewrap", "punctuation", "split_glued", "zwnj")
    LEXICON_STEPS = ("split_glued", "zwnj")

    def __init__(self, *, invisible: bool = True, characters: bool = True, digits: str | bool = "keep",
                 diacritics: bool = True, punctuation: bool = True, dewrap: bool = True, zwnj: bool = True,
                 split_glued: bool = True, lexicon=None) -> None:
        if digits is True:
            digits = "keep"
        if digits not in (False, "keep", "persian", "latin"):
            raise ValueError(f"digits must be 'keep', 'persian', 'latin' or False, not {digits!r}")
        self.enabled = {"invisible": invisible, "characters": characters, "digits": bool(digits),
                        "diacritics": diacritics, "punctuation": punctuation, "dewrap": dewrap, "zwnj": zwnj,
                        "split_glued": split_glued}
        self._digit_table = {"keep": ARABIC_INDIC_TO_PERSIAN, "persian": ALL_TO_PERSIAN,
                             "latin": ALL_TO_LATIN}.get(digits or "keep")
        self._invisible = re.compile(f"[{INVISIBLE}]+")
        # a ZWNJ only belongs between two letters, once
        self._zwnj_run = re.compile(f"{ZWNJ}+")
        self._diacritics = re.compile(f"[{DIACRITICS}]+")
        # patterns start with a literal or a class (no leading look-behind): they scan fast
        # ``[ \t]+(?=[،؛!؟]|[.:)»\]}](?:\s|$))|[(«\[{][ \t]+``, led by one character class (fast scan)
        self._space_before = re.compile(
            r"[ \t(«\[{](?:(?<=[ \t])[ \t]*(?=[،؛!؟]|[.:)»\]}](?:\s|$))|(?<=[(«\[{])[ \t]+)")
        # ``[،؛!؟](?=L)|[.:](?=LL)`` written to start with one character class, which the regex engine
        # scans for quickly (a pattern starting with an alternation is tried at every position)
        self._space_after = re.compile(f"[،؛!؟.:](?={_L})(?:(?<![.:])|(?={_L}{{2}}))")
        # where _space_before can match: a closing mark after a space or tab, an opening mark before one
        # (found by the compiled core's character scans, several times faster than a regex class scan)
        self._closers, self._openers, self._blank = CharClass("،؛!؟.:)»]}"), CharClass("(«[{"), CharClass(" \t")
        # where _space_after can match: one of its marks right before a Persian letter
        self._after_marks, self._letters = CharClass("،؛!؟.:"), CharClass(class_chars(PERSIAN_LETTERS))
        # a ZWNJ that step_invisible changes: not between two letters/digits, or doubled
        self._bad_zwnj = re.compile(f"{ZWNJ}(?:(?<![^\\W_]{ZWNJ})|{ZWNJ}|(?![^\\W_]))")
        self._spaces = re.compile(r"[ \t]{2,}|\t|[ \t]+(?=\n)|\n[ \t]+")
        self._latin_punct = re.compile(r"[,;?]")
        self._letter = re.compile(_L)
        self._characters = re.compile("[" + "".join(chr(c) for c in CHARACTER_TABLE) + "]")
        self._arabic_digits = re.compile("[٠-٩]" if digits in (True, "keep") else "[٠-٩0-9۰-۹]")
        self._line = re.compile(r"[^\n]+")
        self._lexicon = lexicon
        if lexicon is None and (zwnj or split_glued):
            from khabar.text.lexicon import Lexicon

            self._lexicon = Lexicon.load()
        self._lexical = None
        if self._lexicon is not None and (zwnj or split_glued):
            from khabar.text.lexical import LexicalSteps

            self._lexical = LexicalSteps(self._lexicon)
        self.steps: list[tuple[str, Step]] = [(name, getattr(self, f"step_{name}")) for name in self.STEPS
                                             if self.enabled[name]]
        # Most news text holds none of the characters that the invisible, characters, digits and diacritics
        # steps change: one scan for all of them lets apply() run a shorter chain (same output).
        rare = INVISIBLE + "".join(chr(c) for c in CHARACTER_TABLE) + DIACRITICS
        quiet = {"characters", "diacritics"}
        if digits == "keep":
            rare += "٠-٩"
            quiet.add("digits")
        self._rare = CharClass(class_chars(rare))
        self._clean_steps: list[tuple[str, Step]] = [
            (name, self._stray_zwnj if name == "invisible" else step) for name, step in self.steps
            if name not in quiet]

    # --- the steps --------------------------------------------------------------------------------
    def step_invisible(self, text: str) -> tuple[str, OffsetMap | None]:
        text, first = _deletions(text, self._invisible)
        text, second = self._stray_zwnj(text)
        return text, _chain(first, second)

    def _stray_zwnj(self, text: str) -> tuple[str, OffsetMap | None]:
        """The ZWNJ part of ``invisible``: drop a ZWNJ not between two letters, collapse doubled ones."""
        if ZWNJ not in text or not self._bad_zwnj.search(text):
            return text, None
        edits = []
        n = len(text)
        for m in self._zwnj_run.finditer(text):
            s, e = m.span()
            if s == 0 or e == n or not text[s - 1].isalnum() or not text[e].isalnum():
                edits.append((s, e, ""))
            elif e - s > 1:
                edits.append((s + 1, e, ""))
        if not edits:
            return text, None
        return rewrite(text, edits)

    def step_characters(self, text: str) -> tuple[str, OffsetMap | None]:
        if not self._characters.search(text):
            return text, None
        return text.translate(CHARACTER_TABLE), None

    def step_digits(self, text: str) -> tuple[str, OffsetMap | None]:
        if not self._arabic_digits.search(text):
            return text, None
        return text.translate(self._digit_table), None

    def step_diacritics(self, text: str) -> tuple[str, OffsetMap | None]:
        return _deletions(text, self._diacritics)

    def _is_letter(self, text: str, pos: int) -> bool:
        return 0 <= pos < len(text) and self._letter.match(text, pos) is not None

    _SPACES_HINTS = ("  ", "\t", " \n", "\n ")

    def step_punctuation(self, text: str) -> tuple[str, OffsetMap | None]:
        if "," in text or ";" in text or "?" in text:
            chars = None
            table = {",": "،", ";": "؛", "?": "؟"}
            for m in self._latin_punct.finditer(text):
                i = m.start()
                before, after = i - 1, i + 1
                while before >= 0 and text[before] in " \t":
                    before -= 1
                while after < len(text) and text[after] in " \t":
                    after += 1
                if self._is_letter(text, before) or self._is_letter(text, after):
                    chars = chars or list(text)
                    chars[i] = table[text[i]]
            if chars is not None:
                text = "".join(chars)
        edits = []
        for start, end in self._spaces_at_brackets(text):
            edits.append((start, end, ""))
        # the _SPACES_HINTS substring tests, one-character ones first (a C scan for one character is fast)
        maybe = "\t" in text or "  " in text or ("\n" in text and (" \n" in text or "\n " in text))
        spaces = self._spaces.finditer(text) if maybe else ()
        for m in spaces:
            start, end = m.start(), m.end()
            if text[start] == "\n":
                edits.append((start + 1, end, ""))
            elif end < len(text) and text[end] == "\n" or start == 0 or end == len(text):
                edits.append((start, end, ""))
            elif end - start > 1 or text[start] == "\t":
                edits.append((start, end, " "))
        space_after = self._space_after.match
        for i in self._after_marks.next_to(text, self._letters, 1):
            if space_after(text, i) is None:
                continue
            if text[i] in ".:" and not (self._is_letter(text, i - 1) and self._is_letter(text, i - 2)):
                continue
            edits.append((i + 1, i + 1, " "))
        if not edits:
            return text, None
        return rewrite(text, _merge_edits(edits))

    def _spaces_at_brackets(self, text: str) -> list[tuple[int, int]]:
        """Spans of the spaces to delete before a closing mark or after an opening one: the matches of
        ``_space_before`` (without the opening mark), found from the marks that the compiled core's character
        scans find. Every match has such a mark (a closing mark right after its spaces, or an opening mark at its
        start), so trying ``_space_before`` only there finds every match; this avoids a scan that stops at
        every space of the text."""
        spans = []
        last = 0  # where the previous match ended: matches do not overlap
        match = self._space_before.match
        hints = self._closers.next_to(text, self._blank, -1)
        openers = self._openers.next_to(text, self._blank, 1)
        if openers:
            hints = sorted(hints + openers)
        for pos in hints:
            if text[pos] not in "(«[{":  # a closing mark: the match starts at the run of spaces before it
                while pos > 0 and text[pos - 1] in " \t":
                    pos -= 1
            if pos < last:
                continue
            m = match(text, pos)
            if m is not None:
                spans.append((m.start() + (text[m.start()] not in " \t"), m.end()))
                last = m.end()
        return spans

    def step_dewrap(self, text: str) -> tuple[str, OffsetMap | None]:
        if "\n" not in text:
            return text, None
        return dewrap(text), None

    def step_zwnj(self, text: str) -> tuple[str, OffsetMap | None]:
        if self._lexical is None:
            return text, None
        return self._lexical.zwnj(text)

    def step_split_glued(self, text: str) -> tuple[str, OffsetMap | None]:
        if self._lexical is None:
            return text, None
        return self._lexical.split_glued(text)

    # --- running the chain ------------------------------------------------------------------------
    def apply(self, text: str) -> tuple[str, OffsetMap | None]:
        """Normalize ``text``; return the result and its map back to ``text`` (None if length unchanged)."""
        total: OffsetMap | None = None
        for _, step in (self.steps if self._rare.find(text) >= 0 else self._clean_steps):
            text, m = step(text)
            total = _chain(total, m)
        return text, total

    def normalize(self, text: str) -> str:
        return self.apply(text)[0]


def _chain(total: OffsetMap | None, later: OffsetMap | None) -> OffsetMap | None:
    if later is None:
        return total
    return later if total is None else total.compose(later)


def _merge_edits(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sort edits and drop any that overlap an earlier one."""
    out: list[tuple[int, int, str]] = []
    end = -1
    for e in sorted(edits, key=lambda e: (e[0], e[1])):
        if e[0] < end or (out and e[0] == out[-1][0] and e[1] == out[-1][1] == e[0]):
            continue
        out.append(e)
        end = max(end, e[1])
    return out


_TERMINAL = ".!?؟:;؛…»\"')]*-–—|"


def dewrap(text: str) -> str:
    """Replace line breaks that hard-wrap a sentence by spaces (one character for one).

    A break is a wrap when it is a single ``\\n`` (not a blank line) and either the line before ends in
    ``می``/``نمی`` (a verb split from its prefix), or the text looks hard-wrapped (most lines of similar
    length) and the line before does not end a sentence."""
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    lengths = sorted(len(x) for x in lines if x.strip())
    wrapped = False
    if len(lengths) >= 3:
        width = lengths[int(0.9 * (len(lengths) - 1))]
        near = sum(1 for n in lengths if n >= 0.6 * width)
        wrapped = width <= 150 and near >= 0.6 * len(lengths)
    chars = list(text)
    pos = 0
    for k, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[k + 1]
        stripped = line.rstrip()
        if stripped and nxt.strip():
            last_word = stripped.rsplit(None, 1)[-1]
            if last_word in ("می", "نمی") or (wrapped and stripped[-1] not in _TERMINAL):
                chars[pos] = " "
        pos += 1
    return "".join(chars)


class NormalizerStage:
    """Pipeline stage: sets ``doc.text`` and ``doc.offsets`` from ``doc.raw``. Options: see :class:`Normalizer`."""

    name = "normalizer"
    requires: tuple[str, ...] = ()
    assigns = ("text",)

    def __init__(self, *, shared=None, **options) -> None:
        # ``shared`` (:class:`khabar.stages.SharedResources`): the word lexicon is read once per pipeline
        if shared is not None and options.get("lexicon") is None and (options.get("zwnj", True)
                                                                       or options.get("split_glued", True)):
            from khabar.text.lexicon import Lexicon

            options["lexicon"] = shared.get("text.lexicon", Lexicon.load)
        self.normalizer = Normalizer(**options)

    def __call__(self, doc: Document) -> Document:
        text, offsets = self.normalizer.apply(doc.raw)
        doc.text = text
        doc.offsets = offsets if offsets is not None else OffsetMap.identity(len(text))
        return doc
