"""The normalizer's lexicon-driven steps: ZWNJ joins and glued-word splits.

Each decision compares corpus counts from :class:`~khabar.text.lexicon.Lexicon`: a change is made only
when the changed form is clearly more frequent than the form as written, so correct text (``وزیر``,
``ورود``, ``نیستند``, ``جبهه النصره``) stays as it is.

>>> from khabar.text.lexicon import Lexicon
>>> steps = LexicalSteps(Lexicon.load())
>>> steps.zwnj("می دانیم که گروه های")[0]
'می\u200cدانیم که گروه\u200cهای'
>>> steps.split_glued("وقابل توجه")[0]
'و قابل توجه'
"""
from __future__ import annotations

import re

from khabar.core import CharClass, PieceMemo, WordSet, class_chars, white_space
from khabar.offsets import OffsetMap, rewrite
from khabar.text.lexicon import Lexicon

ZWNJ = "\u200c"
_MISSING = object()
# what str.split() splits at
_WHITE_SPACE = CharClass("".join(sorted(white_space())))
_LETTERS = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622"
# Suffixes written after a ZWNJ (a space before them is a typing error).
SUFFIXES = ("ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "ای", "ایی", "تر",
            "ترین", "ترها", "اند", "ام", "ایم", "اید", "کننده", "کنندگان", "کنندگی")
# Prefixes written before a ZWNJ.
PREFIXES = ("می", "نمی")
# Words that are never the left part of a suffix join.
_NO_JOIN_LEFT = frozenset("و از به با در که تا را این آن هر یک نه چه بر اگر یا پس هم".split())
# Suffixes that only follow a word ending in a vowel letter (otherwise ``ای`` is the vocative, etc.).
_AFTER_VOWEL = frozenset({"ای", "ایی", "اند", "ام", "ایم", "اید"})
_VOWEL_END = ("ه", "ی", "ا", "و")
# Preverbs and bound prefixes form real compounds (``بازخواند``, ``فروآورد``, ``ضدانقلابی``): never split
# after them.
_BOUND_LEFT = frozenset("""باز فرو فرا برا ضد زیر پیش پسا پس بی نا هم خود کم پر خوش بد نیک زود دور روان قلم
امام میان نیم فوق ابر بین درون برون سر پور آباد""".split())
# A glued word is not split into a suffix or a clitic (``هماهنگیهای`` is a spelling, not two words).
_NOT_RIGHT_PART = frozenset(SUFFIXES) | frozenset(
    "ی یی ش م ت مان تان شان اش ام ات یش یم یت ست ند اند ان ات ها های گان گی ین یان".split()) | frozenset(
    "گر گران گری گرا آمیز آمیزی وار واره مند مندی ناک گاه گاهی ستان زار دان دانی نامه پذیر پذیری ساز سازی".split()
) | frozenset(  # name and place-name parts: صفرپور، بیک‌زاده، کریم‌آباد
    "پور زاده زادگان آباد نژاد فر راد شناسی شناس زنی".split())


