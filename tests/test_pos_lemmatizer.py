"""The lemmatizer with the packaged tables: UD (PerDT) lemmas for verbs, nouns and adjectives."""
from __future__ import annotations

import pytest

from khabar.document import Document, Token
from khabar.tagging.lemmatizer import Lemmatizer, LemmatizerStage, guess_regular_lemma


@pytest.fixture(scope="module")
def lemmatizer() -> Lemmatizer:
    return Lemmatizer.from_resources()


@pytest.mark.parametrize("form, lemma", [
    # the examples
    ("می‌دانیم", "دانست"),
    # every tense and person of one verb
    ("دانستم", "دانست"), ("دانستی", "دانست"), ("دانستند", "دانست"),
    ("می‌دانستند", "دانست"), ("نمی‌دانستند", "دانست"),
    ("می‌دانم", "دانست"), ("می‌دانی", "دانست"), ("می‌داند", "دانست"), ("می‌دانید", "دانست"),
    ("بدانند", "دانست"), ("ندانیم", "دانست"), ("دانسته‌اند", "دانست"), ("ندانسته‌ام", "دانست"),
    # irregular present stems and vowel-initial stems
    ("رفتی", "رفت"), ("می‌روید", "رفت"), ("بروند", "رفت"), ("نرو", "رفت"), ("بگو", "گفت"),
    ("می‌گویند", "گفت"), ("گفته‌اند", "گفت"), ("می‌آیند", "آمد"), ("بیایید", "آمد"), ("نیامد", "آمد"),
    ("می‌نویسیم", "نوشت"), ("بنویسید", "نوشت"), ("نوشته‌اند", "نوشت"), ("نمی‌خواهند", "خواست"),
    # compound verbs: the light verb carries the inflection
    ("کردند", "کرد"), ("کرده‌ام", "کرد"), ("نکرده‌ای", "کرد"),
    # passive: participle + شدن
    ("ساخته", "ساخت"), ("می‌شود", "شد"), ("شد", "شد"),
    # preverbs are not part of the lemma (UD PerDT)
    ("برمی‌گردند", "گشت"), ("بازگردند", "گشت"), ("فراگرفتند", "گرفت"),
])
def test_lemmatizer_verbs(lemmatizer, form, lemma):
    assert lemmatizer.lemma(form, "VERB") == lemma


@pytest.mark.parametrize("form, lemma", [
    ("خواهد", "خواست"), ("است", "است"), ("باشد", "بود"), ("بودند", "بود"),
])
def test_lemmatizer_auxiliaries(lemmatizer, form, lemma):
    assert lemmatizer.lemma(form, "AUX") == lemma


@pytest.mark.parametrize("form, lemma", [
    # the examples
    ("گروه‌های", "گروه"), ("تروریست‌ها", "تروریست"),
    # plurals with ها / ان / گان / ات
    ("کشورها", "کشور"), ("سال‌ها", "سال"), ("تحریم‌ها", "تحریم"), ("سازمان‌های", "سازمان"),
    ("فعالیت‌های", "فعالیت"), ("دانشجویان", "دانشجو"), ("خبرنگاران", "خبرنگار"), ("کارشناسان", "کارشناس"),
    ("نمایندگان", "نماینده"), ("مشکلات", "مشکل"),
    # Arabic broken plurals
    ("مفاهیم", "مفهوم"), ("احادیث", "حدیث"), ("وزرا", "وزیر"), ("حوادث", "حادثه"),
    # indefinite and ezafe ی
    ("خانه‌ای", "خانه"), ("جلسه‌ای", "جلسه"), ("دنیای", "دنیا"),
    # a clitic pronoun left attached
    ("کتاب‌هایش", "کتاب"), ("خانه‌اش", "خانه"),
    # an indefinite or ezafe ی on a plural
    ("نتایجی", "نتیجه"), ("قوانینی", "قانون"), ("وزرای", "وزیر"), ("تصاویری", "تصویر"),
    # ات plurals and indefinite ی on words the lexicon lists with their own entry
    ("اعتراضات", "اعتراض"), ("ملتی", "ملت"), ("میادین", "میدان"), ("فنون", "فن"),
])
def test_lemmatizer_nouns(lemmatizer, form, lemma):
    assert lemmatizer.lemma(form, "NOUN") == lemma


@pytest.mark.parametrize("form, lemma", [
    ("بزرگ‌تر", "بزرگ"), ("بزرگ‌ترین", "بزرگ"), ("مهم‌ترین", "مهم"), ("قوی‌تر", "قوی"), ("بیشتر", "بیش"),
])
def test_lemmatizer_comparative_adjectives(lemmatizer, form, lemma):
    assert lemmatizer.lemma(form, "ADJ") == lemma


@pytest.mark.parametrize("form, upos, lemma", [
    ("ش", "PRON", "او"), ("م", "PRON", "من"), ("را", "ADP", "را"), ("،", "PUNCT", "،"),
    ("انسانی\u200c", "ADJ", "انسانی"),  # a stray trailing ZWNJ is not part of the lemma
    ("آیندهٔ", "ADJ", "آینده"), ("منطقهٔ", "NOUN", "منطقه"),  # nor the ezafe written as hamza above ه
])
def test_lemmatizer_closed_classes_and_cleanup(lemmatizer, form, upos, lemma):
    assert lemmatizer.lemma(form, upos) == lemma


def test_lemmatizer_stage_sets_every_token_lemma():
    stage = LemmatizerStage()
    assert (stage.requires, stage.assigns) == (("pos",), ("lemma",))
    doc = Document.from_text("گروه‌ها رفتند")
    doc.tokens = [Token(0, 7, "گروه‌ها", pos="NOUN"), Token(8, 13, "رفتند", pos="VERB")]
    assert [t.lemma for t in stage(doc).tokens] == ["گروه", "رفت"]


@pytest.mark.parametrize("words, tags, lemmas", [
    # PerDT lemmatizes the reflexive split from its clitic as the whole word
    (["خود", "ش", "رفت"], ["PRON", "PRON", "VERB"], ["خودش", "او", "رفت"]),
    (["با", "خود", "شان"], ["ADP", "PRON", "PRON"], ["با", "خودشان", "آنها"]),
    (["کتاب", "خود", "را"], ["NOUN", "PRON", "ADP"], ["کتاب", "خود", "را"]),
])
def test_lemmatizer_sentence_context(lemmatizer, words, tags, lemmas):
    assert lemmatizer.lemmas(words, tags) == lemmas


@pytest.mark.parametrize("form, lemma", [
    # verbs missing from the stem table, read as regular verbs
    ("می‌نکوهیم", "نکوهید"), ("بپوسد", "پوسید"), ("بیارزد", "ارزید"), ("بیاندیشند", "اندیشید"),
    ("می‌شورانند", "شوراند"), ("می‌لیسید", "لیسید"), ("می‌لنگیدم", "لنگید"),
    ("کتاب", None), ("پرورانده", None),  # no می or ب: not read as a present form
])
def test_lemmatizer_regular_guess_for_unknown_verbs(form, lemma):
    assert guess_regular_lemma(form) == lemma
