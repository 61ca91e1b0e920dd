"""The ``ner`` stage: Persian sentences in, one Entity per span out, offsets into ``doc.text``."""
from __future__ import annotations

import socket

import pytest

import khabar
from khabar.document import Document, Token


@pytest.fixture(scope="module")
def ner_nlp():
    return khabar.load(stages=["normalizer", "sentences", "tokenizer", "ner"])


def _entities(doc):
    return [(e.label, e.name) for e in doc.entities]


@pytest.mark.parametrize("text, expected", [
    ("محمدجواد ظریف امروز به مسکو سفر کرد.",
     [("PER", "محمدجواد ظریف"), ("LOC", "مسکو")]),
    ("سازمان ملل متحد از کشورهای عضو خواست به یمن کمک کنند.",
     [("ORG", "سازمان ملل متحد"), ("LOC", "یمن")]),
    ("به گزارش خبرگزاری فارس، حسن روحانی در تهران سخنرانی کرد.",
     [("ORG", "خبرگزاری فارس"), ("PER", "حسن روحانی"), ("LOC", "تهران")]),
    ("او در فرودگاه مهرآباد و بیمارستان امام خمینی بود.",
     [("FAC", "فرودگاه مهرآباد"), ("FAC", "بیمارستان امام خمینی")]),
    ("بانک مرکزی اعلام کرد نرخ تورم در اسفند ۱۴۰۰ کاهش یافت.",
     [("ORG", "بانک مرکزی"), ("DATE", "اسفند ۱۴۰۰")]),
    ("قیمت هر بشکه نفت به ۷۰ دلار رسید و تورم ۳۰ درصد شد.",
     [("MONEY", "۷۰ دلار"), ("PERCENT", "۳۰ درصد")]),
    ("باشگاه پرسپولیس در ورزشگاه آزادی به مصاف استقلال رفت.",
     [("ORG", "پرسپولیس"), ("FAC", "ورزشگاه آزادی"), ("ORG", "استقلال")]),
])
def test_stage_finds_entities(ner_nlp, text, expected):
    doc = ner_nlp(text)
    found = _entities(doc)
    for item in expected:
        assert item in found, (item, found)


@pytest.mark.parametrize("text", [
    "علی شمخانی دبیر شورای عالی امنیت ملی در تهران با سفیر چین دیدار کرد.",
    "بانك مركزي اعلام كرد نرخ تورم در اسفند ۱۴۰۰ کاهش یافت.",
])
def test_stage_offsets_point_into_text(ner_nlp, text):
    doc = ner_nlp(text)
    assert doc.entities
    for i, ent in enumerate(doc.entities, 1):
        assert ent.id == f"m{i}"
        assert len(ent.mentions) == 1
        m = ent.mentions[0]
        assert doc.text[m.start:m.end] == m.text == ent.name
        assert ent.label in {"PER", "ORG", "LOC", "FAC", "PRO", "EVENT", "DATE", "TIME", "MONEY", "PERCENT"}


def test_stage_arabic_letters_give_same_entities(ner_nlp):
    persian = ner_nlp("بانک مرکزی ایران اعلام کرد.")
    arabic = ner_nlp("بانك مركزي ايران اعلام كرد.")
    assert [(e.label, e.mentions[0].start) for e in persian.entities] == \
           [(e.label, e.mentions[0].start) for e in arabic.entities]


def test_stage_multiword_token_is_one_item(ner_nlp):
    stage = ner_nlp.get("ner")
    text = "شمخانی در تهرانش گفت"
    doc = Document.from_text(text)
    doc.tokens = [Token(0, 6, "شمخانی"), Token(7, 9, "در"), Token(10, 15, "تهران", surface=(10, 16)),
                  Token(15, 16, "ش", surface=(10, 16)), Token(17, 20, "گفت")]
    stage(doc)
    for ent in doc.entities:
        m = ent.mentions[0]
        assert doc.text[m.start:m.end] == ent.name
        assert (m.start, m.end) != (10, 15)  # never half of an orthographic token


def test_stage_empty_document(ner_nlp):
    assert ner_nlp("").entities == []


def test_stage_declares_capabilities(ner_nlp):
    stage = ner_nlp.get("ner")
    assert stage.requires == ("tokens",)
    assert stage.assigns == ("mentions",)


def test_stage_loads_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the NER stage must not open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    from khabar.ner.stage import NerStage

    doc = khabar.load(stages=["normalizer", "sentences", "tokenizer"])("حسن روحانی در تهران است.")
    assert NerStage()(doc).entities
