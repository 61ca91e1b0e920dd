"""Lead summaries: body sentence indices, headline excluded, attribution-only sentences avoided."""
from __future__ import annotations

import pytest

import khabar
from khabar.about.summary import FEATURES, SummaryScorer, SummaryStage


@pytest.fixture(scope="module")
def summary_nlp():
    return khabar.load(stages=["normalizer", "sentences", "tokenizer", "summary"])


def test_summary_is_one_body_sentence_not_the_headline(summary_nlp, example_article):
    title = example_article.split("\n", 1)[0]
    doc = summary_nlp(example_article, {"title": title})
    assert len(doc.summary) == 1
    first = doc.sentences[doc.summary[0]]
    assert first.start > len(title)
    assert "لاورنتیف" in doc.text[first.start:first.end]


@pytest.mark.parametrize("text, expected_start", [
    # a plain lead sentence is kept
    ("وزیر نیرو از افتتاح سد جدید در استان خوزستان با ظرفیت ۱۰۰ میلیون متر مکعب خبر داد. "
     "این سد آب کشاورزی منطقه را تامین می‌کند. وی افزود که ساخت آن پنج سال طول کشید.", "وزیر نیرو"),
    # a sentence opening with a pronoun is not a good summary
    ("رئیس سازمان هواشناسی کشور از بارش باران و برف در استان‌های شمالی کشور در روزهای آینده خبر داد. "
     "وی افزود: دمای هوا کاهش می‌یابد.", "رئیس سازمان"),
])
def test_summary_picks_the_informative_lead(summary_nlp, text, expected_start):
    doc = summary_nlp(text)
    s = doc.sentences[doc.summary[0]]
    assert doc.text[s.start:s.end].startswith(expected_start)


def test_summary_lead_method_and_sentence_count(example_article):
    nlp = khabar.load(stages=["normalizer", "sentences", "tokenizer", "summary"],
                      options={"summary": {"method": "lead", "sentences": 3, "min_words": 0}})
    title = example_article.split("\n", 1)[0]
    doc = nlp(example_article, {"title": title})
    assert doc.summary == [1, 2, 3]


def test_summary_empty_and_headline_only_documents(summary_nlp):
    assert summary_nlp("").summary == []
    assert summary_nlp("عنوان خبر", {"title": "عنوان خبر"}).summary == []


def test_summary_scorer_json_roundtrip_and_feature_check():
    scorer = SummaryScorer([0.5] * len(FEATURES))
    back = SummaryScorer.from_json(scorer.to_json())
    assert back.weights == scorer.weights
    with pytest.raises(ValueError, match="khabar train summary"):
        SummaryScorer([1.0], ["other"])
    assert len(SummaryStage().scorer.weights) == len(FEATURES)
