"""CoNLL 2018 shared-task scoring of tokens, sentences, words, tags and lemmas (our own implementation
of the algorithm of ``conll18_ud_eval.py``).

Gold and predicted files must hold the same non-whitespace characters. Every token gets a span in the
sequence of those characters (whitespace removed, Unicode category ``Zs`` removed from forms); the words of a
multiword token share its span. Then:

- **tokens** and **sentences**: a predicted span is correct when a gold span has the same start and end;
- **words**: words outside multiword tokens align by span; inside a stretch that contains a multiword token
  on either side, words align by the longest common subsequence of their forms;
- **UPOS, XPOS, UFeats, AllTags, Lemmas**: aligned words whose attribute equals the gold one.

Each score is ``precision = correct / predicted``, ``recall = correct / gold`` and ``f1``;
:func:`score_ud` returns them as percentages.

>>> from khabar.evaluation.conllu import parse_conllu
>>> gold = parse_conllu("1-2\\tکارش\\t_\\t_\\t_\\t_\\t_\\t_\\t_\\t_\\n1\\tکار\\t_\\tNOUN\\t_\\t_\\t_\\t_\\t_\\t_\\n"
...                     "2\\tش\\t_\\tPRON\\t_\\t_\\t_\\t_\\t_\\t_\\n")
>>> pred = parse_conllu("1\\tکارش\\t_\\tNOUN\\t_\\t_\\t_\\t_\\t_\\t_\\n")
>>> s = score_ud(gold, pred)
>>> s["tokens_f1"], s["words_f1"]
(100.0, 0.0)
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable, Sequence

from khabar.evaluation.conllu import UDSentence, UDWord

UNIVERSAL_FEATURES = frozenset({
    "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender", "Animacy", "Number", "Case",
    "Definite", "Degree", "VerbForm", "Mood", "Tense", "Aspect", "Voice", "Evident", "Polarity", "Person",
    "Polite",
})


class UDScoreError(ValueError):
    """Gold and predicted files do not hold the same characters."""


@dataclass(slots=True)
class Score:
    gold: int
    predicted: int
    correct: int
    aligned: int | None = None

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.gold + self.predicted
        return 2 * self.correct / total if total else 0.0

    @property
    def aligned_accuracy(self) -> float | None:
        if self.aligned is None:
            return None
        return self.correct / self.aligned if self.aligned else 0.0


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    word: UDWord
    is_multiword: bool


@dataclass(slots=True)
class _Loaded:
    characters: list[str]
    tokens: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    words: list[_Word]


def _strip_spaces(form: str) -> str:
    return "".join(c for c in form if unicodedata.category(c) != "Zs" and not c.isspace())


def _load(sentences: Sequence[UDSentence]) -> _Loaded:
    chars: list[str] = []
    tokens: list[tuple[int, int]] = []
    sents: list[tuple[int, int]] = []
    words: list[_Word] = []
    for sent in sentences:
        sent_start = len(chars)
        for tok in sent.tokens:
            form = _strip_spaces(tok.form)
            start = len(chars)
            chars.extend(form)
            end = len(chars)
            tokens.append((start, end))
            for w in tok.words:
                words.append(_Word(start, end, w, tok.is_multiword))
        if len(chars) > sent_start:
            sents.append((sent_start, len(chars)))
    return _Loaded(chars, tokens, sents, words)


def _spans_score(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> Score:
    correct = gi = si = 0
    while gi < len(gold) and si < len(pred):
        if pred[si][0] < gold[gi][0]:
            si += 1
        elif gold[gi][0] < pred[si][0]:
            gi += 1
        else:
            correct += gold[gi][1] == pred[si][1]
            gi += 1
            si += 1
    return Score(len(gold), len(pred), correct)


def _beyond_end(words: list[_Word], i: int, end: int) -> bool:
    if i >= len(words):
        return True
    if words[i].is_multiword:
        return words[i].start >= end
    return words[i].end > end


def _extend_end(word: _Word, end: int) -> int:
    return word.end if word.is_multiword and word.end > end else end


def _multiword_stretch(gold: list[_Word], pred: list[_Word], gi: int, si: int) -> tuple[int, int, int, int]:
    """The minimal stretch ``gold[gs:gi]``/``pred[ss:si]`` around a multiword token, ending together."""
    if gold[gi].is_multiword:
        end = gold[gi].end
        if not pred[si].is_multiword and pred[si].start < gold[gi].start:
            si += 1
    else:
        end = pred[si].end
        if not gold[gi].is_multiword and gold[gi].start < pred[si].start:
            gi += 1
    gs, ss = gi, si
    while not _beyond_end(gold, gi, end) or not _beyond_end(pred, si, end):
        if gi < len(gold) and (si >= len(pred) or gold[gi].start <= pred[si].start):
            end = _extend_end(gold[gi], end)
            gi += 1
        else:
            end = _extend_end(pred[si], end)
            si += 1
    return gs, ss, gi, si


def _lcs_table(g_forms: list[str], s_forms: list[str]) -> list[list[int]]:
    n, m = len(g_forms), len(s_forms)
    lcs = [[0] * (m + 1) for _ in range(n + 1)]
    for g in range(n - 1, -1, -1):
        for s in range(m - 1, -1, -1):
            best = lcs[g + 1][s + 1] + 1 if g_forms[g] == s_forms[s] else 0
            lcs[g][s] = max(best, lcs[g + 1][s], lcs[g][s + 1])
    return lcs


def align_words(gold: list[_Word], pred: list[_Word]) -> list[tuple[_Word, _Word]]:
    """Pairs of aligned (gold, predicted) words, as in the CoNLL 2018 evaluation script."""
    pairs: list[tuple[_Word, _Word]] = []
    gi = si = 0
    while gi < len(gold) and si < len(pred):
        if gold[gi].is_multiword or pred[si].is_multiword:
            gs, ss, gi, si = _multiword_stretch(gold, pred, gi, si)
            if gi > gs and si > ss:
                g_forms = [w.word.form.lower() for w in gold[gs:gi]]
                s_forms = [w.word.form.lower() for w in pred[ss:si]]
                lcs = _lcs_table(g_forms, s_forms)
                g = s = 0
                while g < len(g_forms) and s < len(s_forms):
                    if g_forms[g] == s_forms[s]:
                        pairs.append((gold[gs + g], pred[ss + s]))
                        g += 1
                        s += 1
                    elif lcs[g][s] == lcs[g + 1][s]:
                        g += 1
                    else:
                        s += 1
        elif (gold[gi].start, gold[gi].end) == (pred[si].start, pred[si].end):
            pairs.append((gold[gi], pred[si]))
            gi += 1
            si += 1
        elif gold[gi].start <= pred[si].start:
            gi += 1
        else:
            si += 1
    return pairs


def _ufeats(feats: str) -> str:
    if feats == "_":
        return "_"
    kept = sorted(f for f in feats.split("|") if f.split("=", 1)[0] in UNIVERSAL_FEATURES)
    return "|".join(kept) or "_"


_ATTRIBUTES: dict[str, Callable[[UDWord, UDWord], bool]] = {
    "upos": lambda g, p: g.upos == p.upos,
    "xpos": lambda g, p: g.xpos == p.xpos,
    "ufeats": lambda g, p: _ufeats(g.feats) == _ufeats(p.feats),
    "alltags": lambda g, p: (g.upos, g.xpos, _ufeats(g.feats)) == (p.upos, p.xpos, _ufeats(p.feats)),
    "lemma": lambda g, p: g.lemma == "_" or g.lemma == p.lemma,
}


def _check_characters(gold: _Loaded, pred: _Loaded) -> None:
    if gold.characters == pred.characters:
        return
    i = 0
    while i < min(len(gold.characters), len(pred.characters)) and gold.characters[i] == pred.characters[i]:
        i += 1
    g = "".join(gold.characters[i:i + 20])
    p = "".join(pred.characters[i:i + 20])
    raise UDScoreError(f"E020: gold and predicted text differ at non-space character {i}: "
                       f"gold {g!r} vs predicted {p!r}")


def score_details(gold_sentences: Sequence[UDSentence], pred_sentences: Sequence[UDSentence]) -> dict[str, Score]:
    """:class:`Score` objects for tokens, sentences, words, upos, xpos, ufeats, alltags and lemma."""
    gold, pred = _load(gold_sentences), _load(pred_sentences)
    _check_characters(gold, pred)
    pairs = align_words(gold.words, pred.words)
    scores = {
        "tokens": _spans_score(gold.tokens, pred.tokens),
        "sentences": _spans_score(gold.sentences, pred.sentences),
        "words": Score(len(gold.words), len(pred.words), len(pairs)),
    }
    for name, same in _ATTRIBUTES.items():
        correct = sum(1 for g, p in pairs if same(g.word, p.word))
        scores[name] = Score(len(gold.words), len(pred.words), correct, len(pairs))
    return scores


def score_ud(gold_sentences: Sequence[UDSentence], pred_sentences: Sequence[UDSentence], *,
             tags: bool = True) -> dict[str, float | int]:
    """Scores as percentages (two decimals): ``tokens_f1``, ``sentences_f1``, ``words_f1`` (and their
    ``_precision``/``_recall``), and with ``tags=True`` ``upos_f1``, ``xpos_f1``, ``ufeats_f1``,
    ``alltags_f1``, ``lemma_f1`` plus ``upos_aligned_accuracy`` etc. Raises :class:`UDScoreError` when the
    two files' characters differ."""
    details = score_details(gold_sentences, pred_sentences)
    out: dict[str, float | int] = {}
    for name, score in details.items():
        if not tags and name in _ATTRIBUTES:
            continue
        out[f"{name}_f1"] = round(100 * score.f1, 2)
        out[f"{name}_precision"] = round(100 * score.precision, 2)
        out[f"{name}_recall"] = round(100 * score.recall, 2)
        if score.aligned is not None:
            out[f"{name}_aligned_accuracy"] = round(100 * (score.aligned_accuracy or 0.0), 2)
    out["gold_words"] = details["words"].gold
    out["predicted_words"] = details["words"].predicted
    return out
