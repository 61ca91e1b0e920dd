"""``khabar train cues``: build the speech-cue lexicon ``khabar/resources/quotes/cues.tsv``.

Where the cues come from:

1. **Attested before a colon** in the Fars and Varzesh3 training articles: ``W :`` where ``W`` is a past stem
   of ``hazm-lexicons/verbs.dat`` (``گفت:``), and ``N LV :`` where ``LV`` is a light verb (``اظهار داشت:``,
   ``یادآور شد:``). A colon right after a verb is how Persian news introduces a statement, so these counts
   find the speech verbs that the agencies really use. Candidates seen at least ``--min-count`` times are
   kept unless they are in :data:`NOT_SPEECH` (verbs that are followed by a colon for other reasons:
   ``شد:``، ``آغاز کرد:``).
2. **Reviewed additions** (:data:`EXTRA`): cues of reported speech that rarely take a colon (``مدعی شد``,
   ``احتمال داد``, ``هشدار داد``), each checked against ``verbs.dat`` (the light verb's stem must be there).

Each cue is written with the forms the quote rules match: 3rd person singular and plural past, the
perfect and pluperfect (``گفته است``، ``گفته بود``) and the present (``می‌گوید``) where a present stem is known.
Columns: ``cue`` (citation form, past 3sg), ``form``, ``colon_count`` (how often the citation form preceded a
colon in the articles; 0 for reviewed additions).
"""
from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

LIGHT_VERBS = ("کرد", "داشت", "شد", "ساخت", "نمود", "داد")

# Verbs that stand before a colon in the articles without introducing speech (or with no speaker).
NOT_SPEECH = {
    "کرد", "داشت", "داد", "شد", "بود", "کند", "گرفت", "رفت", "زد", "رسید", "آورد", "یافت", "خورد", "رساند",
    "گذاشت", "پرداخت", "آمد", "فرستاد", "پیوست", "ماند", "گشت", "برگشت", "باشید", "تولید",
    "آغاز کرد", "آغاز شد", "خواهد شد", "خواهد کرد", "اعلام شد", "نشان داد", "می کرد", "نمی کرد",
    "نشان کرد", "نشان ساخت",  # halves of «خاطر نشان کرد», which EXTRA lists whole
}
# "خاطرنشان" also appears split as "خاطر نشان": the two-word noun is added below.
EXTRA = [
    "گفت", "افزود", "نوشت", "فرمود", "پرسید", "اظهار داشت", "اظهار کرد", "ابراز داشت", "ابراز کرد",
    "تاکید کرد", "تاکید داشت", "تصریح کرد", "تصریح نمود", "خاطرنشان کرد", "خاطرنشان ساخت",
    "خاطرنشان شد", "خاطر نشان کرد", "خاطر نشان ساخت", "یادآور شد", "یادآوری کرد", "ادامه داد", "اعلام کرد",
    "اعلام داشت", "اعلام نمود", "بیان کرد", "بیان داشت", "عنوان کرد", "عنوان داشت", "عنوان نمود",
    "اضافه کرد", "متذکر شد", "اذعان کرد", "اذعان داشت", "توضیح داد", "پاسخ داد", "تشریح کرد", "مدعی شد",
    "ادعا کرد", "گزارش داد", "خبر داد", "هشدار داد", "اعتراف کرد", "احتمال داد", "پیش‌بینی کرد",
    "ابراز امیدواری کرد", "اظهار امیدواری کرد", "ابراز عقیده کرد", "یادآوری نمود",
    "اظهار نمود", "بیان نمود", "اضافه نمود", "تشریح نمود", "مطرح کرد", "اظهار نظر کرد", "تصریح داشت",
    "اطمینان داد", "تهدید کرد", "پیشنهاد کرد", "پیشنهاد داد", "فاش کرد", "آورد", "اعلام داشت",
]
# Cues that are ordinary verbs too («آورد» = brought): a statement only when a colon follows them.
COLON_ONLY = {"آورد"}
# Present 3sg/3pl (without می‌) of the simple speech verbs and of the light verbs (``تاکید می‌کند``).
PRESENT = {"گفت": ("گوید", "گویند"), "افزود": ("افزاید", "افزایند"), "نوشت": ("نویسد", "نویسند"),
           "پرسید": ("پرسد", "پرسند"), "فرمود": ("فرماید", "فرمایند")}
