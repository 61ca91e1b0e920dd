"""``khabar train roles``: build the roles/titles lexicon ``khabar/resources/roles/roles.tsv``.

The lexicon lists the words that introduce or follow a person's name in news: titles (``دکتر``,
``آیت‌الله``, ``سردار``) and offices (``وزیر``, ``رئیس``, ``سخنگوی``, ``دبیر``). They are counted in the
three NER corpora (PEYMA, Arman, ParsTwiNER): the word right before a PER span (``before``) and right
after it (``after``, appositions such as ``علی شمخانی دبیر ...``). A word is kept when it touches a PER span
at least ``--min-count`` times and in at least ``--min-ratio`` of all its occurrences, is not a hazm stopword,
and is not in :data:`NOT_ROLES` (speech-verb nouns and other words that merely happen to sit next to
names: ``تصریح``، ``ادامه``، ``حضور``). It also writes ``common_words.txt`` (words that are almost never part
of a person's name, which end a guessed name: ``حرف``، ``موفق``) and ``countries.tsv``. :data:`SEED_ROLES` adds offices and military ranks that are rare in
the corpora but frequent in political news (``دریابان``، ``سخنگو``).

``kind`` is ``title`` for words that stand before a name far more often than after it (an honorific that
is part of how the person is named: ``دکتر``), else ``office``. The coreference stage strips titles when it
compares names, and reads office phrases as roles.
"""
from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

CORPORA = (("peyma", "train.txt", "peyma"), ("arman-personer", "train_fold1.txt", "arman"),
           ("parstwiner", "train.txt", "parstwiner"))

NOT_ROLES = {
    "تصریح", "ادامه", "تاکید", "اظهار", "اضافه", "یادآور", "اشاره", "نوشته", "توسط", "حضور", "دیدار", "دولت",
    "زمان", "حب", "دیار", "پیروزی", "شاگردان", "اظهارات", "ترجمه", "بازی", "مقابل", "قول", "امثال", "سخنان",
    "نقش", "دوران", "نامه", "آثار", "ساخته", "خانواده", "کتاب", "زندگی", "سخنرانی", "گل", "سفر", "اعدام",
    "مرگ", "شعر", "جلسه", "همراه", "استعفای", "دست", "یاد", "یه", "همون", "فیلم", "سریال", "طرفدار",
    "شهادت", "اسم", "قرارداد", "جمله", "جان", "عزیز", "رای", "جون", "هست", "قرار", "روز", "برگزار",
    "یجمعنا", "کارگردانی", "تهیه کنندگی", "نام", "فرزند", "همسر", "پسر", "برادر", "خانم", "آقایان",
    "والمسلمین", "میگه", "شبیه", "انتقاد",
}
SEED_ROLES = {
    "title": ["آقای", "آقا", "خانم", "دکتر", "مهندس", "سردار", "سرلشکر", "سرتیپ", "سرهنگ", "دریابان",
              "دریادار", "امیر", "آیت‌الله", "آیت الله", "حجت‌الاسلام", "حجت الاسلام", "حجت‌الاسلام‌والمسلمین",
              "شیخ", "استاد", "پروفسور", "ژنرال", "سناتور", "شهید", "مرحوم", "حضرت", "علامه", "حاج", "سید"],
    "office": ["رئیس", "رییس", "رئیس‌جمهور", "رئیس‌جمهوری", "رییس‌جمهور", "وزیر", "معاون", "سخنگو", "سخنگوی",
               "دبیر", "دبیرکل", "نماینده", "فرمانده", "رهبر", "مشاور", "مدیر", "مدیرکل", "مدیرعامل",
               "نخست‌وزیر", "سفیر", "فرستاده", "عضو", "نایب", "استاندار", "فرماندار", "شهردار", "سرمربی",
               "مربی", "کاپیتان", "بازیکن", "هافبک", "مهاجم", "مدافع", "دروازه‌بان", "سنگربان", "ملی‌پوش",
               "دادستان", "قاضی", "وکیل", "امام", "ولیعهد", "پادشاه", "ملک", "امیر", "صدراعظم", "شاهزاده",
               "سرکنسول", "کاردار", "مسئول", "کارشناس", "تحلیلگر", "منبع", "مقام", "سرپرست", "جانشین",
               "قائم‌مقام", "قائم", "رئیس‌کل", "اسقف", "پاپ", "سناتور"],
}

_CHARS = str.maketrans({"ي": "ی", "ك": "ک"})

