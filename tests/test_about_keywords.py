"""Keyphrases: content words and names, multi-word phrases, no stopwords, entity-aware, normalized scores."""
from __future__ import annotations

import pytest

import khabar
from khabar.about.terms import fold, load_stopwords
from khabar.document import Entity, Mention


@pytest.fixture(scope="module")
def keyword_nlp():
    return khabar.load(stages=["normalizer", "sentences", "tokenizer", "keywords"])


@pytest.mark.parametrize("text, expected", [
    ("یوزپلنگ ایرانی در توران دیده شد. محیط‌بانان توران از دیدن یوزپلنگ خبر دادند. یوزپلنگ در خطر است.",
     "یوزپلنگ"),
    ("بانک مرکزی نرخ سود را کاهش داد. به گفته بانک مرکزی این تصمیم از هفته آینده اجرا می‌شود. "
     "کارشناسان تصمیم بانک مرکزی را بررسی کردند.", "بانک مرکزی"),
])
def test_keywords_top_phrase_is_the_repeated_subject(keyword_nlp, text, expected):
    doc = keyword_nlp(text)
    assert doc.keywords[0].text == expected
    assert doc.keywords[0].score == 1.0


def test_keywords_have_no_stopword_edges_and_are_ranked(keyword_nlp, example_article):
    doc = keyword_nlp(example_article)
    stop = load_stopwords()
    assert 3 <= len(doc.keywords) <= 10
    for kw in doc.keywords:
        words = [fold(w) for w in kw.text.replace("\u200c", " ").split()]
        assert words[0] not in stop and words[-1] not in stop
        assert kw.text in doc.text
    scores = [k.score for k in doc.keywords]
    assert scores == sorted(scores, reverse=True)
    assert any(" " in k.text for k in doc.keywords)  # multi-word phrases are found


def test_keywords_headline_terms_rank_high(keyword_nlp, example_article):
    doc = keyword_nlp(example_article, {"title": example_article.split("\n", 1)[0]})
    top = " ".join(k.text for k in doc.keywords[:5])
    assert "لاورنتیف" in top or "شمخانی" in top or "روسیه" in top


def test_keywords_are_entity_aware(keyword_nlp):
    text = "شمخانی در تهران گفت که گفت‌وگو ادامه دارد. وی افزود که همکاری ادامه دارد."
    doc = keyword_nlp.get("normalizer")(khabar.Document.from_text(text))
    for name in ("sentences", "tokenizer"):
        doc = keyword_nlp.get(name)(doc)
    pronoun = text.index("وی")
    doc.entities = [Entity("e1", "PER", "علی شمخانی", [],
                           [Mention(0, 6, "شمخانی"), Mention(pronoun, pronoun + 2, "وی")])]
    doc = keyword_nlp.get("keywords")(doc)
    assert "علی شمخانی" in [k.text for k in doc.keywords[:2]]


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_keywords_methods_return_ranked_lists(method, example_article):
    nlp = khabar.load(stages=["normalizer", "sentences", "tokenizer", "keywords"],
                      options={"keywords": {"method": method, "top": 5}})
    doc = nlp(example_article)
    assert len(doc.keywords) == 5 and doc.keywords[0].score == 1.0


def test_keywords_unknown_method_is_refused():
    with pytest.raises(ValueError, match="unknown keyword method"):
        khabar.load(stages=["normalizer", "sentences", "tokenizer", "keywords"],
                    options={"keywords": {"method": "magic"}})


@pytest.mark.parametrize("max_words", [1, 2, 4])
def test_keywords_max_words_limits_phrase_length(example_article, max_words):
    from khabar.about.keywords import KeywordStage

    nlp = khabar.load(stages=["normalizer", "sentences", "tokenizer"])
    doc = KeywordStage(max_words=max_words)(nlp(example_article))
    assert doc.keywords
    assert all(len(k.text.split()) <= max_words for k in doc.keywords)


def test_keywords_occurrences_weigh_by_position(keyword_nlp):
    # headline 3, the two lead sentences 1.5 each, later ones 1
    text = "یوزپلنگ در توران\n\nیوزپلنگ دیده شد. محیط‌بانان خبر دادند. یوزپلنگ در خطر است. یوزپلنگ ایرانی نادر است."
    doc = keyword_nlp(text, {"title": "یوزپلنگ در توران"})
    cands = keyword_nlp.get("keywords").candidates(doc)
    assert cands[("یوزپلنگ",)].count == 3.0 + 1.5 + 1.0 + 1.0
    assert cands[("یوزپلنگ",)].first == 0
    assert cands[("توران",)].count == 3.0 and cands[("محیطبانان",)].count == 1.5
    assert cands[("یوزپلنگ", "ایرانی")].count == 1.0
    assert ("در",) not in cands and ("یوزپلنگ", "در") not in cands  # no stopword at a phrase's edge
