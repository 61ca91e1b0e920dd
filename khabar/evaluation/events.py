"""``khabar evaluate events GOLD``: events against the khabar events gold set; prints one JSON object.

The gold file (``gold/events.jsonl``) holds no article text: each line names a Fars article by ``link`` and
anchors every event by its trigger (``trigger`` text + ``occurrence``, the 0-based index among whole-word
matches of that text in the article) and its arguments by canonical ``name`` + ``mention`` text (the
occurrence of the mention nearest the trigger). The article text is read from ``../shared/data`` at run time.

Matching (documented in docs/events.md): a predicted event matches a gold event when the types are
equal, the predicted sentence span contains the gold trigger and the trigger words agree, and the actors
agree as sets of entities. A predicted actor entity stands for a gold actor when one of its mentions
overlaps the gold mention, or its name or a mention equals the gold name. Each gold event is matched at
most once. ``--entities gold`` replaces the NER/coreference output by the annotated arguments (an oracle
that measures the event rules alone).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path
from typing import Any

MEET_WORDS = re.compile(r"دیدار|ملاقات|رایزنی")
CATEGORIES = ("politics", "world", "foreign-policy")
MAX_WORDS = 400
_ARABIC = str.maketrans("يكى", "یکی")
# Mentions that are pronouns or deictic phrases: anchored at the occurrence nearest the trigger only.
_DEICTIC = {"وی", "او", "ما", "من", "آنان", "آنها", "این کشور", "دو کشور", "این رژیم"}


# --- the gold set's articles --------------------------------------------------------------------------
def article_text(article: dict) -> str:
    """The text khabar analyzes for one Fars article: title, blank line, one paragraph per line."""
    return article["title"] + "\n\n" + "\n".join(article["paragraphs"])


def published_from_link(link: str) -> str | None:
    """Fars article ids encode the Jalali date: ``.../news/8707060255`` → 1387/07/06,
    ``.../news/13911222000865/...`` → 1391/12/22."""
    m = re.search(r"/news/(\d+)", link)
    if not m:
        return None
    digits = m.group(1)
    if len(digits) >= 14 and digits.startswith(("13", "14")):
        return f"{digits[0:4]}/{digits[4:6]}/{digits[6:8]}"
    return f"13{digits[0:2]}/{digits[2:4]}/{digits[4:6]}"


def select_articles(data_path: Path) -> dict[str, list[dict]]:
    """The deterministic selection rule of the gold set (docs/annotation.md, "Events")."""
    arts = [json.loads(line) for line in data_path.open(encoding="utf-8")]
    group_a, group_b, group_c = [], [], []
    for art in arts:
        text = article_text(art).translate(_ARABIC)
        if art.get("cat") not in CATEGORIES:
            # C: meetings in the other sections (provinces, economy, culture; not sports), for a held-out check
            if art.get("cat") != "sports" and len(text.split()) <= 300 and MEET_WORDS.search(text):
                group_c.append(art)
            continue
        if len(text.split()) > MAX_WORDS:
            continue
        (group_a if MEET_WORDS.search(text) else group_b).append(art)

    def key(a: dict) -> str:
        return hashlib.sha1(a["link"].encode("utf-8")).hexdigest()

    group_a.sort(key=key)
    group_b.sort(key=key)
    group_c.sort(key=key)
    # round 2 of the dev set (A[20:30], the rest of A) was annotated after the rules were written, before
    # running them on it
    return {"dev": group_a[0:16] + group_b[0:4] + group_a[20:30], "aside": group_a[16:20] + group_b[4:5],
            "aside2": group_c[0:8]}


# --- anchors --------------------------------------------------------------------------------------------
_MARKS = "[\u064b-\u065f\u0670]*"  # short vowels and other marks the normalizer may drop


def _anchor_pattern(needle: str) -> re.Pattern:
    needle = re.sub(_MARKS[:-1], "", needle.translate(_ARABIC).strip())
    words = re.split(r"[\s\u200c]+", needle)
    body = r"[\s\u200c]*".join(_MARKS.join(re.escape(c) for c in w) for w in words)
    return re.compile(r"(?<![\w\u200c])" + body + r"(?![\w\u200c])")


def find_occurrence(text: str, needle: str, index: int) -> tuple[int, int] | None:
    """The span of the ``index``-th whole-word occurrence of ``needle`` (spaces and ZWNJ interchangeable,
    Arabic ي/ك equal to Persian ی/ک)."""
    matches = list(_anchor_pattern(needle).finditer(text.translate(_ARABIC)))
    if index >= len(matches):
        return None
    return matches[index].span()


def nearest_occurrence(text: str, needle: str, pos: int) -> tuple[int, int] | None:
    """The occurrence of ``needle`` nearest ``pos``, preferring the sentence that holds ``pos``."""
    spans = [m.span() for m in _anchor_pattern(needle).finditer(text.translate(_ARABIC))]
    if not spans:
        return None
    lo = max(text.rfind(c, 0, pos) for c in ".!?؟\n") + 1
    hi = min([k for k in (text.find(c, pos) for c in ".!?؟\n") if k >= 0] or [len(text)])
    inside = [s for s in spans if lo <= s[0] and s[1] <= hi]
    return min(inside or spans, key=lambda s: abs(s[0] - pos))


def _norm(s: str) -> str:
    return re.sub(r"[\s\u200c]+", "", s.translate(_ARABIC))


def resolve_gold(record: dict, text: str) -> list[dict]:
    """Gold events of one article with offsets into ``text``; unresolvable anchors raise ``ValueError``."""
    events = []
    for ev in record["events"]:
        span = find_occurrence(text, ev["trigger"], ev.get("occurrence", 0))
        if span is None:
            raise ValueError(f"{record['link']}: trigger {ev['trigger']!r} #{ev.get('occurrence', 0)} not found")
        args = {}
        for role in ("actors", "targets"):
            resolved = []
            for arg in ev.get(role, []):
                mention = arg.get("mention") or arg["name"]
                mspan = nearest_occurrence(text, mention, span[0])
                if mspan is None:
                    raise ValueError(f"{record['link']}: mention {mention!r} not found")
                resolved.append({"name": arg["name"], "mention": mention, "span": mspan})
            args[role] = resolved
        events.append({"type": ev["type"], "cameo": ev.get("cameo"), "trigger": ev["trigger"], "span": span,
                       "actors": args["actors"], "targets": args["targets"], "time": ev.get("time")})
    return events


# --- matching -------------------------------------------------------------------------------------------
def _stands_for(entity, arg: dict) -> bool:
    """A predicted entity stands for a gold argument when one of its mentions overlaps the annotated mention,
    or its name is the gold name, contains it or is contained in it (``عبدالعلی زاده`` for ``علی
    عبدالعلی‌زاده``), or both end in the same surname (``آیت الله هاشمی شاهرودی``, ``محمود هاشمی
    شاهرودی``)."""
    s, e = arg["span"]
    if any(m.start < e and s < m.end for m in entity.mentions):
        return True
    gold = _norm(arg["name"])
    names = {_norm(entity.name)} | {_norm(m.text) for m in entity.mentions}
    if any(n and (n == gold or (len(n) >= 4 and (n in gold or gold in n))) for n in names):
        return True
    gold_last = arg["name"].split()[-1] if arg["name"].split() else ""
    ent_last = entity.name.split()[-1] if entity.name.split() else ""
    return len(_norm(gold_last)) >= 4 and _norm(gold_last) == _norm(ent_last)


def _same_set(doc, ids: list[str], args: list[dict]) -> bool:
    if len(set(ids)) != len(args):
        return False
    entities = [doc.entity(i) for i in dict.fromkeys(ids)]
    used: set[int] = set()
    for arg in args:
        hit = next((k for k, ent in enumerate(entities) if k not in used and ent and _stands_for(ent, arg)), None)
        if hit is None:
            return False
        used.add(hit)
    return True


def _trigger_agrees(pred: str | None, gold: str) -> bool:
    if not pred:
        return True
    p, g = _norm(pred), _norm(gold)
    return p.startswith(g[:4]) or g.startswith(p[:4]) or g in p or p in g


def match_events(doc, gold: list[dict]) -> tuple[list[tuple[Any, dict | None]], list[dict]]:
    """Pairs (predicted event, matched gold event or None) and the gold events left unmatched."""
    free = list(gold)
    pairs = []
    for ev in doc.events:
        hit = None
        for g in free:
            if g["type"] == ev.type and ev.start <= g["span"][0] < ev.end and _trigger_agrees(ev.trigger, g["trigger"]) \
                    and _same_set(doc, ev.actors, g["actors"]):
                hit = g
                break
        if hit is not None:
            free.remove(hit)
        pairs.append((ev, hit))
    return pairs, free


def _same_time(predicted, gold_text: str | None, times, published) -> bool:
    """The event's time agrees with the annotated one: same text (one containing the other), or the same
    resolved date (``فردا`` and ``7 آبانماه`` in a report of the day before)."""
    if predicted is None or gold_text is None:
        return predicted is None and gold_text is None
    p, g = _norm(predicted.text), _norm(gold_text)
    if p in g or g in p:
        return True
    from khabar.knowledge.dates import parse_published

    resolved = times.find(gold_text, parse_published(published))
    return bool(predicted.date) and any(t.date == predicted.date for t in resolved)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


# --- gold entities (oracle mode) ---------------------------------------------------------------------------
def gold_entities(text: str, gold: list[dict]):
    """Entities built from the annotated arguments: each canonical name with its annotated mention and every
    occurrence of the name itself."""
    from khabar.document import Entity, Mention

    by_name: dict[str, Entity] = {}
    for ev in gold:
        for arg in ev["actors"] + ev["targets"]:
            ent = by_name.get(arg["name"])
            if ent is None:
                ent = Entity(f"g{len(by_name) + 1}", "ORG", arg["name"], [], [])
                for m in _anchor_pattern(arg["name"]).finditer(text.translate(_ARABIC)):
                    ent.mentions.append(Mention(m.start(), m.end(), text[m.start():m.end()]))
                by_name[arg["name"]] = ent
            s, e = arg["span"]
            if not any(m.start == s and m.end == e for m in ent.mentions):
                ent.mentions.append(Mention(s, e, text[s:e]))
    for ent in by_name.values():
        ent.mentions.sort(key=lambda m: m.start)
    return list(by_name.values())


# --- the command ---------------------------------------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser, task: str = "events") -> None:
    parser.add_argument("gold", nargs="?", default="gold/events.jsonl", help="gold file (default: gold/events.jsonl)")
    parser.add_argument("--split", choices=("dev", "aside", "aside2", "held-out", "all"), default="dev",
                        help="which articles to score (aside: kept for the final check)")
    parser.add_argument("--round", type=int, choices=(1, 2), help="only dev articles of this annotation round "
                        "(2: annotated after the rules were written)")
    parser.add_argument("--entities", choices=("pipeline", "gold"), default="pipeline",
                        help="entities from khabar's NER/coreference (default) or from the annotation (oracle)")
    parser.add_argument("--data", help="the folder holding farsnews-lmcourse (default: ../shared/data)")
    parser.add_argument("--details", action="store_true", help="list every error in the output")


def evaluate(records: list[dict], articles: dict[str, dict], *, entities: str = "pipeline",
             details: bool = False, nlp=None) -> dict[str, Any]:
    """Score the events of ``records`` (gold lines) over ``articles`` (by link); ``nlp`` is the pipeline to
    use with pipeline entities (default: ``khabar.load()``)."""
    import khabar
    from khabar import stages as stage_table
    from khabar.knowledge.dates import TimeStage
    from khabar.knowledge.events import EventStage

    if entities == "gold":
        before = [stage_table.build_stage(n) for n in ("normalizer", "sentences", "tokenizer")]
        nlp = None
    else:
        nlp = nlp or khabar.load()
        if "events" not in nlp.stage_names:
            raise RuntimeError("the pipeline has no events stage (is the entities stage installed?); "
                               "use --entities gold")
    times, events_stage = TimeStage(), EventStage()
    counts: dict[str, dict[str, int]] = {}
    n_time = n_time_ok = 0
    errors = []

    def bump(type_: str, key: str) -> None:
        counts.setdefault(type_, {"tp": 0, "pred": 0, "gold": 0})[key] += 1

    for rec in records:
        art = articles[rec["link"]]
        meta = {"published": rec.get("published") or published_from_link(rec["link"]), "url": rec["link"]}
        raw = article_text(art)
        if nlp is None:
            from khabar.document import Document

            doc = Document.from_text(raw, meta)
            for stage in before:
                doc = stage(doc)
            gold = resolve_gold(rec, doc.text)
            doc.entities = gold_entities(doc.text, gold)
            doc = events_stage(times(doc))
        else:
            doc = nlp(raw, meta)
            gold = resolve_gold(rec, doc.text)
        pairs, missed = match_events(doc, gold)
        for ev, hit in pairs:
            bump(ev.type, "pred")
            if hit is not None:
                bump(ev.type, "tp")
                if hit.get("time") is not None or ev.time is not None:
                    n_time += 1
                    n_time_ok += _same_time(ev.time, hit.get("time"), times, meta.get("published"))
            elif details:
                errors.append({"link": rec["link"], "kind": "false", "type": ev.type, "trigger": ev.trigger,
                               "actors": [doc.entity(a).name for a in ev.actors if doc.entity(a)],
                               "sentence": doc.text[ev.start:ev.end][:160]})
        for g in gold:
            bump(g["type"], "gold")
        if details:
            for g in missed:
                errors.append({"link": rec["link"], "kind": "missed", "type": g["type"], "trigger": g["trigger"],
                               "actors": [a["name"] for a in g["actors"]],
                               "sentence": doc.text[max(0, g["span"][0] - 80):g["span"][1] + 80]})

    def total(types) -> dict[str, float | int]:
        tp = sum(counts.get(t, {}).get("tp", 0) for t in types)
        pred = sum(counts.get(t, {}).get("pred", 0) for t in types)
        gold_n = sum(counts.get(t, {}).get("gold", 0) for t in types)
        return _prf(tp, pred, gold_n)

    consult = ("meet", "phone", "visit", "host", "negotiate", "intend_meet")
    out: dict[str, Any] = {
        "task": "events", "articles": len(records), "entities": entities,
        "overall": total(counts),
        "meet": total(("meet",)),
        "consult_04x_036": total(consult),
        "per_type": {t: _prf(c["tp"], c["pred"], c["gold"]) for t, c in sorted(counts.items())},
        "time_agreement_on_matched_with_a_time": round(100 * n_time_ok / n_time, 1) if n_time else None,
    }
    if details:
        out["errors"] = errors
    return out


def load_gold(path: Path, split: str) -> list[dict]:
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if split == "held-out":
        return [r for r in records if r.get("split") in ("aside", "aside2")]
    return [r for r in records if split == "all" or r.get("split") == split]


def run(args: argparse.Namespace) -> int:
    from khabar.datasets import data_dir

    data = Path(args.data) if args.data else data_dir()
    records = load_gold(Path(args.gold), args.split)
    if args.round:
        records = [r for r in records if r.get("round", 1) == args.round]
    path = data / "farsnews-lmcourse" / "train.jsonl"
    articles = {}
    wanted = {r["link"] for r in records}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            if art["link"] in wanted:
                articles[art["link"]] = art
    result = evaluate(records, articles, entities=args.entities, details=args.details)
    print(json.dumps(result, ensure_ascii=False))
    return 0
