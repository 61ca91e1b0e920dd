"""Persian inflectional morphology: verb forms over a stem table, and suffix edits for nouns and adjectives.

:class:`VerbAnalyzer` reads a conjugated form back to its verb, in UD/PerDT conventions: the lemma is
the past stem, without a preverb (``درآوردم`` → ``آورد``), and the features are PerDT's (the simple past
carries ``Tense=Past``, the present with ``می`` ``Tense=Pres``, the subjunctive and the past continuous
carry no tense, the perfect ``VerbForm=Part``).

>>> va = VerbAnalyzer.from_pairs(["دانست#دان", "کرد#کن", "آمد#آ"])
>>> va.analyze("نمی‌دانیم")[0].lemma
'دانست'
>>> a = va.analyze("بیاید")[0]; (a.lemma, a.feats)
('آمد', 'Number=Sing|Person=3|Voice=Act')
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

ZWNJ = "\u200c"

PREVERBS = ("", "بر", "در", "فرا", "وا", "باز", "فرو", "ور")
# (ending, person, number) after the past stem and after a consonant-final present stem
PAST_ENDINGS = (("", 3, "Sing"), ("م", 1, "Sing"), ("ی", 2, "Sing"), ("یم", 1, "Plur"), ("ید", 2, "Plur"),
                ("ند", 3, "Plur"))
PRESENT_ENDINGS = (("م", 1, "Sing"), ("ی", 2, "Sing"), ("د", 3, "Sing"), ("یم", 1, "Plur"), ("ید", 2, "Plur"),
                   ("ند", 3, "Plur"))
# after a vowel-final present stem (گو → گوید, آ → آید)
VOWEL_PRESENT_ENDINGS = (("یم", 1, "Sing"), ("یی", 2, "Sing"), ("ید", 3, "Sing"), ("ییم", 1, "Plur"),
                         ("یید", 2, "Plur"), ("یند", 3, "Plur"))
# clitic copulas of the perfect: کرده‌ام, کرده‌اند
PERFECT_ENDINGS = (("", 3, "Sing"), ("ام", 1, "Sing"), ("ای", 2, "Sing"), ("ایم", 1, "Plur"), ("اید", 2, "Plur"),
                   ("اند", 3, "Plur"))


@dataclass(frozen=True, slots=True)
class VerbAnalysis:
    lemma: str
    feats: str
    form: str  # "past", "imperfect", "present", "subjunctive", "imperative", "participle", "perfect"


def _feats(number: str | None, person: int | None, *, tense: str | None = None, mood: str | None = None,
           negative: bool = False, participle: bool = False) -> str:
    parts = []
    if mood:
        parts.append(f"Mood={mood}")
    if number:
        parts.append(f"Number={number}")
    if person:
        parts.append(f"Person={person}")
    if negative:
        parts.append("Polarity=Neg")
    if tense:
        parts.append(f"Tense={tense}")
    if participle:
        parts.append("VerbForm=Part")
    parts.append("Voice=Act")
    return "|".join(parts)


class VerbAnalyzer:
    """Analyzes verb forms against a table of ``past#present`` stems (hazm's ``verbs.dat`` format)."""

    def __init__(self, past_to_present: dict[str, set[str]]) -> None:
        self.past = {p for p in past_to_present if p}
        self.present: dict[str, set[str]] = {}
        for past, presents in past_to_present.items():
            for pres in presents:
                if pres and past:
                    self.present.setdefault(pres, set()).add(past)
        self._finals = frozenset("میده") | {p[-1] for p in self.past}
        # every stem as it can be written (آ → یا, ا → ی after ب/ن), for a quick rejection test
        written = set(self.past) | set(self.present)
        for stem in list(written):
            if stem.startswith("آ"):
                written.add("یا" + stem[1:])
            elif stem.startswith("ا"):
                written.add("ی" + stem[1:])
        self._written_stems = frozenset(written)

    @classmethod
    def from_pairs(cls, pairs: Iterable[str]) -> "VerbAnalyzer":
        table: dict[str, set[str]] = {}
        for pair in pairs:
            past, _, present = pair.strip().strip(ZWNJ).partition("#")
            past, present = past.strip(ZWNJ), present.strip(ZWNJ)
            if past and present and ZWNJ not in past:
                table.setdefault(past, set()).add(present)
        return cls(table)

    # --- helpers -------------------------------------------------------------------------
    def _bare_imperative(self, word: str) -> bool:
        if word in self.present:
            return True
        for prefix in ("ب", "ن"):
            if word.startswith(prefix) and any(c in self.present for c in self._restore_initial(word[1:])):
                return True
        return any(word.startswith(p) and len(word) > len(p) + 1 and self._bare_imperative(word[len(p):])
                   for p in PREVERBS if p)

    @staticmethod
    def _restore_initial(stem: str) -> list[str]:
        """After ب/ن a stem's initial آ is written یا and its initial ا is written ی: undo that."""
        out = [stem]
        if stem.startswith("یا"):
            out.append("آ" + stem[2:])
        if stem.startswith("ی"):
            out.append("ا" + stem[1:])
        return out

    def _past_stems(self, body: str, prefixed: bool) -> list[str]:
        cands = self._restore_initial(body) if prefixed else [body]
        return [c for c in cands if c in self.past]

    def _present_lemmas(self, body: str, prefixed: bool) -> list[str]:
        cands = self._restore_initial(body) if prefixed else [body]
        out: list[str] = []
        for c in cands:
            out.extend(sorted(self.present.get(c, ())))
        return out

    # --- analysis ------------------------------------------------------------------------
    def analyze(self, word: str) -> list[VerbAnalysis]:
        """All readings of ``word`` as a conjugated verb (empty when it is not one)."""
        results: list[VerbAnalysis] = []
        if len(word) < 2:
            return results
        # Endings end in م/ی/د/ه and 3rd-person pasts in a past stem's last letter; any other word can
        # only be a bare imperative (کن، بگذار).
        if word[-1] not in self._finals and not self._bare_imperative(word):
            return results
        for preverb in PREVERBS:
            if preverb and not (word.startswith(preverb) and len(word) > len(preverb) + 1):
                continue
            rest = word[len(preverb):]
            if rest.startswith(ZWNJ):
                rest = rest[1:]
            self._analyze_inflected(rest, results)
            if results:
                break
        return results

    def _analyze_inflected(self, rest: str, out: list[VerbAnalysis]) -> None:
        negative = False
        if rest.startswith("ن") and len(rest) > 2:
            self._analyze_aspect(rest[1:], True, out)
        self._analyze_aspect(rest, negative, out)

    def _analyze_aspect(self, rest: str, negative: bool, out: list[VerbAnalysis]) -> None:
        for mi in ("می" + ZWNJ, "می"):
            if rest.startswith(mi) and len(rest) > len(mi):
                self._analyze_body(rest[len(mi):], negative, "mi", out)
                return
        if negative:
            self._analyze_body(rest, True, "neg", out)
            return
        if rest.startswith("ب") and len(rest) > 2:
            self._analyze_body(rest[1:], False, "be", out)
        self._analyze_body(rest, False, "", out)

    def _analyze_body(self, body: str, negative: bool, aspect: str, out: list[VerbAnalysis]) -> None:
        # no ending is longer than five letters: without a stem among those prefixes there is no reading
        stems = self._written_stems
        if not any(body[: len(body) - k] in stems for k in range(6)):
            return
        prefixed = aspect in ("be", "neg")
        # perfect and participle: کرده, کرده‌اند, کرده‌ام
        for ending, person, number in PERFECT_ENDINGS:
            for joiner in ((ZWNJ, "") if ending else ("",)):
                suffix = "ه" + joiner + ending
                if body.endswith(suffix) and len(body) > len(suffix):
                    for past in self._past_stems(body[: -len(suffix)], prefixed and aspect == "neg"):
                        if ending:
                            feats = _feats(number, person, negative=negative, participle=True)
                            out.append(VerbAnalysis(past, feats, "perfect"))
                        else:
                            feats = _feats("Sing", 3, tense="Past", negative=negative)
                            out.append(VerbAnalysis(past, feats, "participle"))
        if aspect != "be":
            for ending, person, number in PAST_ENDINGS:
                if ending and not body.endswith(ending):
                    continue
                stem = body[: len(body) - len(ending)]
                for past in self._past_stems(stem, aspect == "neg"):
                    tense = None if aspect == "mi" else "Past"
                    out.append(VerbAnalysis(past, _feats(number, person, tense=tense, negative=negative),
                                            "imperfect" if aspect == "mi" else "past"))
        for endings in (PRESENT_ENDINGS, VOWEL_PRESENT_ENDINGS):
            for ending, person, number in endings:
                if not body.endswith(ending) or len(body) == len(ending):
                    continue
                stem = body[: -len(ending)]
                if endings is PRESENT_ENDINGS and stem[-1] in "اآ" and ending != "م":
                    continue
                for past in self._present_lemmas(stem, prefixed):
                    if aspect == "mi":
                        feats = _feats(number, person, tense="Pres", negative=negative)
                        out.append(VerbAnalysis(past, feats, "present"))
                    else:
                        feats = _feats(number, person, negative=negative)
                        out.append(VerbAnalysis(past, feats, "subjunctive"))
        if aspect in ("be", "neg", ""):
            for past in self._present_lemmas(body, prefixed):
                feats = _feats("Sing", 2, tense="Pres", mood="Imp", negative=negative)
                out.append(VerbAnalysis(past, feats, "imperative"))