# News aliases and capitals of the countries that act in the news (``countries.tsv``); the CLDR names come
# from ``countries-fa/country.json``. A capital names its country only when it is used as an actor
# (``مسکو از روند سیاسی حمایت می‌کند``); the coreference stage decides that from the context.
COUNTRY_ALIASES = {
    "US": (["آمریکا", "امریکا", "ایالات متحده آمریکا", "ایالات متحده امریکا"], ["واشنگتن"]),
    "GB": (["انگلیس", "انگلستان", "بریتانیا", "پادشاهی متحده"], ["لندن"]),
    "RU": (["روسیه"], ["مسکو", "کرملین"]), "IR": (["ایران", "جمهوری اسلامی ایران"], ["تهران"]),
    "IQ": (["عراق"], ["بغداد"]), "SY": (["سوریه"], ["دمشق"]), "SA": (["عربستان", "عربستان سعودی"], ["ریاض"]),
    "AE": (["امارات", "امارات متحده عربی"], ["ابوظبی"]), "KR": (["کره جنوبی"], ["سئول"]),
    "KP": (["کره شمالی"], ["پیونگ یانگ"]), "CN": (["چین"], ["پکن"]), "FR": (["فرانسه"], ["پاریس"]),
    "DE": (["آلمان"], ["برلین"]), "TR": (["ترکیه"], ["آنکارا"]), "IL": (["اسرائیل", "رژیم صهیونیستی"], ["تل‌آویو"]),
    "LB": (["لبنان"], ["بیروت"]), "YE": (["یمن"], ["صنعا"]), "AF": (["افغانستان"], ["کابل"]),
    "PK": (["پاکستان"], ["اسلام‌آباد"]), "IN": (["هند", "هندوستان"], ["دهلی نو"]), "JP": (["ژاپن"], ["توکیو"]),
    "QA": (["قطر"], ["دوحه"]), "KW": (["کویت"], []), "BH": (["بحرین"], ["منامه"]), "EG": (["مصر"], ["قاهره"]),
    "JO": (["اردن"], ["امان"]), "IT": (["ایتالیا"], ["رم"]), "ES": (["اسپانیا"], ["مادرید"]),
    "AZ": (["آذربایجان", "جمهوری آذربایجان"], ["باکو"]), "AM": (["ارمنستان"], ["ایروان"]),
    "UA": (["اوکراین"], ["کی‌یف", "کیف"]), "VE": (["ونزوئلا"], ["کاراکاس"]), "CU": (["کوبا"], ["هاوانا"]),
    "OM": (["عمان"], ["مسقط"]), "AT": (["اتریش"], ["وین"]), "CA": (["کانادا"], ["اتاوا"]),
    "AU": (["استرالیا"], ["کانبرا"]), "PS": (["فلسطین"], []), "LY": (["لیبی"], ["طرابلس"]),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--min-count", type=int, default=8, help="times next to a PER span (default 8)")
    parser.add_argument("--min-ratio", type=float, default=0.1,
                        help="share of the word's occurrences that touch a PER span (default 0.1)")
    parser.add_argument("--common-min", type=int, default=5,
                        help="a common (non-name) word is seen at least this often outside entities (default 5)")
    parser.add_argument("--out", default=None, help="output file (default: the packaged roles.tsv)")


def _read(path: Path, fmt: str):
    """``(tokens, tags)`` of each sentence, read by the NER corpus reader; tokens with khabar's letters,
    tags as upper-case BIO with a hyphen (``B_PER`` and ``b-pers`` → ``B-PER``/``B-PERS``)."""
    from khabar.ner.corpora import read_corpus

    for sent in read_corpus(path, fmt):
        yield ([w.translate(_CHARS) for w in sent.tokens],
               [t.replace("_", "-").upper() for t in sent.tags])


def count_names(sentences) -> tuple[collections.Counter, collections.Counter]:
    """How often each word is outside any entity (``O``) and inside a PER span."""
    outside: collections.Counter = collections.Counter()
    person: collections.Counter = collections.Counter()
    for tokens, tags in sentences:
        for word, tag in zip(tokens, tags):
            if tag == "O":
                outside[word] += 1
            elif tag.endswith("-PER") or tag.endswith("-PERS"):
                person[word] += 1
    return outside, person


def count_neighbours(sentences) -> tuple[collections.Counter, collections.Counter, collections.Counter]:
    """Counts of words right before and right after PER spans, and of all words."""
    before: collections.Counter = collections.Counter()
    after: collections.Counter = collections.Counter()
    total: collections.Counter = collections.Counter()
    for tokens, tags in sentences:
        total.update(tokens)
        for i, tag in enumerate(tags):
            if tag not in ("B-PER", "B-PERS"):
                continue
            if i > 0 and tags[i - 1] == "O":
                before[tokens[i - 1]] += 1
            j = i + 1
            while j < len(tags) and tags[j].startswith("I-"):
                j += 1
            if j < len(tokens) and tags[j] == "O":
                after[tokens[j]] += 1
    return before, after, total


def run(args: argparse.Namespace) -> int:
    from khabar.datasets import data_file
    from khabar.resources import resource_path

    stop = set(data_file("hazm-lexicons", "stopwords.dat").read_text(encoding="utf-8").split())
    before: collections.Counter = collections.Counter()
    after: collections.Counter = collections.Counter()
    total: collections.Counter = collections.Counter()
    outside: collections.Counter = collections.Counter()
    person: collections.Counter = collections.Counter()
    for folder, name, fmt in CORPORA:
        sentences = list(_read(data_file(folder, name), fmt))
        b, a, t = count_neighbours(sentences)
        before.update(b)
        after.update(a)
        total.update(t)
        o, p = count_names(sentences)
        outside.update(o)
        person.update(p)
    rows: dict[str, tuple[str, int, int]] = {}
    for word in set(before) | set(after):
        near = before[word] + after[word]
        if (near < args.min_count or near / max(total[word], 1) < args.min_ratio or word in stop
                or word in NOT_ROLES or not any(ch.isalpha() for ch in word) or len(word) < 2):
            continue
        kind = "title" if before[word] >= 3 * max(after[word], 1) else "office"
        rows[word] = (kind, before[word], after[word])
    for kind, words in SEED_ROLES.items():
        for word in words:
            if word in rows:
                rows[word] = (kind, rows[word][1], rows[word][2])
            else:
                rows[word] = (kind, before[word], after[word])
    out = Path(args.out) if args.out else Path(str(resource_path("roles", "roles.tsv")))
    lines = ["# word\tkind\tbefore_per\tafter_per  (built by `khabar train roles`; see khabar/training/roles.py)"]
    for word in sorted(rows, key=lambda w: (-(rows[w][1] + rows[w][2]), w)):
        kind, b, a = rows[word]
        lines.append(f"{word}\t{kind}\t{b}\t{a}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    common = sorted({w for w, n in outside.items()
                     if n >= args.common_min and person[w] <= 0.01 * n and any(ch.isalpha() for ch in w)
                     and w not in rows} | (stop - set(rows)))
    common_out = out.parent / "common_words.txt" if args.out else Path(str(resource_path("roles", "common_words.txt")))
    common_out.write_text("# words that are (almost) never part of a person's name: seen at least "
                          f"{args.common_min} times outside entities and at most 1% as often inside PER spans in "
                          "PEYMA, Arman and ParsTwiNER, plus the hazm stopwords (built by `khabar train roles`)\n"
                          + "\n".join(common) + "\n", encoding="utf-8")
    countries = write_countries(data_file("countries-fa", "country.json"),
                                out.parent / "countries.tsv" if args.out else Path(str(resource_path("roles", "countries.tsv"))))
    print(json.dumps({"roles": len(rows), "countries": countries, "common_words": len(common), "out": str(out)},
                     ensure_ascii=False))
    return 0


