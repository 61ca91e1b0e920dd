"""Quote attribution: tables of Persian sentences with the statements they must yield (speaker, cue,
content start, direct or reported), covering every form the quote rules handle."""
from __future__ import annotations

import re

import pytest

from quote_support import document_with_mentions

from khabar.document import Document
from khabar.knowledge.quotes import QuoteStage
from khabar.knowledge.speech import CueLexicon, find_frames
from khabar.ner.coref import EntityStage


@pytest.fixture(scope="module")
def stages():
    return EntityStage(), QuoteStage()


def attribute(stages, text: str, names: list[tuple[str, str]] = ()) -> Document:
    doc = document_with_mentions(text, names)
    for stage in stages:
        doc = stage(doc)
    return doc


def summary(doc: Document) -> list[tuple[str | None, str, str, bool]]:
    """(speaker entity name, cue, first three content words, direct) per quote."""
    out = []
    for q in doc.quotes:
        ent = doc.entity(q.speaker) if q.speaker else None
        out.append((ent.name if ent else None, q.cue, " ".join(q.content.split()[:3]), q.direct))
    return out


SHAMKHANI = [("علی شمخانی", "PER"), ("شمخانی", "PER")]

QUOTE_CASES = [
    # colon after the cue: direct
    ("علی شمخانی گفت: ایران از گفت‌وگو حمایت می‌کند.", SHAMKHANI,
     [("علی شمخانی", "گفت", "ایران از گفت‌وگو", True)]),
    # semicolon after the cue, pronoun speaker resolved to the person before
    ("علی شمخانی گفت: ایران آماده است.\nوی افزود؛ حضور نظامیان آمریکایی غیرقانونی است.", SHAMKHANI,
     [("علی شمخانی", "گفت", "ایران آماده است.", True), ("علی شمخانی", "افزود", "حضور نظامیان آمریکایی", True)]),
    # adjuncts between speaker and cue
    ("شمخانی در این دیدار با اشاره به تحولات منطقه تاکید کرد: مبارزه با تروریسم ضروری است.", SHAMKHANI,
     [("شمخانی", "تاکید کرد", "مبارزه با تروریسم", True)]),
    # compound cues written with or without a space
    ("شمخانی اظهارداشت: همکاری ادامه دارد.\nشمخانی خاطر نشان ساخت: تحریم اثری ندارد.", SHAMKHANI,
     [("شمخانی", "اظهارداشت", "همکاری ادامه دارد.", True), ("شمخانی", "خاطر نشان ساخت", "تحریم اثری ندارد.", True)]),
    # a quotation in guillemets right after the cue
    ("علی شمخانی گفت «ایران از هر ابتکاری حمایت می‌کند» و سپس جلسه را ترک کرد.", SHAMKHANI,
     [("علی شمخانی", "گفت", "ایران از هر", True)]),
    # content before the cue
    ("علی شمخانی به تهران رفت.\n«ایران از گفت‌وگو حمایت می‌کند»، وی گفت.", SHAMKHANI,
     [("علی شمخانی", "گفت", "ایران از گفت‌وگو", True)]),
    # reported with «که»
    ("علی شمخانی گفت که ایران از گفت‌وگو حمایت می‌کند.", SHAMKHANI,
     [("علی شمخانی", "گفت", "ایران از گفت‌وگو", False)]),
    # «X با بیان اینکه P، افزود: Q» is two statements
    ("علی شمخانی با بیان اینکه گروه‌های تروریستی تهدید جدی هستند، افزود: همکاری همه کشورها لازم است.",
     SHAMKHANI,
     [("علی شمخانی", "با بیان اینکه", "گروه‌های تروریستی تهدید", False),
      ("علی شمخانی", "افزود", "همکاری همه کشورها", True)]),
    # a cue inside P of an intro belongs to P
    ("علی شمخانی با اشاره به اینکه امام نیز بر این نقش تاکید داشته‌اند، افزود: هدف ما پاسداری است.", SHAMKHANI,
     [("علی شمخانی", "با اشاره به اینکه", "امام نیز بر", False), ("علی شمخانی", "افزود", "هدف ما پاسداری", True)]),
    # «به گفته X، P»
    ("علی شمخانی به مسکو رفت.\nبه گفته شمخانی، نشست بعدی ماه آینده برگزار خواهد شد.", SHAMKHANI,
     [("علی شمخانی", "به گفته", "نشست بعدی ماه", False)]),
    # a role phrase as speaker, resolved to the person who holds the role
    ("علی شمخانی دبیر شورای عالی امنیت ملی به مسکو رفت.\n"
     "دبیر شورای عالی امنیت ملی عنوان داشت؛ ایران آماده همکاری است.", SHAMKHANI,
     [("علی شمخانی", "عنوان داشت", "ایران آماده همکاری", True)]),
    # reported with a comma, and coordinated statements of one speaker
    ("مقامات کویتی اعلام کردند، آماده گفت‌وگو هستند اما تاکید کردند که بغداد باید غرامت بپردازد.", [],
     [("مقامات کویتی", "اعلام کردند", "آماده گفت‌وگو هستند", False),
      ("مقامات کویتی", "تاکید کردند", "بغداد باید غرامت", False)]),
    # an unnamed source, then a demonstrative reference to it
    ("یک منبع امنیتی گفت: ده سرباز کشته شدند.\nاین منبع افزود: حمله شبانه بود.", [],
     [("یک منبع امنیتی", "گفت", "ده سرباز کشته", True), ("یک منبع امنیتی", "افزود", "حمله شبانه بود.", True)]),
    # «به نقل از»: the original source is the speaker
    ("روزنامه القبس به نقل از خالد المظف اعلام کرد: کویت غرامت دریافت کرده است.",
     [("روزنامه القبس", "ORG"), ("خالد المظف", "PER")],
     [("خالد المظف", "اعلام کرد", "کویت غرامت دریافت", True)]),
    # «به نوشته X، P» as a report of another outlet
    ("به نوشته روزنامه القبس، بیشتر مردم ترکیه با اشغال عراق مخالفند.", [("روزنامه القبس", "ORG")],
     [("روزنامه القبس", "به نوشته", "بیشتر مردم ترکیه", False)]),
    # a discourse opener before the subject, and a title that starts a name after an adverbial
    ("این در حالی است که کوفی عنان اعلام کرد جامعه بین‌الملل در کنار هائیتی خواهد ماند.", [],
     [("کوفی عنان", "اعلام کرد", "جامعه بین‌الملل در", False)]),
    ("پیش از این شیخ مهدی کربلایی نماینده آیت‌الله سیستانی گفته بود راهبرد مرجعیت روشن است.", [],
     [("مهدی کربلایی", "گفته بود", "راهبرد مرجعیت روشن", False)]),  # the title is not part of the name
    # «این منبع» refers back to an unnamed official
    ("روزنامه الحیات به نقل از یک مقام عراقی نوشت: انتخابات برگزار می‌شود.\n"
     "به گفته این منبع، فهرست واحد تشکیل خواهد شد.", [("روزنامه الحیات", "ORG")],
     [("یک مقام عراقی", "نوشت", "انتخابات برگزار می‌شود.", True),
      ("یک مقام عراقی", "به گفته", "فهرست واحد تشکیل", False)]),
    # a cue coordinated inside «به گفته» content has the inner subject: not the source's statement
    ("به گفته این منبع، سیستانی خواستار لیست واحد شده و تاکید کرده است که از ائتلاف حمایت می‌کند.", [],
     [("این منبع", "به گفته", "سیستانی خواستار لیست", False)]),
    # names NER missed, guessed in the speaker slot: a common word ends a name; an organization head starts one
    ("قلعه نویی حرف هایش را زد و گفت: سپاهان تیم خوبی است.", [],
     [("قلعه نویی", "گفت", "سپاهان تیم خوبی", True)]),
    ("دفتر آیت الله سیستانی در نجف اعلام کرد، مرجعیت بی‌طرف است.\nاین دفتر افزود: انتخابات مهم است.", [],
     [("دفتر آیت الله سیستانی", "اعلام کرد", "مرجعیت بی‌طرف است.", False),
      ("دفتر آیت الله سیستانی", "افزود", "انتخابات مهم است.", True)]),
    # a name joined by RLM instead of ZWNJ stays one word
    ("غلام\u200fحسین گل\u200fارضی اظهار کرد: بورس رشد کرد.\nگل\u200fارضی افزود: معاملات زیاد بود.", [],
     [("غلام\u200fحسین گل\u200fارضی", "اظهار کرد", "بورس رشد کرد.", True),
      ("غلام\u200fحسین گل\u200fارضی", "افزود", "معاملات زیاد بود.", True)]),
    # the agency's own intro without a comma, then a name, then an apposition
    ("به گزارش خبرنگار پارلمانی خبرگزاری فارس نور الدین پیرموذن نماینده اردبیل گفت: فراکسیون تصمیم گرفت.\n"
     "نماینده مردم اردبیل گفت: رای مثبت می‌دهیم.", [],
     [("نور الدین پیرموذن", "گفت", "فراکسیون تصمیم گرفت.", True), ("نور الدین پیرموذن", "گفت", "رای مثبت می‌دهیم.", True)]),
    # «با بیان آن که» and a demonstrative role
    ("آصفی با بیان آن که سفیر بحرین فراخوانده شده است گفته بود اعتراض ایران ابلاغ شده است.\n"
     "این سخنگو افزود: روزنامه اشتباه کرده است.", [("آصفی", "PER")],
     [("آصفی", "با بیان آن که", "سفیر بحرین فراخوانده", False), ("آصفی", "گفته بود", "اعتراض ایران ابلاغ", False),
      ("آصفی", "افزود", "روزنامه اشتباه کرده", True)]),
    ("در بیانیه ارتش آمریکا آمده است: «دو تفنگدار کشته شدند.»", [],
     [("ارتش آمریکا", "آمده است", "دو تفنگدار کشته", True)]),
    # intros and adverbs before the subject; the last coordinated clause holds the subject
    ("بنا بر گزارش خبرگزاری اینترفکس، «دیمیتری پسکوف» سخنگوی کرملین گفت: کرملین استقبال می‌کند.", [],
     [("دیمیتری پسکوف", "گفت", "کرملین استقبال می‌کند.", True)]),
    ("ساعاتی پیش فدراسیون فوتبال اکوادور اعلام کرد که یوردی کریوف سرمربی شد.", [],
     [("فدراسیون فوتبال اکوادور", "اعلام کرد", "یوردی کریوف سرمربی", False)]),
    ("همچنین \"تیسیر خالد\" عضو کمیته اجرایی گفت، دیدار امروز برگزار خواهد شد.", [],
     [("تیسیر خالد", "گفت", "دیدار امروز برگزار", False)]),
    ("بوفون موفق شد این عنوان را از آن خود کند و حال کاسیاس مدعی شد که ناواس باید نامزد می‌شد.",
     [("بوفون", "PER"), ("کاسیاس", "PER")], [("کاسیاس", "مدعی شد", "ناواس باید نامزد", False)]),
    ("هیئت تجدید نظر تصمیم خود را اعلام کرد و گفت که به شکایات رسیدگی می‌کند.", [],
     [("هیئت تجدید نظر", "گفت", "به شکایات رسیدگی", False)]),
    # an intro whose main verb is no speech cue; a subject after «، اما»; «نائب» spelled with ئ
    ("الاشعل با بیان این که مبارک رئیس باندی بود، از موسی خواست به سوال پاسخ دهد.", [("الاشعل", "PER")],
     [("الاشعل", "با بیان این که", "مبارک رئیس باندی", False)]),
    ("آدلاید سه بار گل خورده است، اما ویدمار می گوید: ما روحیه گرفته ایم.", [("ویدمار", "PER")],
     [("ویدمار", "می گوید", "ما روحیه گرفته", True)]),
    # communication verbs with a clause; «آورده است» only before a colon; a passive claim in a report
    ("وزارت دفاع لتونی اطمینان داد که در این مانورها تیراندازی نخواهد شد.", [],
     [("وزارت دفاع لتونی", "اطمینان داد", "در این مانورها", False)]),
    ("این کمیسیون در ادامه این بیانیه آورده است: از آنها استقبال خواهد شد.\nاو کتاب را آورده است.",
     [("کمیسیون امنیت ملی", "ORG")], [("این کمیسیون", "آورده است", "از آنها استقبال", True)]),
    ("در گزارش وزارت خارجه آمریکا ادعا شده است: «ایران ملاک‌ها را برآورده نکرده است.»", [],
     [("وزارت خارجه آمریکا", "ادعا شده است", "ایران ملاک‌ها را", True)]),
    # unnamed sources: «یکی از ...»، «مسوول» spelled with و; a demonstrative role refers back even to a person
    # who already has another role; an ordinal before an office
    ("یکی از اعضای مجلس فلوریدا گفت: مهمانی خطرناک بود.\nاین مقام ایالتی در بیانیه‌ای نوشت: این باشگاه باید تعطیل شود.",
     [], [("یکی از اعضای مجلس فلوریدا", "گفت", "مهمانی خطرناک بود.", True),
          ("یکی از اعضای مجلس فلوریدا", "نوشت", "این باشگاه باید", True)]),
    ("یک مسوول آگاه گفت: توافق امضا شد.\nاین مسوول افزود: سربازان حفاظت می‌شوند.", [],
     [("یک مسوول آگاه", "گفت", "توافق امضا شد.", True), ("یک مسوول آگاه", "افزود", "سربازان حفاظت می‌شوند.", True)]),
    ("داود شهاب سخنگوی جنبش جهاد اسلامی گفت: دشمن ادامه می‌دهد.\nاین مقام جهاد اسلامی ادامه داد: مقاومت ادامه دارد.",
     [("داود شهاب", "PER")],
     [("داود شهاب", "گفت", "دشمن ادامه می‌دهد.", True), ("داود شهاب", "ادامه داد", "مقاومت ادامه دارد.", True)]),
    ("سعدی مهیمن گفت: ساعی تیزهوش است.\nنخستین مربی هادی ساعی ادامه داد: او با من مشورت کرد.", [("سعدی مهیمن", "PER")],
     [("سعدی مهیمن", "گفت", "ساعی تیزهوش است.", True), ("سعدی مهیمن", "ادامه داد", "او با من", True)]),
    # a place inside an adverbial phrase is no speaker
    ("به گزارش خبرنگار اعزامی خبرگزاری فارس، به استان یزد، محمود احمدی‌نژاد اظهار داشت: سفرها ادامه دارد.",
     [("یزد", "LOC"), ("محمود احمدی‌نژاد", "PER")], [("محمود احمدی‌نژاد", "اظهار داشت", "سفرها ادامه دارد.", True)]),
    # a document's words: the issuer named after «از سوی»
    ("در بیانیه منتشره از سوی کاخ الیزه آمده است: دو کشور همکاری را تقویت می‌کنند.", [],
     [("کاخ الیزه", "آمده است", "دو کشور همکاری", True)]),
    # not statements: conversation nouns, the agency's own sourcing, an announcement without content,
    # greetings with «گفت»
    ("علی شمخانی در گفت و گو با خبرنگار ما از وضعیت منطقه سخن به میان آورد.", SHAMKHANI, []),
    ("به گزارش فارس، جلسه شورای امنیت فردا برگزار می‌شود.", [], []),
    ("وزارت خارجه این خبر را اعلام کرد.", [], []),
    ("اولاند به کامرون تبریک گفت و رهبران دو کشور درباره همکاری توافق کردند.", [], []),
    ("در واقع می‌توان گفت این تیم بهترین فصل خود را گذراند.", [], []),
    ("احتمال داده می‌شود این موضوع باعث انتخاب وی شده باشد.", [], []),
    # a cue whose content is only the next cue: one statement, not an empty one
    ("علی شمخانی این خبر را اعلام کرد و گفت: نشست فردا برگزار می‌شود.", SHAMKHANI,
     [("علی شمخانی", "گفت", "نشست فردا برگزار", True)]),
]