# --- nouns and adjectives -------------------------------------------------------------------

def suffix_edit(form: str, lemma: str) -> tuple[str, str]:
    """The suffix edit turning ``form`` into ``lemma``: ``(removed, added)``.

    >>> suffix_edit("تجربیات", "تجربه")
    ('یات', 'ه')
    """
    i = 0
    n = min(len(form), len(lemma))
    while i < n and form[i] == lemma[i]:
        i += 1
    return form[i:], lemma[i:]


def apply_edit(form: str, edit: tuple[str, str]) -> str | None:
    removed, added = edit
    if removed and not form.endswith(removed):
        return None
    stem = form[: len(form) - len(removed)] if removed else form
    if not stem:
        return None
    if stem.endswith(ZWNJ):
        stem = stem[:-1]
    return stem + added


# --- Arabic broken plurals -----------------------------------------------------------------
# (plural pattern, singular patterns) over the root letters ف ع ل; other letters must match literally.
BROKEN_PLURAL_PATTERNS = (
    ("افعال", ("فعل",)),              # افراد → فرد، اخبار → خبر
    ("فعول", ("فعل",)),               # اصول → اصل، علوم → علم، فنون → فن (a doubled root is written once)
    ("مفاعیل", ("مفعول", "مفعال")),   # مفاهیم → مفهوم، میادین → میدان
    ("مفاعل", ("مفعل", "مفعله", "مفعلت")),  # مراکز → مرکز، مدارس → مدرسه، ممالک → مملکت
    ("فعایل", ("فعیله", "فعیل", "فعاله", "فعیلت")),  # وسایل → وسیله، رسایل → رساله، حقایق → حقیقت
    ("فعائل", ("فعیله", "فعیل", "فعاله", "فعیلت")),  # مصائب → مصیبت
    ("فواعل", ("فاعل", "فاعله")),     # عوامل → عامل، حوادث → حادثه
    ("افاعیل", ("فعیل",)),            # احادیث → حدیث
    ("تفاعیل", ("تفعیل",)),           # تکالیف → تکلیف، تعالیم → تعلیم
    ("مفاعی", ("مفعیت", "مفعی")),     # معاصی → معصیت
    ("فعلا", ("فعیل", "فاعل")),       # وزرا → وزیر، علما → عالم
    ("فعلاء", ("فعیل", "فاعل")),
)
ROOT_SLOTS = "فعل"


def _match_pattern(word: str, pattern: str) -> dict[str, str] | None:
    if len(word) != len(pattern):
        return None
    roots: dict[str, str] = {}
    for ch, p in zip(word, pattern):
        if p in ROOT_SLOTS:
            if roots.setdefault(p, ch) != ch:
                return None
        elif ch != p:
            return None
    return roots


def broken_plural_singulars(word: str) -> list[str]:
    """Singular candidates for a word read as an Arabic broken plural (to be checked against a lexicon).

    >>> broken_plural_singulars("مفاهیم")
    ['مفهوم', 'مفهام']
    """
    out: list[str] = []
    for plural, singulars in BROKEN_PLURAL_PATTERNS:
        roots = _match_pattern(word, plural)
        if roots is None:
            continue
        for singular in singulars:
            out.append("".join(roots.get(ch, ch) for ch in singular))
            if roots.get("ع") == roots.get("ل") and singular.endswith("عل"):
                out.append(out[-1][:-1])  # فنن → فن
    return list(dict.fromkeys(out))
