"""The NER corpus readers, label mappings and conlleval-style span scoring."""
from __future__ import annotations

import pytest

from khabar.evaluation.ner import score_spans
from khabar.features.clusters import word_key
from khabar.ner.corpora import from_khabar_tags, parse_line, spans, to_khabar_tags
from khabar.ner.lexicon import Gazetteer


@pytest.mark.parametrize("line, fmt, expected", [
    ("تهران|B_LOC", "peyma", ("تهران", "B_LOC")),
    ("روش های|O", "peyma", ("روش های", "O")),
    ("a|b|O", "peyma", ("a|b", "O")),
    ("سازمان B-org", "arman", ("سازمان", "B-org")),
    ("فلومینسه\tB-ORG", "parstwiner", ("فلومینسه", "B-ORG")),
])
def test_corpora_parse_line(line, fmt, expected):
    assert parse_line(line, fmt) == expected


@pytest.mark.parametrize("tags, fmt, expected", [
    (["B_PER", "I_PER", "O", "B_DAT"], "peyma", ["B-PER", "I-PER", "O", "B-DATE"]),
    (["B-pers", "O", "B-fac", "I-fac", "B-pro"], "arman", ["B-PER", "O", "B-FAC", "I-FAC", "B-PRO"]),
    (["B-NAT", "B-POG", "I-POG", "B-EVE"], "parstwiner", ["B-ORG", "B-ORG", "I-ORG", "B-EVENT"]),
    (["B_MON", "I_MON", "B_PCT", "B_TIM"], "peyma", ["B-MONEY", "I-MONEY", "B-PERCENT", "B-TIME"]),
])
def test_corpora_to_khabar_tags(tags, fmt, expected):
    assert to_khabar_tags(tags, fmt) == expected


@pytest.mark.parametrize("tags, fmt, expected", [
    (["B-PER", "I-PER", "O", "B-DATE"], "peyma", ["B_PER", "I_PER", "O", "B_DAT"]),
    (["B-FAC", "I-FAC", "B-LOC"], "peyma", ["O", "O", "B_LOC"]),          # PEYMA has no FAC
    (["B-DATE", "B-PRO", "I-PRO"], "arman", ["O", "B-pro", "I-pro"]),     # Arman has no DATE
    (["B-EVENT", "I-EVENT", "B-ORG"], "parstwiner", ["B-EVE", "I-EVE", "B-ORG"]),
    (["I-PER", "I-PER"], "parstwiner", ["B-PER", "I-PER"]),               # I after O starts an entity
])
def test_corpora_from_khabar_tags(tags, fmt, expected):
    assert from_khabar_tags(tags, fmt) == expected


@pytest.mark.parametrize("tags, expected", [
    (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
    (["I-ORG", "I-ORG", "B-ORG"], [(0, 2, "ORG"), (2, 3, "ORG")]),
    (["B-PER", "I-LOC"], [(0, 1, "PER"), (1, 2, "LOC")]),
    (["O", "O"], []),
])
def test_corpora_spans_are_conlleval_chunks(tags, expected):
    assert spans(tags) == expected


def test_evaluation_score_spans_exact_match():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "O"]]
    score = score_spans(gold, pred)
    assert (score["precision"], score["recall"]) == (66.67, 66.67)
    assert score["per_label"]["PER"]["f1"] == 0.0
    assert score["per_label"]["LOC"]["f1"] == 100.0


@pytest.mark.parametrize("word, expected", [
    ("روش‌های", "روشهای"),
    ("روش های", "روشهای"),
    ("كشور", "کشور"),
    ("علي", "علی"),
    ("۱۳۹۹", "0000"),
    ("2020", "0000"),
    ("Iran", "iran"),
    ("مُحَمَّد", "محمد"),
])
def test_clusters_word_key_folds_variants(word, expected):
    assert word_key(word) == expected


@pytest.mark.parametrize("words, expected", [
    (["سفر", "به", "کره", "جنوبی"], [(2, 4, "COUNTRY")]),
    (["سفر", "به", "کره‌جنوبی"], []),  # one-token forms are single-word lookups, not phrase matches
    (["آذربايجان", "شرقی", "و", "کره", "جنوبی"], [(0, 2, "PROVINCE"), (3, 5, "COUNTRY")]),
])
def test_lexicon_gazetteer_matches_longest_phrase(words, expected):
    gaz = Gazetteer({"COUNTRY": ["کره جنوبی", "کره"], "PROVINCE": ["آذربایجان شرقی"]})
    assert gaz.match(words) == expected


def test_lexicon_gazetteer_single_word_categories():
    gaz = Gazetteer({"COUNTRY": ["کره جنوبی", "کره"], "CITY": ["کرج"]})
    assert gaz.categories(word_key("کره‌جنوبی")) == ("COUNTRY",)
    assert gaz.categories(word_key("كرج")) == ("CITY",)
    assert gaz.categories("تهران") == ()
