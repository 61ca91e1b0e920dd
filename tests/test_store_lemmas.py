"""Lemma-aware search with khabar's real analysis: a word form finds the documents of its other forms."""
from __future__ import annotations

import pytest

from khabar.ingest.analysis import query_analyzer
from khabar.store import open_store
from khabar.store.records import prepare

TEXTS = [
    "وزیر خارجه گفت که مذاکرات ادامه دارد.",
    "سخنگوی دولت می‌گوید تحریم‌ها اثری ندارند.",
    "آنها خواهند گفت که کتاب‌ها را خوانده‌اند.",
    "کتاب خوبی در نمایشگاه خریدم.",
]


@pytest.fixture(scope="module")
def store():
    nlp = query_analyzer()
    s = open_store(":memory:", analyzer=nlp)
    s.add([prepare(nlp(t)) for t in TEXTS])
    yield s
    s.close()


@pytest.mark.parametrize("query, expected", [
    ("می‌گوید", [0, 1, 2]),       # present tense finds past and future forms of گفتن
    ("گفت", [0, 1, 2]),
    ("كتاب‌ها", [2, 3]),           # plural with Arabic kaf finds the singular
    ("کتابها", [2, 3]),            # without ZWNJ
    ('"سخنگوی دولت"', [1]),
])
def test_store_lemmas_search_finds_other_forms(store, query, expected):
    found = sorted(h.document.id - 1 for h in store.search(query).hits)
    assert found == expected
