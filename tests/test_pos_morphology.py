"""The verb analyzer and the broken-plural patterns, on a small stem table (no trained model needed)."""
from __future__ import annotations

import pytest

from khabar.tagging.morphology import VerbAnalyzer, apply_edit, broken_plural_singulars, suffix_edit

STEMS = ["دانست#دان", "رفت#رو", "گفت#گو", "کرد#کن", "آمد#آ", "خواست#خواه", "انداخت#انداز", "آورد#آور",
         "نوشت#نویس", "شد#شو"]


@pytest.fixture(scope="module")
def analyzer() -> VerbAnalyzer:
    return VerbAnalyzer.from_pairs(STEMS)


@pytest.mark.parametrize("form, lemma, feats", [
    # simple past, every person
    ("رفتم", "رفت", "Number=Sing|Person=1|Tense=Past|Voice=Act"),
    ("رفتی", "رفت", "Number=Sing|Person=2|Tense=Past|Voice=Act"),
    ("رفت", "رفت", "Number=Sing|Person=3|Tense=Past|Voice=Act"),
    ("رفتیم", "رفت", "Number=Plur|Person=1|Tense=Past|Voice=Act"),
    ("رفتید", "رفت", "Number=Plur|Person=2|Tense=Past|Voice=Act"),
    ("رفتند", "رفت", "Number=Plur|Person=3|Tense=Past|Voice=Act"),
    # present with می, every person, and its negation
    ("می‌دانم", "دانست", "Number=Sing|Person=1|Tense=Pres|Voice=Act"),
    ("می‌دانی", "دانست", "Number=Sing|Person=2|Tense=Pres|Voice=Act"),
    ("می‌داند", "دانست", "Number=Sing|Person=3|Tense=Pres|Voice=Act"),
    ("می‌دانیم", "دانست", "Number=Plur|Person=1|Tense=Pres|Voice=Act"),
    ("می‌دانید", "دانست", "Number=Plur|Person=2|Tense=Pres|Voice=Act"),
    ("می‌دانند", "دانست", "Number=Plur|Person=3|Tense=Pres|Voice=Act"),
    ("نمی‌دانند", "دانست", "Number=Plur|Person=3|Polarity=Neg|Tense=Pres|Voice=Act"),
    ("میدانند", "دانست", "Number=Plur|Person=3|Tense=Pres|Voice=Act"),
    # vowel-final present stems
    ("می‌گوید", "گفت", "Number=Sing|Person=3|Tense=Pres|Voice=Act"),
    ("می‌گویند", "گفت", "Number=Plur|Person=3|Tense=Pres|Voice=Act"),
    ("می‌روید", "رفت", "Number=Plur|Person=2|Tense=Pres|Voice=Act"),
    # past continuous (no Tense in PerDT)
    ("می‌کردند", "کرد", "Number=Plur|Person=3|Voice=Act"),
    ("نمی‌رفتم", "رفت", "Number=Sing|Person=1|Polarity=Neg|Voice=Act"),
    # subjunctive
    ("بنویسد", "نوشت", "Number=Sing|Person=3|Voice=Act"),
    ("بروند", "رفت", "Number=Plur|Person=3|Voice=Act"),
    ("نکنند", "کرد", "Number=Plur|Person=3|Polarity=Neg|Voice=Act"),
    # initial آ/ا after ب and ن
    ("بیاید", "آمد", "Number=Sing|Person=3|Voice=Act"),
    ("نیامد", "آمد", "Number=Sing|Person=3|Polarity=Neg|Tense=Past|Voice=Act"),
    ("بیندازند", "انداخت", "Number=Plur|Person=3|Voice=Act"),
    # perfect and participle
    ("کرده‌اند", "کرد", "Number=Plur|Person=3|VerbForm=Part|Voice=Act"),
    ("گفته‌ام", "گفت", "Number=Sing|Person=1|VerbForm=Part|Voice=Act"),
    ("نکرده‌ایم", "کرد", "Number=Plur|Person=1|Polarity=Neg|VerbForm=Part|Voice=Act"),
    ("نوشته", "نوشت", "Number=Sing|Person=3|Tense=Past|Voice=Act"),
    # future auxiliary and imperative
    ("خواهند", "خواست", "Number=Plur|Person=3|Voice=Act"),
    ("بگو", "گفت", "Mood=Imp|Number=Sing|Person=2|Tense=Pres|Voice=Act"),
    # preverbs: the lemma has no preverb (UD PerDT)
    ("درآوردند", "آورد", "Number=Plur|Person=3|Tense=Past|Voice=Act"),
])
def test_morphology_verb_forms(analyzer, form, lemma, feats):
    readings = {(a.lemma, a.feats) for a in analyzer.analyze(form)}
    assert (lemma, feats) in readings


@pytest.mark.parametrize("word", ["کتاب", "ایران", "و", "دانشگاه", "سفید"])
def test_morphology_non_verbs_have_no_reading(analyzer, word):
    assert analyzer.analyze(word) == []


@pytest.mark.parametrize("plural, singular", [
    ("مفاهیم", "مفهوم"), ("احادیث", "حدیث"), ("افراد", "فرد"), ("اصول", "اصل"), ("مراکز", "مرکز"),
    ("مدارس", "مدرسه"), ("وسایل", "وسیله"), ("عوامل", "عامل"), ("حوادث", "حادثه"), ("وزرا", "وزیر"),
    # doubled roots, singulars in ت, and the patterns تفاعیل / مفاعی / فعلا → فاعل
    ("فنون", "فن"), ("حقایق", "حقیقت"), ("مصائب", "مصیبت"), ("ممالک", "مملکت"),
    ("تکالیف", "تکلیف"), ("معاصی", "معصیت"), ("علما", "عالم"), ("میادین", "میدان"),
])
def test_morphology_broken_plural_candidates(plural, singular):
    assert singular in broken_plural_singulars(plural)


@pytest.mark.parametrize("form, lemma, edit", [
    ("تجربیات", "تجربه", ("یات", "ه")),
    ("گروه‌های", "گروه", ("\u200cهای", "")),
    ("نمایندگان", "نماینده", ("گان", "ه")),
    ("کتاب", "کتاب", ("", "")),
])
def test_morphology_suffix_edit_round_trip(form, lemma, edit):
    assert suffix_edit(form, lemma) == edit
    assert apply_edit(form, edit) == lemma