@pytest.mark.parametrize("text,names,expected", QUOTE_CASES, ids=[f"case{i}" for i in range(len(QUOTE_CASES))])
def test_quotes_statements_table(stages, text, names, expected):
    assert summary(attribute(stages, text, names)) == expected


def test_quotes_continue_over_paragraphs(stages):
    text = ("آنتونیو کونته گفت: \"من فکر می کنم تیم رشد کرد.\n\nمی دانیم که نام ما در تاریخ می‌ماند.\n\n"
            "همه چیز در دست خود ماست.\"\n\nاینتر فردا بازی می‌کند.")
    doc = attribute(stages, text, [("آنتونیو کونته", "PER")])
    assert len(doc.quotes) == 1
    q = doc.quotes[0]
    assert q.content.startswith("من فکر") and q.content.endswith("دست خود ماست.")


def test_quotes_guillemet_paragraph_continues_the_quote(stages):
    text = "علی شمخانی گفت: «ایران آماده است.»\n«ما از گفت‌وگو حمایت می‌کنیم.»\nجلسه پایان یافت."
    doc = attribute(stages, text, SHAMKHANI)
    assert len(doc.quotes) == 1
    assert doc.quotes[0].content.endswith("حمایت می‌کنیم.")


def test_quotes_nested_speech_is_not_a_statement(stages):
    text = "برونو فرناندز گفت: \"سولسشر به من گفت بازی‌هایم را تماشا کرده است و این برایم مهم بود.\""
    doc = attribute(stages, text, [("برونو فرناندز", "PER"), ("سولسشر", "PER")])
    assert [(q.cue, q.speaker_text) for q in doc.quotes] == [("گفت", "برونو فرناندز")]


