"""Coreference of the ``entities`` stage on hand-built NER mentions (surname, title, pronoun, role,
apposition, country/capital), so that the rules are tested apart from the NER model."""
from __future__ import annotations

import pytest

from quote_support import document_with_mentions

from khabar.document import Document
from khabar.ner.coref import EntityStage


@pytest.fixture(scope="module")
def stage():
    return EntityStage()


def analyze(stage, text: str, names: list[tuple[str, str]]) -> Document:
    """Run the stage with every occurrence of each ``(surface, label)`` as an NER mention."""
    return stage(document_with_mentions(text, names))


def entity_of(doc: Document, mention_text: str, occurrence: int = 0):
    hits = [(m.start, ent) for ent in doc.entities for m in ent.mentions if m.text == mention_text]
    hits.sort(key=lambda h: h[0])
    return hits[occurrence][1] if len(hits) > occurrence else None


# (text, NER names, a mention, its occurrence, the canonical name of the entity it must belong to)
COREF_CASES = [
    ("علی شمخانی در تهران سخن گفت. شمخانی افزود: ایران حمایت می‌کند.",
     [("علی شمخانی", "PER"), ("شمخانی", "PER"), ("تهران", "LOC")], "شمخانی", 0, "علی شمخانی"),
    ("علی شمخانی به تهران رفت. دریابان شمخانی گفت: ایران آماده است.",
     [("علی شمخانی", "PER"), ("دریابان شمخانی", "PER")], "دریابان شمخانی", 0, "علی شمخانی"),
    ("وینگو بگوویچ گفت: تیم آماده نیست.\nوینگو عنوان کرد: بازیکنان خسته‌اند.",
     [("وینگو بگوویچ", "PER"), ("وینگو", "PER")], "وینگو", 0, "وینگو بگوویچ"),
    ("حسن روحانی گفت: مذاکره ادامه دارد.\nوی افزود: تحریم‌ها اثری ندارد.",
     [("حسن روحانی", "PER")], "وی", 0, "حسن روحانی"),
    ("حسن روحانی گفت: آقای ظریف به نیویورک می‌رود.\nوی افزود: تحریم‌ها اثری ندارد.",
     [("حسن روحانی", "PER"), ("ظریف", "PER"), ("نیویورک", "LOC")], "وی", 0, "حسن روحانی"),
    ("به گزارش ورزش سه، یورگن کلوپ پس از بازی با لیورپول از هواداران تشکر کرد. او گفت: بازی سختی بود.",
     [("یورگن کلوپ", "PER"), ("لیورپول", "ORG")], "او", 0, "یورگن کلوپ"),
    ("الکساندر لاورنتیف با علی شمخانی دبیر شورای عالی امنیت ملی دیدار کرد.\n"
     "دبیر شورای عالی امنیت ملی تاکید کرد: تروریسم تهدید است.",
     [("الکساندر لاورنتیف", "PER"), ("علی شمخانی", "PER")], "دبیر شورای عالی امنیت ملی", 1, "علی شمخانی"),
    ("حشمت مهاجرانی گفت: باید واقع‌بین بود.\nسرمربی سابق تیم ملی تصریح کرد: باید بررسی کنیم.",
     [("حشمت مهاجرانی", "PER")], "سرمربی سابق تیم ملی", 0, "حشمت مهاجرانی"),
    ("«دونالد ترامپ»، رئیس‌جمهور آمریکا گفت: «ما خارج شدیم.»\nرئیس‌جمهور آمریکا افزود: توافق بد بود.",
     [("دونالد ترامپ", "PER")], "رئیس‌جمهور آمریکا", 1, "دونالد ترامپ"),
    ("یک منبع امنیتی گفت: ده نفر کشته شدند.\nاین منبع افزود: حمله شبانه بود.",
     [], "این منبع", 0, "یک منبع امنیتی"),
    ("آمریکا تحریم‌ها را تمدید کرد. ایالات متحده پیشتر هشدار داده بود.",
     [("آمریکا", "LOC"), ("ایالات متحده", "LOC")], "ایالات متحده", 0, "آمریکا"),
    ("روسیه از سوریه حمایت کرد. مسکو از روند سیاسی در سوریه حمایت می‌کند.",
     [("روسیه", "LOC"), ("مسکو", "LOC"), ("سوریه", "LOC")], "مسکو", 0, "روسیه"),
    ("آمریکا تحریم‌ها را تمدید کرد. آمریکایی‌ها تهدید کردند که حمله می‌کنند.",
     [("آمریکا", "LOC")], "آمریکایی‌ها", 0, "آمریکا"),
    # NER tagged only the first name: the stage reads the rest of the name
    ("محمد رویانیان در جمع خبرنگاران گفت: من مقصر نیستم.\nوی افزود: بازی در تهران است.",
     [("محمد", "PER")], "وی", 0, "محمد رویانیان"),
    # a PER slip on a common word (``نعمتی`` = a blessing) after the speaker does not take the pronoun
    ("محمود احمدی‌نژاد رئیس جمهور گفت: سفر مفید بود.\nرئیس جمهور این حضور را نعمتی بزرگ خواند و گفت: مردم آگاهند.\n"
     "وی تصریح کرد: دشمن عقب‌نشینی می‌کند.", [("محمود احمدی‌نژاد", "PER"), ("نعمتی", "PER")], "وی", 0,
     "محمود احمدی‌نژاد"),
    # NER slips seen with the joint CRF: a quoted name read as a work title (PRO), a role phrase read as ORG
    ('"درید کشموله" استاندار موصل اعلام کرده بود، نیروهای ارتش آماده‌اند.\nوی افزود: طرح ادامه دارد.',
     [("درید کشموله", "PRO"), ("موصل", "LOC")], "وی", 0, "درید کشموله"),
    ("مهران خراسانی سرکنسول جمهوری اسلامی ایران گفت: کمک‌ها رسید.\nسرکنسول ایران تصریح کرد: بازسازی ادامه دارد.",
     [("مهران خراسانی", "PER"), ("سرکنسول جمهوری اسلامی ایران", "ORG")], "سرکنسول ایران", 0, "مهران خراسانی"),
    ("رسول منتجب‌نیاز گفت: این دروغ است.\nمنتجب‌نیا تاکید کرد: من عضو هستم.",
     [("رسول منتجب‌نیاز", "PER"), ("منتجب‌نیا", "PER")], "منتجب‌نیا", 0, "رسول منتجب‌نیاز"),
]