# Peoples as actors («آمریکایی‌ها تهدید کردند»): they name the country only as an actor, like capitals.
COUNTRY_PEOPLES = {
    "US": ["آمریکایی‌ها", "امریکایی‌ها"], "GB": ["انگلیسی‌ها"], "RU": ["روس‌ها", "روسها"],
    "IL": ["اسرائیلی‌ها", "صهیونیست‌ها"], "SA": ["سعودی‌ها"], "IR": ["ایرانی‌ها"], "CN": ["چینی‌ها"],
    "FR": ["فرانسوی‌ها"], "DE": ["آلمانی‌ها"], "TR": ["ترک‌ها"], "IQ": ["عراقی‌ها"], "AF": ["افغان‌ها"],
    "EG": ["مصری‌ها"], "QA": ["قطری‌ها"], "AE": ["اماراتی‌ها"], "KW": ["کویتی‌ها"], "JP": ["ژاپنی‌ها"],
}


def write_countries(source: Path, out: Path) -> int:
    """``code<TAB>kind<TAB>name`` rows: CLDR names (``ۀ``/``ٔ`` dropped), news aliases, capitals and peoples."""
    names = json.loads(source.read_text(encoding="utf-8"))
    rows = []
    for code, name in sorted(names.items()):
        plain = name.replace("\u0654", "").replace("ۀ", "ه")
        rows.append(f"{code}\tname\t{plain}")
        aliases, capitals = COUNTRY_ALIASES.get(code, ([], []))
        rows += [f"{code}\talias\t{a}" for a in aliases if a != plain]
        rows += [f"{code}\tcapital\t{c}" for c in capitals]
        rows += [f"{code}\tpeople\t{p}" for p in COUNTRY_PEOPLES.get(code, [])]
    out.write_text("# code\tkind\tname  (countries-fa names + aliases/capitals in khabar/training/roles.py)\n"
                   + "\n".join(rows) + "\n", encoding="utf-8")
    return len(names)
