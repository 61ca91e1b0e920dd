"""Lemmatization in UD (PerDT) conventions, guided by the POS tag.

Three sources, in order:

1. a lookup ``(form, UPOS) → lemma`` learned from the dev treebanks (PerDT counts weigh more than
   Seraji's; verbs from PerDT only, as Seraji lemmatizes e.g. ``شد`` as ``کرد``);
2. for verbs and auxiliaries, the :class:`~khabar.tagging.morphology.VerbAnalyzer` over the stem table
   (``می‌دانیم`` → ``دانست``, ``نمی‌روند`` → ``رفت``, ``کرده‌اند`` → ``کرد``), else a past stem read off
   the form (``پرورانده`` → ``پروراند``);
3. for other words, Arabic broken plurals from a table (``مفاهیم`` → ``مفهوم``), else the best of the
   suffix edits learned from the treebanks (plurals ``ها``/``ان``/``ات``, indefinite and ezafe ``ی``,
   comparative ``تر``...) that yield a known word, ranked by a small logistic regression over the edit,
   the UPOS, the letter before the suffix, the lexicon status and corpus frequency of form and result.

>>> from khabar.tagging.lemmatizer import Lemmatizer
>>> lem = Lemmatizer.from_resources()
>>> lem.lemma("گروه‌های", "NOUN"), lem.lemma("می‌دانیم", "VERB"), lem.lemma("تروریست‌ها", "NOUN")
('گروه', 'دانست', 'تروریست')
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from khabar.document import Document
from khabar.tagging.morphology import PREVERBS, ZWNJ, VerbAnalyzer, apply_edit, broken_plural_singulars, suffix_edit

if TYPE_CHECKING:
    from khabar.tagging.resources import PosResources

OPEN_CLASSES = ("NOUN", "PROPN", "ADJ", "ADV", "NUM")
VERBAL = ("VERB", "AUX")
PERDT_WEIGHT = 4
CACHE_LIMIT = 100_000
BROKEN_PLURAL = ("<broken-plural>", "")  # pseudo-edits naming the candidates read off a plural pattern
BROKEN_PLURAL_EZAFE = ("<broken-plural>ی", "")
HAMZA_ABOVE = "\u0654"  # the ezafe written on a final ه
REFLEXIVE = "خود"
REFLEXIVE_CLITICS = frozenset(("ش", "م", "ت", "شان", "مان", "تان"))
LEXICON_CLASSES = ("N", "AJ", "ADV", "PL", "NUM")
CLITICS = ("شان", "تان", "مان", "اش", "ام", "ات", "ش", "م", "ت")


class Lemmatizer:
    """Lemma of a (form, UPOS) pair. Build with :meth:`learn` (training) or :meth:`from_resources`."""

    def __init__(self, lookup: dict[str, str], form_lookup: dict[str, str], edits: dict[str, Any],
                 known: set[str], verbs: VerbAnalyzer, verb_rank: dict[str, int],
                 broken_plurals: dict[str, str] | None = None, tagged: set[str] | None = None,
                 frequency: dict[str, int] | None = None, classes: dict[str, str] | None = None) -> None:
        self.lookup = lookup          # "form\tUPOS" -> lemma
        self.broken_plurals = broken_plurals or {}  # Arabic broken plural -> singular (مفاهیم -> مفهوم)
        self.form_lookup = form_lookup  # form -> lemma, when the (form, UPOS) pair is unseen
        # the suffix-edit ranker: {"inventory": [[removed, added], ...], "weights": {feature: weight}}
        self.edits = edits
        self.frequency = frequency or {}  # word -> log10 corpus-frequency bucket (hazm)
        self.known = known            # words a suffix edit may produce
        self.tagged = tagged if tagged is not None else known  # words with a POS class in the lexicon
        self.classes = classes or {}  # word -> its hazm lexicon classes ("N,PL")
        self.verbs = verbs
        self.verb_rank = verb_rank    # past stem -> frequency rank (lower is more frequent)
        self._cache: dict[str, str] = {}  # rule results for unseen (form, UPOS) pairs, bounded
        self._edit_inventory = [tuple(e) for e in edits.get("inventory", ())]
        self._edits_by_suffix: dict[str, list[tuple[str, str]]] = {}
        for edit in self._edit_inventory:
            if edit[0]:
                self._edits_by_suffix.setdefault(edit[0], []).append(edit)
        self._suffix_lengths = sorted({len(k) for k in self._edits_by_suffix}, reverse=True)
        self._weights: dict[str, float] = edits.get("weights", {})

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

    def lemmas(self, forms: Sequence[str], tags: Sequence[str | None]) -> list[str]:
        """Lemmas of a sentence's words. Context matters for the reflexive: PerDT lemmatizes ``خود`` split
        from a clitic pronoun as the whole word (``خودش`` → ``خود`` + ``ش``: lemmas ``خودش``, ``او``)."""
        lemma = self.lemma
        out = [lemma(form, upos) for form, upos in zip(forms, tags)]
        for i in range(len(forms) - 1):
            if forms[i] == REFLEXIVE and forms[i + 1] in REFLEXIVE_CLITICS and tags[i] == "PRON":
                out[i] = REFLEXIVE + forms[i + 1]
        return out

    def _rule_lemma(self, form: str, upos: str | None) -> str:
        cleaned = form.strip(ZWNJ).removesuffix(HAMZA_ABOVE)  # آیندهٔ → آینده
        if cleaned != form and cleaned:
            return self.lemma(cleaned, upos)
        if upos in VERBAL:
            verb = self.verb_lemma(form) or guess_regular_lemma(form) or guess_past_stem(form)
            if verb:
                return verb
        if upos in OPEN_CLASSES:
            singular = self.broken_plurals.get(form)
            if singular and upos in ("NOUN", "ADJ"):
                return singular
            lemma = self.edit_lemma(form, upos)
            if lemma != form and form.endswith("ی") and len(lemma) < len(form):
                # an indefinite or ezafe ی on a plural: نتایجی → نتایج → نتیجه، وزرای → وزرا → وزیر
                plural = self.lookup.get(f"{lemma}\t{upos}") or self.broken_plurals.get(lemma)
                if plural is None and "PL" in self.classes.get(lemma, "").split(","):
                    plural = self.edit_lemma(lemma, upos)
                if plural:
                    return plural
            return lemma
        hit = self.form_lookup.get(form)
        if hit is not None:
            return hit
        return form

    def verb_lemma(self, form: str) -> str | None:
        analyses = self.verbs.analyze(form)
        if not analyses:
            return None
        lemma = min(analyses, key=lambda a: self.verb_rank.get(a.lemma, 1_000_000)).lemma
        # PerDT's lemma leaves out a preverb even where the stem table lists the prefixed verb
        # (بازگشت#بازگرد): بازگردند → گشت
        for preverb in PREVERBS:
            if preverb and lemma.startswith(preverb) and len(lemma) > len(preverb) + 1 \
                    and lemma[len(preverb):] in self.verbs.past:
                return lemma[len(preverb):]
        return lemma

    def candidate_features(self, form: str, upos: str, edit: tuple[str, str], result: str) -> list[str]:
        """What the ranker knows about one candidate lemma: the edit, with the UPOS, the letter before
        the suffix, whether form and result are lexicon words (with a POS class ``T``, known ``+``,
        unknown ``-``) and how their corpus frequencies compare."""
        e = f"{edit[0]}>{edit[1]}"
        stem = (form[: len(form) - len(edit[0])] if edit[0] else form).rstrip(ZWNJ)
        fs = self.status(form)
        rs = self.status(result)
        fb, rb = self.frequency.get(form, -1), self.frequency.get(result, -1)
        diff = max(-3, min(3, rb - fb))
        same = not edit[0]
        tail = edit[0][-2:]
        fc, rc = self.word_classes(form), self.word_classes(result)
        return [f"e={e}|fc={fc}", f"e={e}|rc={rc}", f"e={e}|u={upos}|fc={fc}", f"e={e}|u={upos}|rc={rc}",
                f"t={tail}|u={upos}|fc={fc}|rc={rc}", f"t={tail}|fc={fc}|rc={rc}",
                f"e={e}", f"e={e}|u={upos}", f"e={e}|c={stem[-1:]}", f"e={e}|fs={fs}|rs={rs}",
                f"e={e}|u={upos}|fs={fs}", f"e={e}|d={diff}", f"e={e}|rb={rb}", f"u={upos}|id={same}",
                f"id={same}|d={diff}", f"id={same}|fs={fs}|rs={rs}", f"t={tail}|d={diff}", f"t={tail}|u={upos}",
                f"id={same}|u={upos}|f={form[-1:]}", f"t={tail}|rs={rs}|fb={fb}"]

    def word_classes(self, word: str) -> str:
        """The open-class part of a word's hazm lexicon classes (``N,PL``; ``-`` when it has none)."""
        classes = self.classes.get(word)
        if not classes or classes == "0":
            return "-"
        return ",".join(c for c in classes.split(",") if c in LEXICON_CLASSES) or "o"

    def status(self, word: str) -> str:
        return "T" if word in self.tagged else "+" if word in self.known else "-"

    def candidates(self, form: str) -> Iterable[tuple[tuple[str, str], str]]:
        """(edit, result) for the identity and every learned edit that applies and yields a known word."""
        yield ("", ""), form
        by_suffix = self._edits_by_suffix
        for k in self._suffix_lengths:
            for edit in by_suffix.get(form[-k:], ()) if len(form) > k else ():
                result = apply_edit(form, edit)
                if result and len(result) > 1 and result in self.known:
                    yield edit, result
        # Arabic broken plurals read off their pattern (میادین → میدان), also with an ezafe (شهدای → شهید)
        for edit, plural in ((BROKEN_PLURAL, form), (BROKEN_PLURAL_EZAFE, form[:-1] if form.endswith("ای") else "")):
            for singular in broken_plural_singulars(plural) if plural else ():
                if singular in self.tagged:
                    yield edit, singular

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
        weights = self._weights
        best, best_score = form, float("-inf")
        for edit, result in self.candidates(form):
            score = sum(weights.get(f, 0.0) for f in self.candidate_features(form, upos, edit, result))
            if score > best_score:
                best, best_score = result, score
        return best

    # --- learning ----------------------------------------------------------------------
    @classmethod
    def learn(cls, examples: Iterable[tuple[str, str, str, str]], known: set[str], verbs: VerbAnalyzer,
              verb_rank: dict[str, int], broken_plurals: dict[str, str] | None = None,
              tagged: set[str] | None = None, frequency: dict[str, int] | None = None,
              classes: dict[str, str] | None = None) -> "Lemmatizer":
        """Learn from ``(form, upos, lemma, treebank)`` examples.

        Seraji's verb lemmas follow other conventions (``شد`` → ``کرد``, ``گذارد``...): verb and auxiliary
        forms enter the lookup from PerDT only, the verb analyzer handles the rest."""
        examples = list(examples)
        pair_counts: dict[str, Counter] = defaultdict(Counter)
        form_counts: dict[str, Counter] = defaultdict(Counter)
        for form, upos, lemma, treebank in examples:
            if upos in VERBAL and treebank != "perdt":
                continue
            weight = PERDT_WEIGHT if treebank == "perdt" else 1
            pair_counts[f"{form}\t{upos}"][lemma] += weight
            form_counts[form][lemma] += weight
        lookup = {k: c.most_common(1)[0][0] for k, c in pair_counts.items()}
        form_lookup = {k: c.most_common(1)[0][0] for k, c in form_counts.items()}
        lemmas = {lemma for _, upos, lemma, _ in examples if upos in OPEN_CLASSES} - set(known)
        known = set(known) | lemmas
        edits = learn_edit_ranker(examples, known, lemmas, tagged, frequency or {}, classes or {})
        learned = cls(lookup, form_lookup, edits, known, verbs, verb_rank, broken_plurals, tagged, frequency,
                      classes)
        learned.learned_lemmas = sorted(lemmas)
        return learned

    # --- persistence -------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"lookup": self.lookup, "form_lookup": self.form_lookup, "edits": self.edits,
                "broken_plurals": self.broken_plurals, "lemmas": getattr(self, "learned_lemmas", []),
                "frequency": self.frequency}

    @classmethod
    def from_tables(cls, tables: dict[str, Any], known: set[str], verbs: VerbAnalyzer,
                    verb_rank: dict[str, int], tagged: set[str] | None = None,
                    classes: dict[str, str] | None = None) -> "Lemmatizer":
        known = known | set(tables.get("lemmas", ()))
        return cls(tables["lookup"], tables["form_lookup"], tables["edits"], known, verbs, verb_rank,
                   tables.get("broken_plurals"), tagged, tables.get("frequency"), classes)

    @classmethod
    def from_resources(cls, resources: "PosResources | None" = None) -> "Lemmatizer":
        """The packaged tables (or ``resources`` already loaded, e.g. a cross-validation fold's)."""
        from khabar.tagging.resources import load_pos_resources

        res = resources or load_pos_resources()
        return cls.from_tables(res.tables["lemmatizer"], res.known_words, res.verbs, res.verb_rank,
                               res.tagged_words, res.lexicon)




