"""Lemmatization in UD (PerDT) conventions, guided by the POS tag.

Three sources, in order:

1. a lookup ``(form, UPOS) → lemma`` learned from the dev treebanks (PerDT counts weigh more than
   Seraji's, whose conventions differ, e.g. Seraji lemmatizes ``شد`` as ``کرد``);
2. for verbs and auxiliaries, the :class:`~khabar.tagging.morphology.VerbAnalyzer` over the stem table
   (``می‌دانیم`` → ``دانست``, ``نمی‌روند`` → ``رفت``, ``کرده‌اند`` → ``کرد``);
3. for other words, the best suffix edit learned from the treebanks (plurals ``ها``/``ان``/``ات``,
   indefinite and ezafe ``ی``, comparative ``تر``...), scored by how often it was right for that UPOS and
   word ending, and accepted only when the result is a known word.

>>> from khabar.tagging.lemmatizer import Lemmatizer
>>> lem = Lemmatizer.from_resources()
>>> lem.lemma("گروه‌های", "NOUN"), lem.lemma("می‌دانیم", "VERB"), lem.lemma("تروریست‌ها", "NOUN")
('گروه', 'دانست', 'تروریست')
"""
from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, Iterable

from khabar.document import Document
from khabar.tagging.morphology import ZWNJ, VerbAnalyzer, apply_edit, suffix_edit

if TYPE_CHECKING:
    from khabar.tagging.resources import PosResources

OPEN_CLASSES = ("NOUN", "PROPN", "ADJ", "ADV", "NUM")
VERBAL = ("VERB", "AUX")
PERDT_WEIGHT = 4
CACHE_LIMIT = 100_000
CLITICS = ("شان", "تان", "مان", "اش", "ام", "ات", "ش", "م", "ت")


