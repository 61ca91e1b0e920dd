"""Topic classification: clear Persian news sentences get their coarse topic; the model round-trips."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

import khabar
from khabar.about.articles import TOPICS
from khabar.about.topic import TopicModel, TopicStage
from khabar.document import Document, Token


@pytest.fixture(scope="module")
def topic_nlp():
    return khabar.load(stages=["normalizer", "sentences", "tokenizer", "topic"])


@pytest.mark.parametrize("text, expected", [
    ("تیم ملی فوتبال ایران در جام جهانی مقابل پرتغال به میدان رفت و سرمربی تیم از بازیکنان تشکر کرد.", "sports"),
    ("کشتی‌گیران ایران در مسابقات قهرمانی جهان سه مدال طلا گرفتند.", "sports"),
    ("قیمت نفت و نرخ ارز در بازار بورس افزایش یافت و بانک مرکزی نرخ تورم را اعلام کرد.", "economy"),
    ("وزیر امور خارجه آمریکا با همتای روسی خود درباره بحران سوریه و تحریم‌ها گفت‌وگو کرد.", "world"),
    ("مصرف زیاد قند و چربی خطر دیابت و بیماری‌های قلبی را افزایش می‌دهد و پزشکان ورزش روزانه را توصیه می‌کنند.",
     "health"),
    ("نمایندگان مجلس شورای اسلامی در جلسه علنی امروز طرح اصلاح قانون انتخابات را تصویب کردند.", "politics"),
    ("فیلم سینمایی تازه این کارگردان در جشنواره فیلم فجر به نمایش درآمد و بازیگران آن جایزه گرفتند.", "culture"),
    ("کتاب تازه این شاعر در نمایشگاه کتاب تهران رونمایی شد.", "culture"),
])
def test_topic_stage_labels_clear_sentences(topic_nlp, text, expected):
    doc = topic_nlp(text)
    assert doc.topic.label == expected
    assert 0.0 < doc.topic.score <= 1.0


def test_topic_stage_contract_and_empty_document(topic_nlp):
    stage = topic_nlp.get("topic")
    assert stage.requires == ("tokens",) and stage.assigns == ("topic",)
    doc = topic_nlp("ایران و عربستان در ریاض درباره نفت و اقتصاد منطقه گفت‌وگو کردند.")
    assert doc.topic.label in TOPICS
    assert doc.to_dict()["topic"]["label"] == doc.topic.label
    assert topic_nlp("").topic is None and topic_nlp("").to_dict()["topic"] is None


def test_topic_stage_prefers_lemmas_when_present():
    stage = TopicStage()
    doc = Document.from_text("بازیکنان")
    doc.tokens = [Token(0, 8, "بازیکنان", lemma="بازیکن")]
    assert stage.features(doc) == Counter({"w:بازیکن": 1})


def test_topic_model_fit_and_bytes_roundtrip():
    features = [Counter({"w:گل": 2, "w:تیم": 1}), Counter({"w:تیم": 1, "w:بازی": 1}),
                Counter({"w:بورس": 1, "w:سهام": 2}), Counter({"w:سهام": 1, "w:بانک": 1})]
    labels = ["sports", "sports", "economy", "economy"]
    model = TopicModel.fit(features, labels, classes=TOPICS, min_df=1)
    assert model.classes == ["economy", "sports"]
    back = TopicModel.from_bytes(model.to_bytes())
    assert back.vocabulary == model.vocabulary
    probe = Counter({"w:سهام": 1})
    assert back.predict(probe)[0] == "economy"
    assert np.allclose(back.probabilities(probe), model.probabilities(probe), atol=1e-2)


def test_topic_shipped_model_is_small_and_has_every_topic():
    stage = TopicStage()
    assert stage.model.classes == list(TOPICS)
    assert 1000 < len(stage.model.vocabulary) < 60000


@pytest.mark.parametrize("text", ["", "   \n\n  ", "، . ؟ !", "و در به از"])
def test_topic_empty_document_has_no_topic(text):
    import khabar

    doc = khabar.load(stages=["normalizer", "sentences", "tokenizer", "topic"])(text)
    assert doc.topic is None
