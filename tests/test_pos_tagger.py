"""The POS tagger with the packaged model: UD UPOS in PerDT's convention, XPOS and features."""
from __future__ import annotations

import socket

import pytest

from khabar.document import Document, Sentence, Token
from khabar.tagging.tagger import PosTagger, TaggerStage


@pytest.fixture(scope="module")
def tagger() -> PosTagger:
    return PosTagger.from_resources()


@pytest.mark.parametrize("sentence, expected", [
    ("ما این را می‌دانیم .", ["PRON", "PRON", "ADP", "VERB", "PUNCT"]),
    ("این کتاب بسیار خوب است .", ["DET", "NOUN", "ADV", "ADJ", "AUX", "PUNCT"]),
    ("گروه‌های تروریستی به شهرهای بزرگ‌تر حمله کرده‌اند .",
     ["NOUN", "ADJ", "ADP", "NOUN", "ADJ", "NOUN", "VERB", "PUNCT"]),
    ("حسن روحانی گفت که مذاکرات ادامه خواهد یافت .",
     ["PROPN", "PROPN", "VERB", "SCONJ", "NOUN", "NOUN", "AUX", "VERB", "PUNCT"]),
    ("وزیر با همتای روسی خود دیدار کرد .",
     ["NOUN", "ADP", "NOUN", "ADJ", "PRON", "NOUN", "VERB", "PUNCT"]),
    ("دانشجویان درس نمی‌خوانند و به کلاس نمی‌روند .",
     ["NOUN", "NOUN", "VERB", "CCONJ", "ADP", "NOUN", "VERB", "PUNCT"]),
])
def test_tagger_upos(tagger, sentence, expected):
    assert [t[0] for t in tagger.tag(sentence.split())] == expected


@pytest.mark.parametrize("sentence, index, xpos, feats", [
    ("ما این را می‌دانیم .", 3, "V_ACT", "Number=Plur|Person=1|Tense=Pres|Voice=Act"),
    ("آنها به خانه نرفتند .", 3, "V_ACT", "Number=Plur|Person=3|Polarity=Neg|Tense=Past|Voice=Act"),
    ("گروه‌های زیادی آمدند .", 0, "N_IANM", "Number=Plur"),
    ("این کتاب بسیار خوب است .", 1, "N_IANM", "Number=Sing"),
    ("این کتاب بسیار خوب است .", 4, "AUX", "Number=Sing|Person=3"),
])
def test_tagger_xpos_and_features(tagger, sentence, index, xpos, feats):
    assert tagger.tag(sentence.split())[index][1:] == (xpos, feats)


def test_tagger_empty_sentence(tagger):
    assert tagger.tag([]) == []


def _document(sentences: list[str]) -> Document:
    text = " ".join(sentences)
    doc = Document.from_text(text)
    pos = 0
    for sent in sentences:
        start = pos
        for word in sent.split():
            doc.tokens.append(Token(pos, pos + len(word), word))
            pos += len(word) + 1
        doc.sentences.append(Sentence(start, pos - 1))
    return doc


def test_tagger_stage_tags_every_token_of_every_sentence():
    stage = TaggerStage()
    assert (stage.name, stage.requires, stage.assigns) == ("tagger", ("tokens",), ("pos",))
    doc = stage(_document(["او به تهران رفت .", "ما این را می‌دانیم ."]))
    assert [t.pos for t in doc.tokens][-5:] == ["PRON", "PRON", "ADP", "VERB", "PUNCT"]
    assert all(t.pos and t.xpos for t in doc.tokens)


def test_tagger_stage_rejects_unknown_convention():
    with pytest.raises(ValueError):
        TaggerStage(treebank="bijankhan")


def test_tagger_model_loads_and_runs_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the POS model tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    tagger = PosTagger.from_resources()
    assert [t[0] for t in tagger.tag(["ما", "رفتیم"])] == ["PRON", "VERB"]


def test_tagger_seraji_convention_has_no_proper_nouns():
    tagger = PosTagger.from_resources(treebank="seraji")
    tags = [t[0] for t in tagger.tag("حسن روحانی گفت که مذاکرات ادامه خواهد یافت .".split())]
    assert "PROPN" not in tags and tags[2] == "VERB"
