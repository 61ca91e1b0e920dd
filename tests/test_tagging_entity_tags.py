"""NER spans as the POS tagger's context: per-word tags, and the two ways a pipeline gets them."""
from __future__ import annotations

import pytest

import khabar
from khabar.tagging.entity_tags import EntityTags, document_tags, has_ner_mentions, item_word_tags

TEXT_STAGES = ["normalizer", "sentences", "tokenizer"]

TEXTS = [
    "علی شمخانی در تهران با سفیر چین دیدار کرد.",
    "سازمان ملل متحد روز دوشنبه ۱۲ مهر ۱۴۰۲ بیانیه‌ای منتشر کرد. دبیرکل آن گفت: وضعیت نگران‌کننده است.",
    "پیامبر اکرم (ص) در مدینه زندگی می‌کرد و مسجد النبی را ساخت.",
    "تیم فوتبال پرسپولیس در ورزشگاه آزادی با استقلال خوزستان بازی کرد و شهرش را خوشحال کرد.",
    "بانک مرکزی جمهوری اسلامی ایران نرخ تورم را ۴۰ درصد اعلام کرد.",
    "",
]


@pytest.mark.parametrize("sizes, spans, expected", [
    ([1, 1, 1], [], [None, None, None]),
    ([1, 1, 1], [(0, 2, "PER")], ["B-PER", "I-PER", None]),
    ([1, 2, 1], [(1, 2, "LOC")], [None, "B-LOC", None, None]),          # تهرانش → تهران + ش: the clitic gets none
    ([1, 1, 1, 1], [(0, 1, "ORG"), (1, 3, "LOC")], ["B-ORG", "B-LOC", "I-LOC", None]),
    ([2, 1], [(0, 2, "ORG")], ["B-ORG", None, "I-ORG"]),
])
def test_entity_tags_item_word_tags(sizes, spans, expected):
    assert item_word_tags(sizes, spans) == expected


@pytest.fixture(scope="module")
def ner_pipeline():
    return khabar.load(stages=TEXT_STAGES + ["ner"])


def _groups(doc):
    groups = [toks for _, toks in doc.iter_sentence_tokens() if toks] if doc.sentences else [doc.tokens]
    return [g for g in groups if g]


@pytest.mark.parametrize("text", TEXTS)
def test_entity_tags_from_mentions_equal_own_ner_run(ner_pipeline, text):
    doc = ner_pipeline(text)
    assert has_ner_mentions(doc)
    groups = _groups(doc)
    from_mentions = document_tags(doc, groups)
    assert from_mentions == EntityTags().tags(doc.text, groups)
    if text:
        assert any(tag for tags in from_mentions for tag in tags)


def test_entity_tags_mark_names(ner_pipeline):
    doc = ner_pipeline(TEXTS[0])
    tags = dict(zip([t.text for t in doc.tokens], document_tags(doc, _groups(doc))[0]))
    assert tags["علی"] == "B-PER" and tags["شمخانی"] == "I-PER"
    assert tags["تهران"] == "B-LOC" and tags["دیدار"] is None


def test_entity_tags_merged_entities_are_not_read():
    doc = khabar.load(stages=TEXT_STAGES + ["ner", "entities"])(TEXTS[1])
    assert not has_ner_mentions(doc)


@pytest.fixture(scope="module")
def tagging_pipelines():
    return (khabar.load(stages=TEXT_STAGES + ["ner", "tagger", "lemmatizer"]),
            khabar.load(stages=TEXT_STAGES + ["tagger", "lemmatizer"]))


@pytest.mark.parametrize("text", TEXTS)
def test_tagging_same_tags_with_and_without_ner_stage(tagging_pipelines, text):
    """The tagger reads the ner stage's mentions when it ran before, else runs the NER itself: same tags."""
    with_ner, alone = (nlp(text) for nlp in tagging_pipelines)
    assert [(t.text, t.pos, t.xpos, t.feats, t.lemma) for t in with_ner.tokens] == \
        [(t.text, t.pos, t.xpos, t.feats, t.lemma) for t in alone.tokens]


def test_tagging_default_pipeline_runs_ner_before_tagger():
    from khabar.stages import DEFAULT_STAGES

    assert DEFAULT_STAGES.index("ner") < DEFAULT_STAGES.index("tagger") < DEFAULT_STAGES.index("entities")
