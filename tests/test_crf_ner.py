"""The NER tagger's state scores (per-type sums) against the generic path over its feature lists."""
from __future__ import annotations

import numpy as np
import pytest

from khabar.ner.features import FeatureExtractor, StateScores
from khabar.ner.lexicon import Gazetteer
from khabar.ner.tagger import NerTagger


@pytest.fixture(scope="module")
def tagger():
    return NerTagger.load()


@pytest.fixture(scope="module")
def dev_sentences(shared_data):
    from khabar.ner.corpora import read_corpus
    from khabar.training.ner import normalize_word

    sents = read_corpus(shared_data / "peyma" / "dev.txt", "peyma")[:300]
    return [[normalize_word(w) for w in s.tokens] for s in sents]


@pytest.mark.parametrize("version", [1, 2])
def test_crf_ner_state_scores_match_feature_lists(tagger, dev_sentences, version):
    features = FeatureExtractor(tagger.features.clusters, tagger.features.gazetteer, version)
    scores = StateScores(features, tagger.model)
    for words, fast in zip(dev_sentences, scores.sentences(dev_sentences)):
        expected = tagger.model.emissions(features.sentence(words, None))
        np.testing.assert_allclose(fast, expected, rtol=0, atol=1e-9)


@pytest.mark.parametrize("sentence", [
    "علی شمخانی در تهران با سفیر چین دیدار کرد .",
    "تهران",                                             # one token: every neighbour is padding
    "کره جنوبی",                                         # a gazetteer phrase over the whole sentence
    "وزیر امور خارجه جمهوری آذربایجان در باکو گفت :",
])
@pytest.mark.parametrize("corpus", ["peyma", "arman", None])
def test_crf_ner_tags_match_generic_decode(tagger, sentence, corpus):
    words = sentence.split()
    feats = tagger.features.sentence(words, corpus)
    assert tagger.tag(words, corpus) == tagger.model.tag(feats)


def test_crf_ner_spans_many_equals_one_by_one(tagger, dev_sentences):
    sentences = dev_sentences[:80] + [[]]
    assert tagger.spans_many(sentences) == [tagger.spans(s) for s in sentences]


@pytest.mark.parametrize("words, expected", [
    (["سفر", "به", "کره", "جنوبی"], [(2, 4, "COUNTRY")]),
    (["کره", "جنوبی", "و", "کره", "شمالی"], [(0, 2, "COUNTRY"), (3, 5, "COUNTRY")]),
    (["ایالات", "متحده", "آمریکا"], [(0, 3, "COUNTRY")]),   # the longest phrase wins
    (["ایالات", "متحده"], []),
    (["\u200c", "کره", "جنوبی"], [(0, 3, "COUNTRY")]),       # a token with an empty key joins the match
    ([], []),
])
def test_crf_ner_gazetteer_longest_match(words, expected):
    gazetteer = Gazetteer({"COUNTRY": ["کره جنوبی", "کره شمالی", "ایالات متحده آمریکا"]})
    assert gazetteer.match(words) == expected


def test_crf_ner_spans_from_label_ids_match_corpus_spans(tagger):
    """Spans read straight from Viterbi's label ids equal khabar.ner.corpora.spans of the tags."""
    import random

    from khabar.ner.corpora import spans

    rng = random.Random(5)
    labels = tagger.model.labels
    for _ in range(500):
        path = [rng.randrange(len(labels)) for _ in range(rng.randint(0, 12))]
        assert tagger._spans(path) == spans([labels[i] for i in path])


def test_crf_ner_threads_share_one_tagger(dev_sentences):
    """The API runs one pipeline on several threads: the per-type tables stay consistent."""
    from concurrent.futures import ThreadPoolExecutor

    expected = NerTagger.load().spans_many(dev_sentences)
    shared = NerTagger.load()
    shared.scores.cache_limit = 500  # tables fill and clear while the threads run
    batches = [dev_sentences[i:i + 10] for i in range(0, len(dev_sentences), 10)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = [spans for batch in pool.map(shared.spans_many, batches) for spans in batch]
    assert found == expected
