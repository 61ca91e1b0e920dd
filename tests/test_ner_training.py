"""``khabar train ner`` on a small slice: the trainer runs, is deterministic, and its model loads."""
from __future__ import annotations

import argparse

import pytest

from khabar.ner.corpora import TaggedSentence
from khabar.ner.tagger import NerTagger
from khabar.training import ner as training


def _args(**kw):
    parser = argparse.ArgumentParser()
    training.add_arguments(parser)
    args = parser.parse_args([])
    args.iterations = 3
    for k, v in kw.items():
        setattr(args, k, v)
    return args


@pytest.fixture(scope="module")
def small_training(shared_data):
    full = training.load_training(shared_data, ["peyma", "arman"])
    return {name: sents[:150] for name, sents in full.items()}


def test_training_ner_is_deterministic_and_loads(small_training, shared_data, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    training.write_model(a, small_training, shared_data, _args())
    training.write_model(b, small_training, shared_data, _args())
    assert (a / "ner.crf.npz").read_bytes() == (b / "ner.crf.npz").read_bytes()
    assert not (a / "ner.crfsuite").exists()  # only the decoder's file ships
    tagger = NerTagger.from_files(str(a / "ner.crf.npz"), str(a / "gazetteer.tsv"), str(a / "meta.json"))
    assert tagger.primary == "peyma" and tagger.secondary == "arman"
    words = small_training["peyma"][0].tokens
    assert len(tagger.tag(words, "peyma")) == len(words)


@pytest.mark.parametrize("word, expected", [("علي", "علی"), ("كشور", "کشور"), ("تهران", "تهران")])
def test_training_normalize_word_matches_normalizer(word, expected):
    assert training.normalize_word(word) == expected


def test_training_gazetteer_has_countries_divisions_and_names(small_training, shared_data):
    from khabar.ner.lexicon import Gazetteer

    gaz = Gazetteer.from_tsv(training.gazetteer_tsv(shared_data, small_training, names=True))
    assert "COUNTRY" in gaz.categories("آمریکا")
    assert "PROVINCE" in gaz.categories("خوزستان")
    assert gaz.match(["استان", "آذربایجان", "شرقی"]) == [(1, 3, "PROVINCE")]


def test_training_tagged_sentences_use_khabar_labels(small_training):
    labels = {t[2:] for sents in small_training.values() for s in sents for t in s.tags if t != "O"}
    assert labels <= {"PER", "ORG", "LOC", "FAC", "PRO", "EVENT", "DATE", "TIME", "MONEY", "PERCENT"}
    assert isinstance(small_training["peyma"][0], TaggedSentence)
