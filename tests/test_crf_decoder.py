"""The numpy CRF decoder (khabar.features.crf) against python-crfsuite, on models trained here on the fly."""
from __future__ import annotations

import itertools
import random

import numpy as np
import pycrfsuite
import pytest

from khabar.features.crf import CrfModel, export

# A few tagged Persian sentences (NER-style BIO) for a tiny model.
TRAINING = [
    ("علی شمخانی در تهران با سفیر چین دیدار کرد .", "B-PER I-PER O B-LOC O O B-LOC O O O"),
    ("حسن روحانی به مسکو سفر کرد .", "B-PER I-PER O B-LOC O O O"),
    ("وزارت امور خارجه ایران اعلام کرد .", "B-ORG I-ORG I-ORG I-ORG O O O"),
    ("محمد جواد ظریف در نیویورک گفت :", "B-PER I-PER I-PER O B-LOC O O"),
    ("سازمان ملل متحد در ژنو نشست برگزار کرد .", "B-ORG I-ORG I-ORG O B-LOC O O O O"),
    ("رئیس جمهور چین به تهران آمد .", "O O B-LOC O B-LOC O O"),
]
VOCABULARY = sorted({w for s, _ in TRAINING for w in s.split()} | {"ناشناخته", "دیروز", "«", "»"})


def features(words: list[str]) -> list[list[str]]:
    out = []
    for i, w in enumerate(words):
        feats = ["bias", f"w={w}", f"s2={w[-2:]}", f"p1={w[:1]}"]
        feats.append(f"-1:w={words[i - 1]}" if i else "BOS")
        feats.append(f"1:w={words[i + 1]}" if i + 1 < len(words) else "EOS")
        if i:
            feats.append(f"b={words[i - 1]}|{w}")
        feats.append("bias")  # a repeated attribute counts twice, in crfsuite and here
        out.append(feats)
    return out


def train(tmp_path, algorithm: str, params: dict) -> str:
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence, tags in TRAINING:
        trainer.append(features(sentence.split()), tags.split())
    trainer.select(algorithm, "crf1d")
    trainer.set_params({**params, "feature.possible_transitions": True})
    path = str(tmp_path / f"{algorithm}.crfsuite")
    trainer.train(path)
    return path


@pytest.fixture(scope="module", params=[("lbfgs", {"c1": 0.01, "c2": 0.1, "max_iterations": 40}),
                                        ("ap", {"max_iterations": 5})], ids=["lbfgs", "ap"])
def trained(request, tmp_path_factory):
    algorithm, params = request.param
    path = train(tmp_path_factory.mktemp("crf"), algorithm, params)
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return path, tagger