def test_quotes_offsets_point_into_the_text(stages, example_article):
    doc = attribute(stages, example_article)
    assert len(doc.quotes) >= 5
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.content
        assert re.sub(r"\s+", " ", doc.text[q.cue_span[0]:q.cue_span[1]]) == q.cue
        if q.speaker_span:
            assert doc.text[q.speaker_span[0]:q.speaker_span[1]] == q.speaker_text
        if q.speaker:
            assert doc.entity(q.speaker) is not None


def test_quotes_example_article_speakers(stages, example_article):
    doc = attribute(stages, example_article,
                    [("الکساندر لاورنتیف", "PER"), ("علی شمخانی", "PER"), ("شمخانی", "PER"),
                     ("لاورنتیف", "PER")])
    names = [(doc.entity(q.speaker).name if q.speaker else None, q.cue) for q in doc.quotes]
    assert names[:4] == [("علی شمخانی", "گفت"), ("علی شمخانی", "افزود"), ("علی شمخانی", "با بیان اینکه"),
                         ("علی شمخانی", "تاکید کرد")]
    assert ("الکساندر لاورنتیف", "گفت") in names


# (surface cue, its citation form)
CUE_CASES = [
    ("گفت", "گفت"), ("گفتند", "گفت"), ("اظهار داشت", "اظهار داشت"), ("اظهارداشت", "اظهار داشت"),
    ("تأکید کرد", "تاکید کرد"), ("تاکید دارد", "تاکید داشت"), ("می‌گوید", "گفت"), ("می گوید", "گفت"),
    ("خاطرنشان کرد", "خاطرنشان کرد"), ("یادآور شد", "یادآور شد"), ("اعلام کرده بود", "اعلام کرد"),
]


