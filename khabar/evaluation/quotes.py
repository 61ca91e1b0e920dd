"""``khabar evaluate quotes GOLD``: quote attribution against a khabar gold file (``gold/quotes.jsonl``).

The gold file holds no article text: each line names an article by its ``link`` in
``../shared/data/{farsnews,varzesh3}-lmcourse/train.jsonl`` and anchors every statement by strings
(see ``docs/annotation.md``)::

    {"link": ..., "source": "farsnews", "split": "dev", "quotes": [
       {"speaker": "حشمت مهاجرانی", "speaker_text": "وی", "speaker_kind": "pronoun",
        "cue": "ادامه داد", "content": "از ابتدا به این مسئله", "direct": true, "occurrence": 0}]}

The evaluator rebuilds the article text (body paragraphs joined by blank lines), runs the pipeline, and
resolves each anchor on the analyzed text with a *key* that ignores spacing, ZWNJ, punctuation and Arabic
letter variants (``content`` is the first words of the content; ``occurrence`` picks among repeats).

A system quote **matches** a gold one when its content starts at the gold content start (same key
position), its cue is the same cue (citation forms, or one a prefix of the other: ``اعلام کرده بود`` ~
``اعلام کرد``) and its speaker is right: the speaker entity's name or one of its mentions is the gold
speaker, or (one containing the other) for descriptors such as ``یک منبع امنیتی``. Scores: precision,
recall and F1 of matches; the same without the speaker (``unattributed``); speaker accuracy by the kind of
the gold speaker mention (``name``/``pronoun``/``role``/``other``: the coreference sub-score); and
direct/reported accuracy on matched quotes.
"""
from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

_KEY_DROP = re.compile(r"[^\w]|[_\u0640]", re.UNICODE)
_KEY_CHARS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ۀ": "ه",
                            "ؤ": "و", "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6",
                            "٧": "7", "٨": "8", "٩": "9", "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
                            "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9"})


def key(s: str) -> str:
    """Letters and digits only, Arabic variants unified: ``«رئیس‌جمهور»`` → ``رئیسجمهور``."""
    return _KEY_DROP.sub("", s.translate(_KEY_CHARS))