class LexicalSteps:
    """ZWNJ and glued-word decisions backed by a :class:`Lexicon`."""

    def __init__(self, lexicon: Lexicon, *, ratio: float = 3.0, min_count: int = 3,
                 split_min_part: int = 80, zwnj_share: float = 1.0) -> None:
        self.lex = lexicon
        self.ratio = ratio
        self.min_count = min_count
        self.split_min_part = split_min_part
        # ``به‌X`` rather than ``به X`` when the joined spelling has at least this share of the spaced one
        self.zwnj_share = zwnj_share
        # a space before a suffix (`` ها`` not followed by a letter or ZWNJ), found by the compiled core: a
        # space followed by a whole run of letters and ZWNJs that is a suffix (every suffix is letters only)
        self._suffix_words = WordSet(SUFFIXES, CharClass(class_chars(_LETTERS) + ZWNJ))
        # every prefix ends in ``می``: the pattern is the literal ``می `` (fast to scan for; a pattern that starts
        # with a literal has no leading look-behind) and the longer prefix (``نمی``) is recognized by the
        # characters before it, which are checked in Python
        assert all(p.endswith("می") for p in PREFIXES)
        self._prefix_space = re.compile(f"می( )(?=[{_LETTERS}])")
        self._longer_prefixes = sorted((p for p in PREFIXES if p != "می"), key=len, reverse=True)
        self._glued_hich = re.compile(f"هیچ(?=[{_LETTERS}]{{2,}})")
        self._word = re.compile(f"[{_LETTERS}{ZWNJ}]+")
        self._letter_or_zwnj = re.compile(f"[{_LETTERS}{ZWNJ}]")
        self._memo: dict[str, list[tuple[int, str]] | None] = {}  # word -> insertions
        # white-space-delimited chunk -> insertions (None: the chunk stays as it is)
        self._chunks = PieceMemo(self._chunk_inserts, _WHITE_SPACE, limit=200_000)
        self._next_word = re.compile(f"[{_LETTERS}{ZWNJ}]+")
        self._arabic_word = re.compile("[\u0600-\u06ff\u200c]*")
        # ZWNJ decisions by the words around the space: (prefix, word after) and (word before, word after)
        self._prefix_joins: dict[tuple[str, str], bool] = {}
        self._suffix_joins: dict[tuple[str, str], bool] = {}

    # --- helpers -----------------------------------------------------------------------------------
    def _word_after(self, text: str, pos: int) -> str:
        m = self._next_word.match(text, pos)
        return m.group(0) if m else ""

    def _word_before(self, text: str, pos: int) -> str:
        """The run of Arabic-block characters and ZWNJs that ends at ``pos``."""
        start = text.rfind(" ", 0, pos) + 1  # the common case: the run starts after the previous space
        if self._arabic_word.match(text, start, pos).end() == pos:
            return text[start:pos]
        start = pos
        while start > 0 and (text[start - 1] == ZWNJ or "\u0600" <= text[start - 1] <= "\u06ff"):
            start -= 1
        return text[start:pos]

    def _joined_count(self, left: str, right: str) -> int:
        return self.lex.count(left + ZWNJ + right) + self.lex.count(left + right)

    # --- ZWNJ ----------------------------------------------------------------------------------------
    def zwnj(self, text: str) -> tuple[str, OffsetMap | None]:
        """Spaces that belong to a ZWNJ become one (same length); glued ``هیچX`` gets a ZWNJ inserted."""
        joins = set()  # positions of spaces that become a ZWNJ
        prefix_joins, suffix_joins = self._prefix_joins, self._suffix_joins
        if len(prefix_joins) + len(suffix_joins) > 200_000:
            prefix_joins.clear()
            suffix_joins.clear()
        for m in self._prefix_space.finditer(text):
            start = m.start()
            for longer in self._longer_prefixes:  # ``نمی `` is found as ``می `` after a ``ن``
                if start + 2 >= len(longer) and text.startswith(longer, start + 2 - len(longer)):
                    start += 2 - len(longer)
                    break
            if start > 0 and self._letter_or_zwnj.match(text, start - 1):
                continue
            space = m.start(1)
            key = (text[start:space], self._word_after(text, space + 1))
            join = prefix_joins.get(key)
            if join is None:
                join = prefix_joins[key] = self._prefix_join(*key)
            if join:
                joins.add(space)
        for space in self._suffix_words.after(text, " "):
            if space == 0 or not self._letter_or_zwnj.match(text, space - 1) or text[space - 1] == ZWNJ:
                continue
            key = (self._word_before(text, space), self._word_after(text, space + 1))
            join = suffix_joins.get(key)
            if join is None:
                join = suffix_joins[key] = self._suffix_join(*key)
            if join:
                joins.add(space)
        if joins:
            parts, prev = [], 0
            for space in sorted(joins):
                parts.append(text[prev:space])
                prev = space + 1
            parts.append(text[prev:])
            text = ZWNJ.join(parts)
        edits = []
        for m in self._glued_hich.finditer(text):
            if m.start() > 0 and self._letter_or_zwnj.match(text, m.start() - 1):
                continue
            right = self._word_after(text, m.end()).split(ZWNJ, 1)[0]  # هیچکاره‌اند: look at کاره
            if self.lex.count(right) >= 5 and (self.lex.count("هیچ" + ZWNJ + right) + self.lex.bigram("هیچ", right)
                                               >= self.lex.count("هیچ" + right)):
                edits.append((m.end(), m.end(), ZWNJ))
        if edits:
            return rewrite(text, edits)
        return text, None

    def _prefix_join(self, prefix: str, right: str) -> bool:
        """``می دانیم`` → ``می‌دانیم``: is the space between ``prefix`` and ``right`` a ZWNJ?"""
        joined = max(self.lex.count(prefix + ZWNJ + right), self.lex.count("می" + ZWNJ + right))
        # ``می سال`` is not a verb: the joined form must be common relative to the bare word
        return joined >= 2 and joined >= 0.05 * self.lex.count(right)

    def _suffix_join(self, left: str, right: str) -> bool:
        """``گروه های`` → ``گروه‌های``: is the space between ``left`` and the suffix ``right`` a ZWNJ?"""
        last = left.rsplit(ZWNJ, 1)[-1]
        if not last or last in _NO_JOIN_LEFT:
            return False
        if right in _AFTER_VOWEL and not last.endswith(_VOWEL_END):
            return False
        if right.startswith("ها") and right in SUFFIXES and self.lex.known(last):
            return True
        return self._joined_count(last, right) >= 2 or self._joined_count(left, right) >= 2

    # --- glued words ---------------------------------------------------------------------------------
    def split_word(self, word: str) -> list[tuple[int, str]] | None:
        """Insertions ``(offset in word, text)`` that split a glued word, or None to keep it."""
        lex = self.lex
        whole = lex.count(word)
        in_hazm = "h" in lex.flags.get(word, "")
        rest = word[1:]
        if word[0] == "ب" and not word.startswith("به") and lex.known(rest):
            # ``بعنوان``: hazm lists some glued spellings (``بجای``), so they only need a larger margin
            zw, spaced = lex.count("به" + ZWNJ + rest), lex.bigram("به", rest)
            limit = max(self.min_count, (5 if in_hazm else self.ratio) * (whole + 1))
            if zw + spaced >= limit:
                return [(1, "ه" + ZWNJ if zw >= self.zwnj_share * spaced else "ه ")]
        if in_hazm:
            return None
        limit = max(self.min_count, self.ratio * (whole + 1))
        if word[0] == "و" and lex.known(rest) and lex.bigram("و", rest) >= limit:
            return [(1, " ")]
        if whole <= 1 and len(word) >= 6 and "ء" not in word and not self._inflected_known(word):
            best, best_i = 0, 0
            for i in range(3, len(word) - 2):
                a, b = word[:i], word[i:]
                if b in _NOT_RIGHT_PART or a in _BOUND_LEFT or b.startswith("ال"):
                    continue
                score = min(lex.count(a), lex.count(b))
                if score > best:
                    best, best_i = score, i
            if best >= self.split_min_part:
                return [(best_i, " ")]
        return None

    def _inflected_known(self, word: str) -> bool:
        """``حسابگران`` is ``حسابگر`` + ``ان``: a known word with an inflection is not glued."""
        return any(word.endswith(suf) and self.lex.known(word[: -len(suf)])
                   for suf in ("ی", "یی", "ها", "های", "ان", "ای", "ات", "گی", "ش", "م"))

    def _glued_inserts(self, word: str, depth: int = 0) -> list[tuple[int, str]] | None:
        """Insertions for ``word`` (its part before any ZWNJ), applied again to the parts a split makes
        (``رویکردبکار`` → ``رویکرد`` + ``بکار`` → ``رویکرد به کار``), so one pass reaches the fixed point."""
        head, _, tail = word.partition(ZWNJ)
        if tail and tail not in SUFFIXES and self.lex.count(word) >= 3:
            return None  # a known word with a ZWNJ (the name بیک‌زاده) is not glued; بعنوان‌های still splits
        if len(head) < 3 or depth > 3 or (self.lex.counts.get(head, 0) >= 50 and head[0] not in "وب"):
            return None
        if head.startswith("هیچ"):
            return None  # the zwnj step writes هیچ‌X
        inserts = self.split_word(head)
        if not inserts:
            return None
        out = list(inserts)
        for (i, _), end in zip(inserts, [i for i, _ in inserts[1:]] + [len(head)]):
            for j, ins in self._glued_inserts(head[i:end], depth + 1) or ():
                out.append((i + j, ins))
        return sorted(out)

    def _chunk_inserts(self, chunk: str) -> list[tuple[int, str]] | None:
        """Insertions for the words of a white-space-delimited ``chunk`` (offsets in the chunk)."""
        memo = self._memo
        out = None
        for m in self._word.finditer(chunk):
            word = m.group()
            inserts = memo.get(word, _MISSING)
            if inserts is _MISSING:
                if len(memo) > 200_000:
                    memo.clear()
                inserts = memo[word] = self._glued_inserts(word)
            if inserts:
                out = out or []
                out.extend((m.start() + i, ins) for i, ins in inserts)
        return out

    def split_glued(self, text: str) -> tuple[str, OffsetMap | None]:
        # Words never contain white space, so the decisions are made (and remembered) per distinct
        # white-space-delimited chunk, looked up in place by the compiled core (khabar.core.PieceMemo).
        glued = self._chunks.marked(text)
        if not glued:
            return text, None
        edits = [(start + k, start + k, ins) for start, _, inserts in glued for k, ins in inserts]
        edits.sort(key=_first)
        return rewrite(text, edits)


def _first(edit: tuple[int, int, str]) -> int:
    return edit[0]
