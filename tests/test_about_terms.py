"""Term folding and the section-to-topic mapping."""
from __future__ import annotations

import pytest

from khabar.about.articles import Article, parse_article, section_topic
from khabar.about.terms import fold, load_stopwords


@pytest.mark.parametrize("text, expected", [
    ("مي‌شود", "میشود"),
    ("كتاب‌ها", "کتابها"),
    ("۱۴۰۲", "1402"),
    ("مُحَمَّد", "محمد"),
    ("ICT", "ict"),
])
def test_terms_fold_spelling_variants(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("section, expected", [
    ("politics/parliament", "politics"),
    ("foreign-policy", "world"),
    ("regional-offices/pakistan", "world"),
    ("arts-media/cinema-drama", "culture"),
    ("social/medicine-spirituality", "health"),
    ("scientific-academic/it", "science"),
    ("province", None),
    ("gilan", None),
    ("farsplus-magazine", None),
    ("viewpoint/religion", None),
    ("", None),
])
def test_terms_section_topic_mapping(section, expected):
    assert section_topic(section) == expected


@pytest.mark.parametrize("link, section, expected", [
    ("https://www.farsnews.ir/news/13990101000123/عنوان-خبر", "arts-media", "culture"),
    ("https://www.farsnews.ir/news/8501010123", "arts-media", "economy"),       # legacy slug shift
    ("https://www.farsnews.ir/news/8501010123", "world/islamic-forces", "sports"),
    ("https://www.farsnews.ir/news/8501010123", "social", None),               # mixed legacy slug
    ("https://www.varzesh3.com/news/1234", None, "sports"),
])
def test_terms_article_topic_uses_legacy_table_for_id_only_links(link, section, expected):
    assert Article("t", ["p"], section=section, link=link).topic == expected


def test_terms_article_reference_summary_strips_agency_prefix():
    art = parse_article({"title": "ع", "abstract": "خبرگزاري فارس: رئيس سازمان گفت", "paragraphs": ["پ"],
                         "cat": "economy", "subcat": "stock"})
    assert art.reference_summary == "رئيس سازمان گفت"
    assert art.section == "economy/stock" and art.text == "ع\n\nپ"


def test_terms_stopwords_are_folded_hazm_words():
    stop = load_stopwords()
    assert {"و", "در", "میشود"} <= stop and len(stop) > 350


@pytest.mark.parametrize("text", [
    "مي‌شود كتاب‌ها را خواند.",
    "وزیر امور خارجه گفت: «مذاکرات ادامه دارد.»",
])
def test_terms_document_token_terms_read_once_per_token_list(text):
    import khabar
    from khabar.about.terms import document_token_terms, token_terms

    doc = khabar.load(stages=["normalizer", "sentences", "tokenizer"])(text)
    first = document_token_terms(doc)
    assert first == token_terms(doc.tokens) and None in first
    assert document_token_terms(doc) is first  # the next stage reads them
    doc.tokens = doc.tokens[:2]  # a new token list: read again
    assert document_token_terms(doc) == token_terms(doc.tokens) == first[:2]


@pytest.mark.parametrize("text", [
    "مي‌شود كتاب‌ها را خواند. كتاب‌ها می‌شود!",
    "«تهران» ۱۴۰۲ - ایرنا: وزیر گفت: «مذاکرات ادامه دارد.»",
])
def test_terms_token_terms_with_a_memo_are_the_same(text_nlp, text):
    from khabar.about.terms import TermMemo, token_terms

    doc = text_nlp(text)
    memo = TermMemo(limit=3)  # a small limit: the memo is cleared between documents
    fresh = token_terms(doc.tokens)
    assert token_terms(doc.tokens, memo) == fresh
    assert token_terms(doc.tokens, memo) == fresh  # read back from the memo
    assert [t for t, tok in zip(fresh, doc.tokens) if t is None] == [None] * sum(
        1 for tok in doc.tokens if not any(ch.isalnum() for ch in tok.text))


def test_terms_document_token_offsets_follow_the_tokens(text_nlp):
    from khabar.about.terms import document_token_offsets

    doc = text_nlp("یوزپلنگ ایرانی در توران دیده شد.")
    starts, ends = document_token_offsets(doc)
    assert list(starts) == [t.start for t in doc.tokens] and list(ends) == [t.end for t in doc.tokens]
    assert document_token_offsets(doc)[0] is starts  # read once per token list
