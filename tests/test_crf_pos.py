"""The POS tagger's state scores (per-type sums) against the generic path over its feature lists."""
from __future__ import annotations

import numpy as np
import pytest

from khabar.tagging.tagger import PosTagger


@pytest.fixture(scope="module")
def taggers():
    from khabar.tagging.resources import load_pos_resources

    resources = load_pos_resources()
    return {tb: PosTagger.from_resources(tb, resources) for tb in ("perdt", "seraji")}


@pytest.fixture(scope="module")
def dev_sentences(shared_data):
    from khabar.evaluation.conllu import read_conllu

    out = []
    for rel in ("ud-perdt/fa_perdt-ud-dev.conllu", "ud-seraji/fa_seraji-ud-dev.conllu"):
        out += [[w.form for w in s.words] for s in read_conllu(shared_data / rel)][:250]
    return out


@pytest.mark.parametrize("treebank", ["perdt", "seraji"])
def test_crf_pos_state_scores_match_feature_lists(taggers, dev_sentences, treebank):
    tagger = taggers[treebank]
    fast = tagger.scores.sentences(dev_sentences, treebank)
    for words, scores in zip(dev_sentences, fast):
        expected = tagger.crf.emissions(tagger.features.sentence_features(words, treebank))
        np.testing.assert_allclose(scores, expected, rtol=0, atol=1e-9)


@pytest.mark.parametrize("sentence", [
    "ما این را می‌دانیم .",
    "حسن",                                  # one word: BOS and EOS on the same token
    "روحانی گفت",                            # two words: -2=BOS and +2=EOS on the same pair
    "وزیر امور خارجه ایران به مسکو سفر کرد .",
])
@pytest.mark.parametrize("treebank", ["perdt", "seraji"])
def test_crf_pos_tags_match_generic_decode(taggers, sentence, treebank):
    tagger = taggers[treebank]
    words = sentence.split()
    entities = tagger.entity_tags.word_tags([words])[0]  # the NER context the tagger computes itself
    expected = tagger.crf.tag(tagger.features.sentence_features(words, treebank, entities))
    assert tagger.tag_upos(words) == expected


def test_crf_pos_batch_equals_one_by_one(taggers, dev_sentences):
    tagger = taggers["perdt"]
    sentences = dev_sentences[:60] + [[]]
    assert tagger.tag_upos_many(sentences) == [tagger.tag_upos(s) for s in sentences]


def test_crf_pos_type_cache_stays_bounded(dev_sentences):
    tagger = PosTagger.from_resources()
    tagger.scores.cache_limit = 200
    before = [tagger.tag_upos(s) for s in dev_sentences[:40]]
    for words in dev_sentences[:40]:  # each call adds its new words, clearing the table when it is full
        tagger.tag_upos(words)
        assert len(tagger.scores._index) <= 200
    assert [tagger.tag_upos(s) for s in dev_sentences[:40]] == before


@pytest.fixture(scope="module")
def dev_entities(dev_sentences):
    from khabar.ner.tagger import NerTagger
    from khabar.tagging.entity_tags import item_word_tags

    sentences = dev_sentences[:150] + dev_sentences[250:350]
    spans = NerTagger.load().spans_many(sentences)
    return sentences, [item_word_tags([1] * len(s), found) for s, found in zip(sentences, spans)]


@pytest.mark.parametrize("treebank", ["perdt", "seraji"])
def test_crf_pos_state_scores_match_feature_lists_with_entities(taggers, dev_entities, treebank):
    tagger = taggers[treebank]
    sentences, entities = dev_entities
    assert any(tag for tags in entities for tag in tags)
    fast = tagger.scores.sentences(sentences, treebank, entities)
    for words, tags, scores in zip(sentences, entities, fast):
        expected = tagger.crf.emissions(tagger.features.sentence_features(words, treebank, tags))
        np.testing.assert_allclose(scores, expected, rtol=0, atol=1e-9)


def test_crf_pos_model_weighs_entity_context(taggers):
    crf = taggers["perdt"].crf
    propn = crf.labels.index("PROPN")
    for attribute in ("ner=B-PER", "nerl=PER", "nerl=LOC", "nerl=ORG"):
        weights = crf.vector([attribute])
        assert weights.argmax() == propn, attribute