LIGHT_PRESENT = {"کرد": ("کند", "کنند"), "داشت": ("دارد", "دارند"), "شد": ("شود", "شوند"),
                 "ساخت": ("سازد", "سازند"), "نمود": ("نماید", "نمایند"), "داد": ("دهد", "دهند")}

_CHARS = str.maketrans({"ي": "ی", "ك": "ک", "أ": "ا", "\u200c": " "})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--min-count", type=int, default=3,
                        help="keep a colon-attested cue seen at least this often (default 3)")
    parser.add_argument("--out", default=None, help="output file (default: the packaged cues.tsv)")


def _past_stems(path: Path) -> set[str]:
    stems = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        past = line.strip().split("#")[0]
        if past:
            stems.add(past)
    return stems


def colon_counts(paragraphs, past: set[str]) -> collections.Counter:
    """How often each verb (``گفت``) or noun + light verb (``اظهار داشت``) stands right before ``:``/``؛``."""
    counts: collections.Counter = collections.Counter()
    pattern = re.compile(r"(\S+)\s+(\S+)\s*[:؛]")
    for para in paragraphs:
        text = para.translate(_CHARS)
        for m in pattern.finditer(text):
            noun, verb = m.group(1), m.group(2)
            lemma = verb[:-2] if verb.endswith("ند") and verb[:-2] in past else verb
            if lemma not in past:
                continue
            if lemma in LIGHT_VERBS:
                counts[f"{noun} {lemma}"] += 1
            else:
                counts[lemma] += 1
    return counts


def forms(cue: str) -> list[str]:
    """Surface forms of a cue (ZWNJ written as a space; the matcher treats both alike)."""
    *noun, verb = cue.split(" ")
    head = " ".join(noun)
    pre = (head + " ") if head else ""
    out = [cue, f"{pre}{verb}ند", f"{pre}{verb}ه است", f"{pre}{verb}ه‌اند", f"{pre}{verb}ه بود",
           f"{pre}{verb}ه بودند"]
    if head:  # «تاکید کرده» (the perfect without است, common in news); not for simple verbs («گفته»)
        out.append(f"{pre}{verb}ه")
    present = LIGHT_PRESENT.get(verb) if head else PRESENT.get(verb)
    if present:
        singular, plural = present
        out += [f"{pre}می‌{singular}", f"{pre}می‌{plural}"]
        if head and verb == "داشت":  # «تاکید دارد»: داشتن has no می in the present
            out += [f"{pre}{singular}", f"{pre}{plural}"]
    return out


def run(args: argparse.Namespace) -> int:
    from khabar.datasets import data_file
    from khabar.resources import resource_path

    past = _past_stems(data_file("hazm-lexicons", "verbs.dat"))
    paragraphs = []
    for name in ("farsnews-lmcourse", "varzesh3-lmcourse"):
        with open(data_file(name, "train.jsonl"), encoding="utf-8") as fh:
            for line in fh:
                paragraphs.extend(json.loads(line).get("paragraphs", []))
    counts = colon_counts(paragraphs, past)
    cues: dict[str, int] = {}
    for cue, n in counts.items():
        if n >= args.min_count and cue not in NOT_SPEECH:
            cues[cue] = n
    for cue in EXTRA:
        light = cue.split(" ")[-1]
        if light not in past:
            raise SystemExit(f"reviewed cue {cue!r}: verb {light!r} is not in verbs.dat")
        cues.setdefault(cue, counts.get(cue, 0))
    out = Path(args.out) if args.out else Path(str(resource_path("quotes", "cues.tsv")))
    lines = ["# cue\tform\tcolon_count\tcolon_only  (built by `khabar train cues`; see khabar/training/cues.py)"]
    for cue in sorted(cues, key=lambda c: (-cues[c], c)):
        for form in dict.fromkeys(forms(cue)):
            lines.append(f"{cue}\t{form}\t{cues[cue]}\t{int(cue in COLON_ONLY)}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(json.dumps({"cues": len(cues), "forms": len(lines) - 1, "out": str(out)}, ensure_ascii=False))
    return 0