class KeyedText:
    """A text with its key string and the key position of every text offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        chars: list[str] = []
        self.positions: list[int] = []  # text offset of each key character
        for i, ch in enumerate(text.translate(_KEY_CHARS)):
            if not _KEY_DROP.match(ch):
                chars.append(ch)
                self.positions.append(i)
        self.key = "".join(chars)

    def key_index(self, offset: int) -> int:
        """Index of the first key character at or after text ``offset``."""
        return bisect.bisect_left(self.positions, offset)

    def find(self, anchor: str, occurrence: int = 0) -> int | None:
        """Key index where the ``occurrence``-th match of ``anchor`` starts (None when absent)."""
        k = key(anchor)
        if not k:
            return None
        pos = -1
        for _ in range(occurrence + 1):
            pos = self.key.find(k, pos + 1)
            if pos < 0:
                return None
        return pos

    def offset(self, key_index: int) -> int:
        return self.positions[key_index]


def article_text(article: dict[str, Any]) -> str:
    """The text the gold is anchored in: the body paragraphs, joined by blank lines."""
    return "\n\n".join(article.get("paragraphs", []))


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip() and not line.startswith("#")]


def load_articles(links: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The gold's articles from ../shared/data, by link."""
    from khabar.datasets import data_file

    wanted = set(links)
    found: dict[str, dict[str, Any]] = {}
    for folder in ("farsnews-lmcourse", "varzesh3-lmcourse"):
        with open(data_file(folder, "train.jsonl"), encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                if art["link"] in wanted and art["link"] not in found:
                    found[art["link"]] = art
    missing = wanted - set(found)
    if missing:
        raise ValueError(f"gold articles not found in ../shared/data: {sorted(missing)[:3]}")
    return found


def cue_matches(gold_cue: str, system_cue: str, citation=None) -> bool:
    """Same cue: equal citation forms, or one key a prefix of the other."""
    if citation is not None and citation(gold_cue) == citation(system_cue):
        return True
    g, s = key(gold_cue), key(system_cue)
    return bool(g and s) and (g.startswith(s) or s.startswith(g))


def speaker_matches(gold: dict[str, Any], quote, doc) -> bool:
    """The system speaker is the gold speaker (see the module docstring)."""
    target = key(gold["speaker"])
    names: list[str] = []
    ent = doc.entity(quote.speaker) if quote.speaker else None
    if ent is not None:
        names = [ent.name] + [m.text for m in ent.mentions]
    elif quote.speaker_text:
        names = [quote.speaker_text]
    for name in names:
        k = key(name)
        if k == target:
            return True
        if ent is None or gold.get("speaker_kind") == "other" or ent.label != "PER":
            short, long_ = sorted((k, target), key=len)
            if len(short) >= 5 and short in long_:
                return True
    if ent is not None and ent.label == "PER":
        # a person's canonical name that extends or shortens the gold name (``سید``, a first name)
        k = key(ent.name)
        short, long_ = sorted((k, target), key=len)
        if len(short) >= 5 and (long_.endswith(short) or long_.startswith(short)):
            return True
    return False


def score_document(doc, gold_quotes: list[dict[str, Any]], citation=None) -> dict[str, Any]:
    """Matches of one analyzed article against its gold quotes."""
    keyed = KeyedText(doc.text)
    system = [(keyed.key_index(q.start), q) for q in doc.quotes]
    used: set[int] = set()
    rows = []
    for g in gold_quotes:
        gk = keyed.find(g["content"], g.get("occurrence", 0))
        if gk is None:
            raise ValueError(f"gold anchor not found: {g['content']!r}")
        row = {"gold": g, "content_start": keyed.offset(gk), "found": None, "speaker_ok": False}
        for i, (sk, q) in enumerate(system):
            if i in used or sk != gk or not cue_matches(g["cue"], q.cue, citation):
                continue
            used.add(i)
            row["found"] = q
            row["speaker_ok"] = speaker_matches(g, q, doc)
            break
        rows.append(row)
    spurious = [q for i, (_, q) in enumerate(system) if i not in used]
    return {"rows": rows, "spurious": spurious, "system": len(system)}


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 2), "recall": round(100 * r, 2), "f1": round(100 * f, 2)}


def summarize(results: list[dict[str, Any]]) -> dict[str, Any]:
    n_gold = sum(len(r["rows"]) for r in results)
    n_sys = sum(r["system"] for r in results)
    found = [row for r in results for row in r["rows"] if row["found"] is not None]
    tp = sum(1 for row in found if row["speaker_ok"])
    kinds: Counter = Counter(row["gold"].get("speaker_kind", "name") for r in results for row in r["rows"])
    by_kind: dict[str, dict[str, Any]] = {}
    for kind in sorted(kinds):
        rows = [row for row in found if row["gold"].get("speaker_kind", "name") == kind]
        ok = sum(1 for row in rows if row["speaker_ok"])
        by_kind[kind] = {"gold": kinds[kind], "matched": len(rows),
                         "speaker_accuracy": round(100 * ok / len(rows), 2) if rows else None}
    coref_rows = [row for row in found if row["gold"].get("speaker_kind") in ("pronoun", "role")]
    direct_ok = sum(1 for row in found if bool(row["found"].direct) == bool(row["gold"]["direct"]))
    return {
        "articles": len(results),
        "gold_quotes": n_gold,
        "system_quotes": n_sys,
        **_prf(tp, n_sys, n_gold),
        "unattributed": _prf(len(found), n_sys, n_gold),
        "speakers_pronoun_or_role": kinds["pronoun"] + kinds["role"],
        "speaker_kinds": by_kind,
        "coref_accuracy": (round(100 * sum(1 for r in coref_rows if r["speaker_ok"]) / len(coref_rows), 2)
                           if coref_rows else None),
        "direct_accuracy": round(100 * direct_ok / len(found), 2) if found else None,
    }