def learn_edit_ranker(examples: list[tuple[str, str, str, str]], known: set[str], lemmas: set[str],
                      tagged: set[str] | None, frequency: dict[str, int], classes: dict[str, str] | None = None,
                      *, max_count: int = 10,
                      seed: int = 13) -> dict[str, Any]:
    """Train the suffix-edit ranker: a logistic regression scoring each candidate lemma of an open-class
    word, learned on PerDT's rare word types (seen at most ``max_count`` times), the words that look most
    like unseen ones. Candidates are generated against the lexicon only (not the treebank
    lemmas), as they will be for unseen words."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    inventory: Counter = Counter()
    type_counts: Counter = Counter()
    for form, upos, lemma, treebank in examples:
        if upos in OPEN_CLASSES:
            inventory[suffix_edit(form, lemma)] += 1
            if treebank == "perdt":  # Seraji's noun lemmas follow other conventions: rank for PerDT's
                type_counts[(form, upos, lemma)] += 1
    edit_list = sorted((e for e, c in inventory.items() if c >= 2 and len(e[0]) <= 5 and e[0]),
                       key=lambda e: (-len(e[0]), e))
    probe = Lemmatizer({}, {}, {"inventory": edit_list}, set(known), None, {}, tagged=tagged,
                       frequency=frequency, classes=classes)
    rows, labels = [], []
    for (form, upos, lemma), n in sorted(type_counts.items()):
        if n > max_count:
            continue
        cands = list(probe.candidates(form))
        if not any(result == lemma for _, result in cands):
            continue
        for edit, result in cands:
            rows.append({f: 1.0 for f in probe.candidate_features(form, upos, edit, result)})
            labels.append(int(result == lemma))
    if not rows or len(set(labels)) < 2:
        return {"inventory": [list(e) for e in edit_list], "weights": {}}
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=1.0, max_iter=1000, random_state=seed).fit(matrix, labels)
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
               if abs(w) > 1e-4}
    return {"inventory": [list(e) for e in edit_list], "weights": weights}


PRESENT_ENDINGS = ("ند", "یم", "ید", "م", "ی", "د")


def guess_regular_lemma(form: str) -> str | None:
    """The lemma of a verb missing from the stem table in a form with ``می``/``نمی`` or the subjunctive
    ``ب``, read as a regular verb: the present stem plus ``ید`` (``می‌نکوهیم`` → ``نکوهید``, ``بپوسد`` →
    ``پوسید``), a causative stem in ``ان`` plus ``د`` (``می‌شورانند`` → ``شوراند``); a past continuous keeps
    its past stem (``می‌لنگیدم`` → ``لنگید``). None for other forms."""
    body = None
    for prefix in ("نمی" + ZWNJ, "می" + ZWNJ):
        if form.startswith(prefix):
            body = form[len(prefix):]
            break
    if body is None and form.startswith("ب") and len(form) > 4:
        body = form[1:]
        if body.startswith("یا"):  # after ب a glide ی comes before an initial ا: بیاندیشند → اندیش
            body = body[1:]
        elif body.startswith("ی"):  # or replaces it: بیفکند → افکن
            body = "ا" + body[1:]
    if body is None or ZWNJ in body:
        return None
    for ending in PRESENT_ENDINGS:
        if body.endswith(ending) and len(body) > len(ending) + 1:
            stem = body[: -len(ending)]
            if ending != "ید" and stem.endswith(("ید", "اد", "ست", "شت", "فت", "خت")):
                return stem  # a past stem: می‌لنگیدم
            return stem + ("د" if stem.endswith("ان") else "ید")
    return None


def guess_past_stem(form: str) -> str | None:
    """The past stem of a verb missing from the stem table, when its form shows it: participles and
    perfects (``پرورانده`` → ``پروراند``) and past forms whose stem ends in د/ت (``می‌تابید`` → ``تابید``).
    Present-tense forms of unknown verbs do not show their past stem: None."""
    body = form
    for prefix in ("نمی" + ZWNJ, "می" + ZWNJ, "نمی", "می"):
        if body.startswith(prefix) and len(body) > len(prefix) + 2:
            body = body[len(prefix):]
            break
    for clitic in (ZWNJ + "اند", ZWNJ + "ایم", ZWNJ + "اید", ZWNJ + "ام", ZWNJ + "ای"):
        if body.endswith(clitic):
            body = body[: -len(clitic)]
            break
    if body.endswith("ه") and len(body) > 3 and body[-2] in "دت":
        return body[:-1]
    for ending in ("ند", "یم", "ید", "م", ""):
        stem = body[: len(body) - len(ending)] if ending else body
        if len(stem) > 2 and stem[-1] in "دت" and body.endswith(ending):
            return stem
    return None


class LemmatizerStage:
    """Pipeline stage: sets ``token.lemma`` from the token text and its UPOS."""

    name = "lemmatizer"
    requires = ("pos",)
    assigns = ("lemma",)

    def __init__(self, resources: "PosResources | None" = None, shared=None) -> None:
        if resources is None and shared is not None:
            from khabar.tagging.resources import load_pos_resources

            resources = shared.get("pos.resources", load_pos_resources)  # read once for tagger and lemmatizer
        self.lemmatizer = Lemmatizer.from_resources(resources)

    def __call__(self, doc: Document) -> Document:
        lemmas = self.lemmatizer.lemmas
        groups = [toks for _, toks in doc.iter_sentence_tokens()] if doc.sentences else [doc.tokens]
        done = 0
        for tokens in groups:
            for token, lemma in zip(tokens, lemmas([t.text for t in tokens], [t.pos for t in tokens])):
                token.lemma = lemma
            done += len(tokens)
        if done < len(doc.tokens):  # tokens outside every sentence span
            covered = {id(t) for tokens in groups for t in tokens}
            lemma = self.lemmatizer.lemma
            for token in doc.tokens:
                if id(token) not in covered:
                    token.lemma = lemma(token.text, token.pos)
        return doc