class Lemmatizer:
    """Lemma of a (form, UPOS) pair. Build with :meth:`learn` (training) or :meth:`from_resources`."""

    def __init__(self, lookup: dict[str, str], form_lookup: dict[str, str], edits: dict[str, list[float]],
                 known: set[str], verbs: VerbAnalyzer, verb_rank: dict[str, int],
                 broken_plurals: dict[str, str] | None = None) -> None:
        self.lookup = lookup          # "form\tUPOS" -> lemma
        self.broken_plurals = broken_plurals or {}  # Arabic broken plural -> singular (مفاهیم -> مفهوم)
        self.form_lookup = form_lookup  # form -> lemma, when the (form, UPOS) pair is unseen
        self.edits = edits            # "UPOS\tremoved\tadded\tcontext" -> [correct, applicable]
        self.known = known            # words a suffix edit may produce
        self.verbs = verbs
        self.verb_rank = verb_rank    # past stem -> frequency rank (lower is more frequent)
        self._cache: dict[str, str] = {}  # rule results for unseen (form, UPOS) pairs, bounded
        self._edit_inventory = sorted({tuple(k.split("\t")[1:3]) for k in edits}, key=lambda e: (-len(e[0]), e))

    # --- application -------------------------------------------------------------------
    def lemma(self, form: str, upos: str | None) -> str:
        key = f"{form}\t{upos}"
        hit = self.lookup.get(key)
        if hit is not None:
            return hit
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            hit = self._cache[key] = self._rule_lemma(form, upos)
        return hit

    def _rule_lemma(self, form: str, upos: str | None) -> str:
        cleaned = form.strip(ZWNJ)
        if cleaned != form and cleaned:
            return self.lemma(cleaned, upos)
        if upos in VERBAL:
            verb = self.verb_lemma(form)
            if verb:
                return verb
        if upos in OPEN_CLASSES:
            singular = self.broken_plurals.get(form)
            if singular and upos in ("NOUN", "ADJ"):
                return singular
            return self.edit_lemma(form, upos)
        hit = self.form_lookup.get(form)
        if hit is not None:
            return hit
        return form

    def verb_lemma(self, form: str) -> str | None:
        analyses = self.verbs.analyze(form)
        if not analyses:
            return None
        return min(analyses, key=lambda a: self.verb_rank.get(a.lemma, 1_000_000)).lemma

    def _edit_score(self, upos: str, edit: tuple[str, str], context: str) -> float:
        specific = self.edits.get(f"{upos}\t{edit[0]}\t{edit[1]}\t{context}")
        if specific and specific[1] >= 3:
            return (specific[0] + 0.5) / (specific[1] + 1)
        general = self.edits.get(f"{upos}\t{edit[0]}\t{edit[1]}\t*")
        if general:
            return (general[0] + 0.5) / (general[1] + 1)
        return 0.0

    def candidates(self, form: str) -> Iterable[tuple[tuple[str, str], str, str]]:
        """(edit, result, context) for every learned edit that applies and yields a known word."""
        yield ("", ""), form, self.edit_context(form, "")
        for edit in self._edit_inventory:
            if not edit[0]:
                continue
            result = apply_edit(form, edit)
            if result and len(result) > 1 and result in self.known:
                yield edit, result, self.edit_context(form, edit[0])

    def edit_context(self, form: str, removed: str) -> str:
        """What an edit's reliability depends on: the character before the removed suffix, and whether
        the form itself is a known word (``دینی`` is, ``متعددی`` is not)."""
        stem = form[: len(form) - len(removed)] if removed else form
        stem = stem.rstrip(ZWNJ)
        return (stem[-1:] if stem else "") + ("+" if form in self.known else "-")

    def edit_lemma(self, form: str, upos: str) -> str:
        best = self._best_edit(form, upos)
        if best == form and form not in self.known:
            # a pronoun clitic the tokenizer left attached: کتاب‌هایش → کتاب‌های → کتاب
            for clitic in CLITICS:
                if form.endswith(clitic) and len(form) > len(clitic) + 1:
                    base = form[: -len(clitic)].rstrip(ZWNJ)
                    lemma = self._best_edit(base, upos)
                    if lemma in self.known:
                        return lemma
        return best

    def _best_edit(self, form: str, upos: str) -> str:
        best, best_score = form, -1.0
        for edit, result, context in self.candidates(form):
            score = self._edit_score(upos, edit, context)
            if score > best_score:
                best, best_score = result, score
        return best

    # --- learning ----------------------------------------------------------------------
    @classmethod
    def learn(cls, examples: Iterable[tuple[str, str, str, str]], known: set[str], verbs: VerbAnalyzer,
              verb_rank: dict[str, int], broken_plurals: dict[str, str] | None = None) -> "Lemmatizer":
        """Learn from ``(form, upos, lemma, treebank)`` examples."""
        examples = list(examples)
        pair_counts: dict[str, Counter] = defaultdict(Counter)
        form_counts: dict[str, Counter] = defaultdict(Counter)
        for form, upos, lemma, treebank in examples:
            weight = PERDT_WEIGHT if treebank == "perdt" else 1
            pair_counts[f"{form}\t{upos}"][lemma] += weight
            form_counts[form][lemma] += weight
        lookup = {k: c.most_common(1)[0][0] for k, c in pair_counts.items()}
        form_lookup = {k: c.most_common(1)[0][0] for k, c in form_counts.items()}
        known = set(known) | {lemma for _, upos, lemma, _ in examples if upos in OPEN_CLASSES}
        inventory: Counter = Counter()
        for form, upos, lemma, _ in examples:
            if upos in OPEN_CLASSES:
                inventory[suffix_edit(form, lemma)] += 1
        edit_list = [e for e, c in inventory.items() if c >= 2 and len(e[0]) <= 5]
        stats: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        probe = cls({}, {}, {f"X\t{a}\t{b}\t*": [0, 0] for a, b in edit_list}, known, verbs, verb_rank)
        for form, upos, lemma, _ in examples:
            if upos not in OPEN_CLASSES:
                continue
            for edit, result, context in probe.candidates(form):
                for ctx in (context, "*"):
                    cell = stats[f"{upos}\t{edit[0]}\t{edit[1]}\t{ctx}"]
                    cell[1] += 1
                    if result == lemma:
                        cell[0] += 1
        return cls(lookup, form_lookup, dict(stats), known, verbs, verb_rank, broken_plurals)

    # --- persistence -------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"lookup": self.lookup, "form_lookup": self.form_lookup, "edits": self.edits,
                "broken_plurals": self.broken_plurals}

    @classmethod
    def from_tables(cls, tables: dict[str, Any], known: set[str], verbs: VerbAnalyzer,
                    verb_rank: dict[str, int]) -> "Lemmatizer":
        return cls(tables["lookup"], tables["form_lookup"], tables["edits"], known, verbs, verb_rank,
                   tables.get("broken_plurals"))

    @classmethod
    def from_resources(cls, resources: "PosResources | None" = None) -> "Lemmatizer":
        """The packaged tables (or ``resources`` already loaded, e.g. a cross-validation fold's)."""
        from khabar.tagging.resources import load_pos_resources

        res = resources or load_pos_resources()
        return cls.from_tables(res.tables["lemmatizer"], res.known_words, res.verbs, res.verb_rank)




class LemmatizerStage:
    """Pipeline stage: sets ``token.lemma`` from the token text and its UPOS."""

    name = "lemmatizer"
    requires = ("pos",)
    assigns = ("lemma",)

    def __init__(self, resources: "PosResources | None" = None) -> None:
        self.lemmatizer = Lemmatizer.from_resources(resources)

    def __call__(self, doc: Document) -> Document:
        lemma = self.lemmatizer.lemma
        for token in doc.tokens:
            token.lemma = lemma(token.text, token.pos)
        return doc


def load_tables(raw: bytes) -> dict[str, Any]:
    return json.loads(gzip.decompress(raw).decode("utf-8"))