@pytest.mark.parametrize("surface,citation", CUE_CASES)
def test_quotes_cue_lexicon_citation(surface, citation):
    cues = CueLexicon.load()
    hits = cues.finditer(f"وی {surface}: خبر مهم است.")
    assert [h.value for h in hits] == [citation]


@pytest.mark.parametrize("text", ["در گفت‌وگو با خبرنگار ما", "در گفت و گو با خبرنگار ما",
                                  "بعد از گفت\u00ad وگوهای دیشب"])
def test_quotes_conversation_is_not_a_cue(text):
    assert find_frames(text, CueLexicon.load()) == []


@pytest.mark.parametrize("text, more", [
    ("علی لاریجانی گفت: «مذاکرات ادامه دارد.»", " وی افزود که دولت برنامه‌ای ندارد."),
    ("به گفته سخنگوی وزارت خارجه، هیئت ایرانی فردا به وین می‌رود.", " ظریف تاکید کرد: «کار تمام است.»"),
])
def test_speech_frames_of_found_once_per_document(text, more):
    from khabar.knowledge.speech import frames_of

    cues = CueLexicon.load()
    doc = Document.from_text(text)
    first = frames_of(doc, cues)
    assert first == find_frames(text, cues) and first
    assert frames_of(doc, cues) is first  # the second stage reads them
    doc.text = text + more  # another text: found again
    assert frames_of(doc, cues) == find_frames(doc.text, cues) != first
    other = CueLexicon.load()  # another lexicon: found again
    assert frames_of(doc, other) is not frames_of(doc, cues)


def test_speech_pipeline_stages_share_one_cue_lexicon():
    import khabar

    nlp = khabar.load(stages=["normalizer", "sentences", "tokenizer", "ner", "entities", "quotes"])
    by_name = {s.name: s for s in nlp.stages}
    assert by_name["entities"].cues is by_name["quotes"].cues
    doc = nlp("علی لاریجانی گفت: «مذاکرات ادامه دارد.»")
    assert [q.cue for q in doc.quotes] == ["گفت"]