def random_sentences(count: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    return [[rng.choice(VOCABULARY) for _ in range(rng.randint(1, 25))] for _ in range(count)]


@pytest.mark.parametrize("sentence", [s for s, _ in TRAINING] + ["ناشناخته", "دیروز « ظریف » گفت", "؟ ؟ ؟"])
def test_crf_tag_matches_crfsuite(trained, sentence):
    path, tagger = trained
    model = CrfModel.from_crfsuite(path)
    xseq = features(sentence.split())
    assert model.tag(xseq) == tagger.tag(xseq)


def test_crf_random_sequences_match_crfsuite(trained):
    path, tagger = trained
    model = CrfModel.from_crfsuite(path)
    sentences = random_sentences(300)
    xseqs = [features(s) for s in sentences]
    expected = [tagger.tag(x) for x in xseqs]
    assert [model.tag(x) for x in xseqs] == expected
    batched = model.viterbi_batch([model.emissions(x) for x in xseqs])  # decoded together
    assert [[model.labels[i] for i in path] for path in batched] == expected


def tagger_attributes(path) -> list[str]:
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return list(tagger.info().attributes)


def test_crf_emissions_match_crfsuite_state_weights(trained):
    """Exact float64 weights from the binary file: equal to crfsuite's six-decimal dump within rounding."""
    path, tagger = trained
    model = CrfModel.from_crfsuite(path)
    info = tagger.info()
    dense = model.dense_weights()
    for (attribute, label), weight in info.state_features.items():
        assert dense[model.row(attribute), model.labels.index(label)] == pytest.approx(weight, abs=1e-6)
    for (source, target), weight in info.transitions.items():
        assert model.transitions[model.labels.index(source), model.labels.index(target)] == pytest.approx(
            weight, abs=1e-6)
    assert model.labels == tagger.labels()


def test_crf_viterbi_finds_the_best_path():
    rng = np.random.default_rng(3)
    n_labels = 4
    model = CrfModel.from_dense([f"L{i}" for i in range(n_labels)], ["a"], np.zeros((1, n_labels)),
                                rng.normal(size=(n_labels, n_labels)))
    for length in (1, 2, 3, 5):
        state = rng.normal(size=(length, n_labels))

        def score(path):
            return sum(state[t, y] for t, y in enumerate(path)) + sum(
                model.transitions[a, b] for a, b in zip(path, path[1:]))

        best = max(itertools.product(range(n_labels), repeat=length), key=score)
        assert model.viterbi(state) == list(best)


def test_crf_viterbi_breaks_ties_like_crfsuite():
    """Equal scores: the lowest label id wins, at every step and at the end."""
    model = CrfModel.from_dense(["A", "B", "C"], ["x"], np.zeros((1, 3)), np.zeros((3, 3)))
    assert model.viterbi(np.zeros((4, 3))) == [0, 0, 0, 0]
    assert model.viterbi(np.array([[0.0, 1.0, 1.0], [2.0, 2.0, 0.0]])) == [1, 0]


def test_crf_file_round_trip_is_exact_and_reproducible(trained, tmp_path):
    path, _ = trained
    out = tmp_path / "model.crf.npz"
    model = export(path, out)
    again = CrfModel.load(out)
    assert again.labels == model.labels
    assert again.attribute_names() == model.attribute_names()
    assert sorted(model.attribute_names()) == sorted(tagger_attributes(path))
    assert np.array_equal(again.dense_weights(), model.dense_weights())
    assert np.array_equal(again.transitions, model.transitions)
    assert out.read_bytes() == CrfModel.from_crfsuite(path).to_bytes()  # no time stamps in the file


@pytest.mark.parametrize("attributes, expected", [
    (["w=تهران", "w=تهران"], [2.0, 4.0]),          # repeated: counted twice
    (["w=تهران", "w=ناموجود"], [1.0, 2.0]),        # unknown: ignored
    (["b=در|تهران", "bias"], [0.5, 2.0]),           # a pair attribute (head "b=در", tail "تهران")
    (["b=در|تهران|x", "b=از|تهران", "b=در|"], [0.0, 0.0]),   # unknown pairs, a known head
    (["b=|", "w=|"], [-1.0, -1.0]),                 # "|" inside a word: still one attribute each
    ([], [0.0, 0.0]),
])
def test_crf_vector_sums_known_attributes(attributes, expected):
    names = ["w=تهران", "bias", "b=در|تهران", "b=در|مشهد", "b=|", "w=|"]
    weights = np.array([[1.0, 2.0], [0.5, -1.0], [0.0, 3.0], [7.0, 7.0], [-1.0, 0.0], [0.0, -1.0]])
    model = CrfModel.from_dense(["O", "B-LOC"], names, weights, np.zeros((2, 2)))
    assert model.vector(attributes).tolist() == expected
    again = CrfModel.from_bytes(model.to_bytes())
    assert again.vector(attributes).tolist() == expected
    assert sorted(again.attribute_names()) == sorted(names)


def test_crf_empty_sequences():
    model = CrfModel.from_dense(["O"], ["bias"], np.ones((1, 1)), np.zeros((1, 1)))
    assert model.tag([]) == []
    assert model.viterbi_batch([]) == []
    assert model.viterbi_batch([np.zeros((0, 1)), np.ones((2, 1))]) == [[], [0, 0]]


def test_crf_rejects_other_files():
    with pytest.raises(ValueError):
        CrfModel.from_crfsuite(b"not a model" * 10)