@pytest.mark.parametrize("text,names,mention,occurrence,canonical", COREF_CASES,
                         ids=[f"{c[2]}={c[4]}" for c in COREF_CASES])
def test_coref_mention_joins_its_referent(stage, text, names, mention, occurrence, canonical):
    doc = analyze(stage, text, names)
    ent = entity_of(doc, mention, occurrence)
    assert ent is not None, f"{mention!r} is not a mention of any entity"
    assert ent.name == canonical


# (text, NER names, mention that must NOT join the other entity, the other entity's name)
SEPARATE_CASES = [
    ("روسیه از سوریه حمایت کرد. نشست بعدی در مسکو برگزار خواهد شد.",
     [("روسیه", "LOC"), ("مسکو", "LOC"), ("سوریه", "LOC")], "مسکو", "روسیه"),
    ("آمریکا تحریم‌ها را تمدید کرد. سفر آمریکایی‌ها به تهران لغو شد.",
     [("آمریکا", "LOC"), ("تهران", "LOC")], "آمریکایی‌ها", "آمریکا"),
    ("علی لاریجانی گفت: مجلس آماده است. صادق لاریجانی نیز سخن گفت.",
     [("علی لاریجانی", "PER"), ("صادق لاریجانی", "PER")], "صادق لاریجانی", "علی لاریجانی"),
    ("محمد جواد ظریف وزیر امور خارجه گفت: ایران آماده است.\nوزیر کشور افزود: انتخابات برگزار می‌شود.",
     [("محمد جواد ظریف", "PER")], "وزیر کشور", "محمد جواد ظریف"),
]


@pytest.mark.parametrize("text,names,mention,other", SEPARATE_CASES,
                         ids=[f"{c[2]}!={c[3]}" for c in SEPARATE_CASES])
def test_coref_keeps_distinct_referents_apart(stage, text, names, mention, other):
    doc = analyze(stage, text, names)
    ent = entity_of(doc, mention)
    assert ent is None or ent.name != other


def test_coref_roles_and_canonical_name(stage):
    text = ("شمخانی در تهران بود.\nعلی شمخانی دبیر شورای عالی امنیت ملی روز سه شنبه گفت: ایران حمایت می‌کند.")
    doc = analyze(stage, text, [("علی شمخانی", "PER"), ("شمخانی", "PER"), ("تهران", "LOC")])
    person = entity_of(doc, "شمخانی")
    assert person.name == "علی شمخانی"
    assert person.roles == ["دبیر شورای عالی امنیت ملی"]
    assert person.id == "e1"  # ids follow the order of first mention


def test_coref_role_stops_before_a_meeting_noun(stage):
    text = "الکساندر لاورنتیف با علی شمخانی دبیر شورای عالی امنیت ملی دیدار و گفت‌وگو کرد."
    doc = analyze(stage, text, [("الکساندر لاورنتیف", "PER"), ("علی شمخانی", "PER")])
    assert entity_of(doc, "علی شمخانی").roles == ["دبیر شورای عالی امنیت ملی"]


def test_coref_ids_in_order_and_offsets_exact(stage, example_article):
    doc = Document.from_text(example_article)
    doc.entities = []
    doc = stage(doc)
    assert [e.id for e in doc.entities] == [f"e{i}" for i in range(1, len(doc.entities) + 1)]
    firsts = [e.mentions[0].start for e in doc.entities]
    assert firsts == sorted(firsts)
    for ent in doc.entities:
        for m in ent.mentions:
            assert doc.text[m.start:m.end] == m.text


def test_coref_speaker_names_found_without_ner(stage, example_article):
    doc = Document.from_text(example_article)
    doc.entities = []
    doc = stage(doc)
    shamkhani = entity_of(doc, "وی")
    assert shamkhani is not None and shamkhani.name == "شمخانی"
    assert "دبیر شورای عالی امنیت ملی" in [m.text for m in shamkhani.mentions]
