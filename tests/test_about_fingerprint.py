"""Near-duplicate fingerprints: republished copies with light edits match, different articles do not."""
from __future__ import annotations

import json

import pytest

from khabar.about.fingerprint import (
    Fingerprint, Fingerprinter, NearDuplicateIndex, fingerprint, fingerprint_words, group_near_duplicates,
)


@pytest.fixture(scope="module")
def fingerprinter():
    return Fingerprinter()


@pytest.mark.parametrize("text, expected", [
    ("می‌شود", ["میشود"]),
    ("می شود", ["میشود"]),
    ("مي‌شود", ["میشود"]),
    ("کتاب‌های او", ["کتابهای", "او"]),
    ("کتاب های او", ["کتابهای", "او"]),
    ("«ایران»، ۱۴۰۲!", ["ایران", "1402"]),
    ("نمی توان", ["نمیتوان"]),
])
def test_fingerprint_words_fold_spelling_variants(text, expected):
    assert fingerprint_words(text) == expected


def _paragraphs(article: str) -> tuple[str, list[str]]:
    parts = [p.strip() for p in article.split("\n\n") if p.strip()]
    return parts[0], parts[1:]


# Light edits a republishing site makes: (name, function of (title, paragraphs) -> text)
EDITS = [
    ("new headline", lambda t, ps: "گزارش تازه از دیدار مقام روس در تهران\n\n" + "\n\n".join(ps)),
    ("agency lead added", lambda t, ps: t + "\n\nبه گزارش خبرگزاری مهر به نقل از روابط عمومی، " + "\n\n".join(ps)),
    ("punctuation and ZWNJ", lambda t, ps: (t + "\n\n" + "\n\n".join(ps)).replace("،", " ").replace("\u200c", " ")
     .replace("«", "").replace("»", "").replace(".", "!")),
    ("Arabic letters", lambda t, ps: (t + "\n\n" + "\n\n".join(ps)).replace("ی", "ي").replace("ک", "ك")),
    ("last paragraph dropped", lambda t, ps: t + "\n\n" + "\n\n".join(ps[:-1])),
]


@pytest.mark.parametrize("name, edit", EDITS, ids=[e[0] for e in EDITS])
def test_fingerprint_similarity_survives_light_edits(name, edit, example_article, fingerprinter):
    title, paragraphs = _paragraphs(example_article)
    original = fingerprinter(example_article)
    edited = fingerprinter(edit(title, paragraphs))
    assert original.similarity(edited) >= 0.7


def test_fingerprint_is_stable_across_instances_and_serialization(example_article):
    a = fingerprint(example_article)
    b = Fingerprinter()(example_article)
    assert a == b
    data = a.to_bytes()
    assert len(data) == 516 and data[:4] == b"KFP1"
    assert Fingerprint.from_bytes(data) == a
    assert Fingerprint.from_hex(a.hex()) == a
    assert a.similarity(b) == 1.0


def test_fingerprint_from_bytes_rejects_garbage():
    with pytest.raises(ValueError):
        Fingerprint.from_bytes(b"not a fingerprint")


def _fars(shared_data, n):
    with open(shared_data / "farsnews-lmcourse" / "train.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(n), fh)]
    return [(r["link"], r["title"] + "\n\n" + "\n\n".join(r["paragraphs"])) for r in rows]


def test_fingerprint_different_real_articles_are_not_near_duplicates(shared_data, fingerprinter):
    prints = [fingerprinter(text) for _, text in _fars(shared_data, 120)]
    worst = max(prints[i].similarity(prints[j]) for i in range(len(prints)) for j in range(i + 1, len(prints)))
    assert worst < 0.5


def test_near_duplicate_index_groups_republished_copies(shared_data, fingerprinter):
    articles = _fars(shared_data, 60)
    index = NearDuplicateIndex(threshold=0.7)
    for key, text in articles:
        index.add(key, fingerprinter(text))
    key0, text0 = articles[5]
    title, _, body = text0.partition("\n\n")
    copy = "به گزارش ایسنا، " + body.replace("\u200c", " ")
    index.add("copy", fingerprinter(copy))
    hits = index.query(fingerprinter(text0))
    assert hits[0][0] == key0 and "copy" in [k for k, _ in hits]
    assert index.groups() == [[key0, "copy"]]


def test_group_near_duplicates_on_plain_texts(example_article):
    groups = group_near_duplicates([("a", example_article), ("b", example_article.replace("،", "")),
                                    ("c", "متنی کاملا متفاوت درباره بازار سهام و نرخ ارز در هفته گذشته")])
    assert groups == [["a", "b"]]


def test_document_fingerprint_ignores_the_headline(text_nlp, example_article, fingerprinter):
    from khabar.about.fingerprint import document_fingerprint

    title, _, body = example_article.partition("\n")
    a = text_nlp(example_article, {"title": title})
    b = text_nlp("تیتری دیگر برای همین خبر\n" + body, {"title": "تیتری دیگر برای همین خبر"})
    assert document_fingerprint(a, fingerprinter).similarity(document_fingerprint(b, fingerprinter)) == 1.0