def evaluate(gold: list[dict[str, Any]], nlp, *, split: str = "dev", batch: int | None = None,
             details: bool = False) -> dict[str, Any]:
    """Run ``nlp`` over the gold's articles of ``split`` (``dev``, ``final`` or ``all``; optionally one
    annotation ``batch``) and score them."""
    from khabar.knowledge.speech import CueLexicon

    citation = CueLexicon.load().citation
    chosen = [g for g in gold if (split == "all" or g.get("split", "dev") == split)
              and (batch is None or g.get("batch", 1) == batch)]
    articles = load_articles(g["link"] for g in chosen)
    results = []
    for g in chosen:
        doc = nlp(article_text(articles[g["link"]]), {"source": g["link"]})
        res = score_document(doc, g["quotes"], citation)
        res["link"] = g["link"]
        res["doc"] = doc
        results.append(res)
    out = {"task": "quotes", "split": split, **({"batch": batch} if batch else {}), **summarize(results)}
    if details:
        out["errors"] = _errors(results)
    return out


def _errors(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    errs = []
    for r in results:
        doc = r["doc"]
        for row in r["rows"]:
            q = row["found"]
            if q is not None and row["speaker_ok"]:
                continue
            ent = doc.entity(q.speaker) if q is not None and q.speaker else None
            errs.append({"link": r["link"], "type": "missed" if q is None else "speaker",
                         "gold": {k: row["gold"][k] for k in ("speaker", "speaker_text", "cue", "content")},
                         "system_speaker": (ent.name if ent else (q.speaker_text if q else None))})
        for q in r["spurious"]:
            errs.append({"link": r["link"], "type": "spurious", "cue": q.cue, "speaker": q.speaker_text,
                         "content": q.content[:40]})
    return errs


def add_arguments(parser: argparse.ArgumentParser, task: str) -> None:
    parser.add_argument("gold", nargs="?", default="gold/quotes.jsonl",
                        help="gold file (default: gold/quotes.jsonl)")
    parser.add_argument("--split", choices=("dev", "final", "all"), default="dev",
                        help="which gold articles to score (default: dev)")
    parser.add_argument("--batch", type=int, default=None, help="only the articles of one annotation batch")
    parser.add_argument("--details", action="store_true", help="list every error")
    parser.add_argument("--rules-only", action="store_true",
                        help="no NER mentions: score the entity and quote rules alone (text stages + rules)")


class NoMentions:
    """Stands in for the NER stage: no mentions, so the entity stage finds speakers by its rules alone."""

    name = "no-ner"
    requires = ("tokens",)
    assigns = ("mentions",)

    def __call__(self, doc):
        doc.entities = []
        return doc


def rules_pipeline():
    """Text stages, no NER, then the entity and quote stages (the rules measured on their own)."""
    import khabar
    from khabar.knowledge.quotes import QuoteStage
    from khabar.ner.coref import EntityStage
    from khabar.pipeline import Pipeline

    text = khabar.load(stages=["normalizer", "sentences", "tokenizer"])
    return Pipeline([*text.stages, NoMentions(), EntityStage(), QuoteStage()])


def run(args: argparse.Namespace) -> int:
    import khabar

    nlp = rules_pipeline() if args.rules_only else khabar.load()
    if "quotes" not in nlp.provides:
        print("khabar: error: the pipeline has no quotes stage (is the ner stage installed?); "
              "try --rules-only", file=sys.stderr)
        return 1
    result = evaluate(load_gold(args.gold), nlp, split=args.split, batch=args.batch, details=args.details)
    result["pipeline"] = nlp.stage_names
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0
