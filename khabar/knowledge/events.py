"""Political events (CAMEO-style) from Persian news: who met, visited, criticized, threatened whom, and when.

:class:`EventStage` finds trigger words from the shipped lexicon (``resources/events/triggers.tsv``) in each
sentence, reads the clause around them with a few Persian frames, and writes :class:`~khabar.document.Event`
objects whose ``actors`` and ``targets`` are ids of ``doc.entities``:

* ``در دیدار X با Y`` / ``X در دیدار با Y گفت`` / ``X با Y دیدار و گفت‌وگو کرد`` / ``X و Y دیدار کردند``
  → ``meet`` (CAMEO 040) with X and Y as actors (symmetric events have no targets);
* ``X از Y انتقاد کرد``, ``X Y را متهم کرد``, ``X به Y حمله کرد``, ``X از Y خواست`` → directed events with
  X as actor and Y as target.

Future or planned meetings and visits (``دیدار خواهد کرد``, ``قرار است ... سفر کند``) become ``intend_meet``
(CAMEO 036); negated ones (``دیدار نکرد``), anaphoric ones (``در این دیدار``), interviews with the press
(``در گفت‌وگو با خبرنگار فارس``) and sports fixtures (``دیدار رفت``) are not events. See ``docs/events.md``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import regex

from khabar.document import Document, Entity, Event, TimeExpression
from khabar.resources import read_text

# PRO is kept: the NER model tags quoted person names as products («"ایاد علاوی"»)
ACTOR_LABELS = frozenset({"PER", "ORG", "LOC", "FAC", "GPE", "NORP", "PRO"})
_ARABIC_LETTERS = str.maketrans("يكىأإة", "یکیااه")
_GAP = r"[ \u200c]"

# Words after «با» that make «گفت‌وگو با ...» an interview, not a meeting.
_MEDIA = (r"خبرنگار|خبرنگاران|خبرگزاری|رسانه|رسانه‌های|رسانه‌ها|شبکه|روزنامه|تلویزیون|رادیو|سایت|"
          r"پایگاه|مجله|نشریه|هفته‌نامه|ماهنامه|ایسنا|ایرنا|ایلنا|مهر|تسنیم|فارس|صدا و سیما|برنامه")
_SPORTS = regex.compile(r"(?<![\w\u200c])(?:تیم|تیم‌های|بازی|لیگ|جام|گل|مسابقه|مسابقات|فوتبال|والیبال|بسکتبال|"
                        r"حریف|ورزشگاه|سرمربی|بازیکن|بازیکنان|قهرمانی|مصاف|نیمه نهایی|"
                        r"پنالتی|دقیقه)(?![\w])")
_LIGHT_VERB = regex.compile(
    r"^(?:[ \u200c]*(?:و[ \u200c]+(?:گفت[ \u200c]?و[ \u200c]?گو|گفتگو|رایزنی|تبادل[ \u200c]نظر)[ \u200c]*)?)"
    r"(?:(?P<neg>ن)?(?:می[ \u200c]?)?(?:کرد|کن|نمود|نما|شد|شو|داشت|دار|رسید|رس|گرد|ساخت|ساز|خواه)"
    r"|(?P<fut>خواه(?:د|ند|م|یم)))")
_FUTURE_LEFT = regex.compile(r"(?:قرار است|قرار شده|قصد دارد|قصد دارند|در نظر دارد|برنامه دارد|"
                             r"خواهد|خواهند)(?![\w])")
_IRREALIS = regex.compile(r"(?:تهدید به|دستیابی به|رسیدن به|توجیه|طرفدار|مخالف|مجوز|(?:احتمال|خطر|امکان)"
                          r"(?:[ \u200c]+(?:بروز|وقوع))?|احتمالی|"
                          r"هرگونه|هر گونه|در صورت|امکان|برای|اهداف)[ \u200c]*$")
_PURPOSE = regex.compile(r"(?:جهت|برای|به منظور|به قصد|با هدف)[ \u200c]*$")
_THREAT_VERB = regex.compile(r"^[ \u200c]+به[ \u200c]+(?:[\w\u200c]+[ \u200c]+){0,3}?\u200c?"
                             r"(?:کرد|کرده|کردند|نمود|می[ \u200c]?کن)")
_PASSIVE_LEFT = regex.compile(r"(?<![\w\u200c])مورد[ \u200c]+$")
_PASSIVE_RIGHT = regex.compile(r"[^.،:]{0,80}?(?<![\w\u200c])قرار[ \u200c]+(?:گرفت|گرفتند|گرفته|می[ \u200c]?گیرد|"
                               r"می[ \u200c]?گیرند|دادند|داد)")
_ENTER_VERB = regex.compile(r"(?:[ \u200c]+[\w\u200c]+){1,4}?[ \u200c]+(?:شد|شدند|شده|می[ \u200c]?شود|می[ \u200c]?شوند)"
                            r"(?![\w])")
# «با» + a group of people, not a name: «ملاقات با مجروحان», «دیدار با جمعی از بازاریان», «با خانواده‌های شهدا»
_UNNAMED_PARTNER = regex.compile(r"[ \u200c]*(?<![\w\u200c])با[ \u200c]+(?:جمعی|گروهی|تعدادی|شماری|برخی|مردم|خانواده|"
                                 r"اعضای|[^\s\"«]+(?:ان|\u200c?ها|\u200c?های))(?![^\W\u200c])")
_PURPOSE_CLAUSE = regex.compile(r"(?<![\w\u200c])تا(?![^\W\u200c])")
_SUBJUNCTIVE = regex.compile(r"[^،.:؛]{0,60}?(?<![\w\u200c])(?:کند|کنند|شود|شوند|نماید|نمایند|بکند|بکنند)"
                             r"(?![^\W\u200c])")
_ABSENCE = regex.compile(r"(?<![\w\u200c])(?:نبود|عدم|فقدان|بدون)[ \u200c]+$")
_CONDITIONAL = regex.compile(r"(?<![\w\u200c])(?:در صورتی که|در صورتیکه|در صورت|اگر|چنانچه|به احتمال|احتمالا|"
                             r"احتمالاً|ممکن است|شاید)(?![^\W\u200c])")
_IRREALIS_AFTER = regex.compile(r"(?:\u200c?(?:های|ها))?[ \u200c]+(?:احتمالی|احتمالا|احتمالاً)(?![^\W\u200c])")
_CLAUSE_BREAK = regex.compile(r"[،,:؛]")
_FROM_AFTER = regex.compile(r"[ \u200c]*(?:خود[ \u200c]+)?از[ \u200c]")
_FROM_BEFORE = regex.compile(r"(?<![\w\u200c])از[ \u200c]+(?:[\w\u200c]+[ \u200c]+){0,3}$")
_LEG = regex.compile(r"[ \u200c]*(?:رفت|برگشت)(?![\w])")
_TO_BEFORE = regex.compile(r"(?<![\w\u200c])به[ \u200c]*$")
_GO = regex.compile(r"(?<![\w\u200c])(?:رفت|رفتند|آمد|آمدند|شتافت|می[ \u200c]?رو)")
_KEY_DROP = re.compile(r"[\s\u200c\"«»]+")
_GAPS = re.compile(r"[ \u200c]+")
_WORDS = regex.compile(r"[\w\u200c]+")
_RA = regex.compile(r"[ \u200c]*را(?![\w])")
_WILL_AFTER = regex.compile(r"[ \u200c]*(?:و[^ ]*[ \u200c]+)?[^ ]*[ \u200c]*خواه")
_COMING = regex.compile(r"[ \u200c]*(?:آتی|آینده|بعدی|پیش[ \u200c]?رو)(?![\w])")
_PRESENT = regex.compile(r"[ \u200c]*(?:و[ \u200c]+[^ ]+[ \u200c]+)?می")
_BOTH_SIDES = regex.compile(r"(?<![\w\u200c])(?:دو[ \u200c]+طرف|طرفین)(?![^\W\u200c])")
_ANAPHORA = regex.compile(r"(?:این|همین|آن|همان|چنین)[ \u200c]*$")
_PREPOSITIONS = ("با", "از", "به", "علیه", "بر", "در", "برای", "میان", "بین", "درباره", "پیرامون", "طی", "ضمن",
                 "نزد", "توسط", "سوی", "مورد", "راجع", "همراه")
_TARGET_MARKERS = ("با", "از", "به", "علیه")
_ATTRIBUTION_WORDS = ("گزارش", "نقل", "خبرگزاری")
# Words that may stand between «به گزارش» and the agency: «به گزارش خبرنگار اعزامی خبرگزاری فارس»
_ATTRIBUTION_FILLERS = frozenset("خبرنگار اعزامی سیاسی پارلمانی اقتصادی گروه بین‌الملل بینالملل خبرگزاری".split())
# A role noun after a comma makes the comma an apposition: «رستم زوهبی»، سفیر سوریه در واشنگتن ...
_ROLE_START = regex.compile(r"[ \u200c\"«]*(?:سفیر|وزیر|رئیس|رییس|سخنگوی|سخنگو|دبیر|نماینده|معاون|فرمانده|عضو|"
                            r"مشاور|دبیرکل|نخست[ \u200c]?وزیر|استاندار|فرماندار|مدیر|مسئول|مسوول|رهبر|سرمربی|مربی|"
                            r"دادستان|سردار|سرلشکر|امام[ \u200c]جمعه)(?![\w])")
# Head nouns between a preposition and the name it governs: «از رهبران سوریه», «به نیروهای آمریکایی».
_HEADS = frozenset("""
دولتی نظامی امنیتی مسلح عالی رتبه عالیرتبه ارشد بلندپایه حجت‌الاسلام حجت‌الاسلام‌والمسلمین آیت‌الله
سردار سرلشکر دکتر مهندس سید
رهبران رهبر مقامات مسئولان مسئول وزرای وزیر خارجه روسای رؤسای نیروهای نیروی دولت دولتهای دولت‌های
مردم ملت سفارت وزارت ارتش طرف نمایندگان نماینده هیئت هیات رئیس سران شهروندان مواضع موضع سیاست
سیاست‌های اقدامات اقدام اظهارات سخنان یک ایست بازرسی پایگاه مرز مرزهای سواحل حریم استان شهرستان
کنسولگری سفارتخانه کاروان کاروان‌های کاروانهای دیگر سایر همه برخی تمامی تاسیسات تأسیسات مراکز
پایگاه‌های پایگاههای سربازان نظامیان اتباع هواپیماهای کشتی کشتی‌های مناطق منطقه خاک شهر شهرهای کشور
گروه گروه‌های جنبش حزب
""".split())
# Attribution frames at a sentence start: «به گزارش X،», «به نقل از X،».
_ATTRIBUTION = regex.compile(r"^(?:[^،,:]{0,80}?(?:به گزارش|به نقل از|بنا به گزارش|بنا بر گزارش|بنابر اعلام|بنا بر اعلام|به گفته)[^،,:]{0,60}[،,])+")
_CLAUSE_END = regex.compile(r"[،,:؛;]|(?<![\w\u200c])(?:گفت|افزود|اظهار|تصریح|تاکید|خاطرنشان|اعلام|"
                            r"بیان|عنوان|ادامه داد|یادآور)(?![\w])")


@dataclass(frozen=True)
class Trigger:
    type: str
    cameo: str
    flags: frozenset[str]


@dataclass(frozen=True)
class LightVerb:
    """The verb that makes a trigger noun a predicate (``دیدار کرد``, ``تهدید به حمله کرده‌اند``)."""

    neg: bool = False
    fut: bool = False


_LIGHT_LEMMAS = frozenset({"کرد", "شد", "نمود", "داشت", "رسید", "گردید", "ساخت", "خواست", "داد"})


@dataclass(frozen=True)
class Argument:
    """An entity mention inside the clause: ``entity`` id and the text span of the mention."""

    entity: str
    start: int
    end: int
    label: str = "PER"


class EventStage:
    """Finds CAMEO-style events in a document (see module docs)."""

    name = "events"
    requires = ("entities", "times")
    assigns = ("events",)

    def __init__(self, *, lexicon: str = "triggers.tsv") -> None:
        self._triggers: list[Trigger] = []
        alternatives = []
        for line in read_text("events", lexicon).splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("type\t"):
                continue
            type_, cameo, pattern, *rest = line.split("\t")
            flags = frozenset(f for f in (rest[0] if rest else "").split(",") if f)
            group = f"t{len(self._triggers)}"
            self._triggers.append(Trigger(type_, cameo, flags))
            alternatives.append(f"(?P<{group}>{pattern.replace(' ', _GAP + '*')})")
        # «دیدار از X»: a visit whose place is often not an entity (no target needed)
        self._visit_place = Trigger("visit", "042", frozenset({"actor"}))
        self._pattern = regex.compile(
            r"(?<![\w\u200c])(?:" + "|".join(alternatives) + r")(?P<suffix>(?:\u200c?(?:هایی|های|ها|ی|ش|شان))?)"
            r"(?![\w])")
        # Cheap candidates: every Persian word of the trigger patterns (a superset of their first words);
        # the full pattern is tried only where one of them starts a word.
        words = {w for line in alternatives for w in regex.findall(r"[\u0621-\u06cc]{2,}", line)} - {"می"}
        self._candidates = re.compile(r"(?<![\w\u200c])(?:" + "|".join(sorted(words, key=len, reverse=True))
                                      + r"|می[ \u200c]?خواه)")
        self._media = regex.compile(rf"^(?:[ \u200c]*(?:خود|ش))?[ \u200c]*(?:زنده[ \u200c]+)?(?:تلویزیونی|خبری|"
                                    rf"اختصاصی|مطبوعاتی|رادیویی|زنده|با[ \u200c]+(?:[\w\u200c]+[ \u200c]+){{0,3}}?"
                                    rf"(?:{_MEDIA})(?![\w]))")

    # --- stage ---------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        mentions = _actor_mentions(doc.entities, doc.text)
        starts = [m.start for m in mentions]
        # POS and lemmas, when a tagger ran, confirm light verbs the patterns miss («دیدار بعمل آوردند» aside)
        tagged = [t for t in doc.tokens if t.pos] if doc.tokens and doc.tokens[0].pos else []
        self._tagged, self._tagged_starts = tagged, [t.start for t in tagged]
        events: list[Event] = []
        text = doc.text
        for sent in doc.sentences or []:
            sentence = text[sent.start:sent.end]
            last_end = 0
            for c in self._candidates.finditer(sentence):
                if c.start() < last_end:
                    continue
                m = self._pattern.match(sentence, c.start())
                if m is None:
                    continue
                last_end = m.end()
                event = self._event(doc, sent.start, sent.end, sentence, m, mentions, starts, events)
                if event is not None and not _repeats(event, events):
                    events.append(event)
        doc.events = events
        return doc

    # --- one trigger ---------------------------------------------------------------------------
    def _event(self, doc, s0, s1, sentence, m, mentions, starts, earlier=()) -> Event | None:
        index = next(int(g[1:]) for g, v in m.groupdict().items() if v is not None and g.startswith("t"))
        t_start, t_end = m.start(), m.end()
        before, after = sentence[:t_start], sentence[t_end:]
        plural = m.group("suffix").lstrip("\u200c").startswith("ها")
        reading = self._reading(self._triggers[index], before, after, sentence, plural, self._next_verb(s0 + t_end))
        if reading is None:
            return None
        trig, lv = reading
        type_, cameo = trig.type, trig.cameo
        left_start = self._left_start(sentence, t_start)
        right_end = self._right_end(sentence, t_end)
        # the time of the clause (from its start to the next clause break), else of the sentence
        time = _nearest_time(doc.times, s0 + left_start, s0 + right_end, s0 + t_start) \
            or _nearest_time(doc.times, s0, s1, s0 + t_start)
        if type_ in ("meet", "visit", "negotiate", "phone") and _is_future(before, after, lv, time, doc.meta):
            type_, cameo = "intend_meet", "036"

        left = _args_in(mentions, starts, s0 + left_start, s0 + t_start)
        left_start, left = _clause_subject_region(doc.text, s0, s0 + left_start, s0 + t_start, left)
        right = _args_in(mentions, starts, s0 + t_end, s0 + right_end)
        if _PASSIVE_LEFT.search(before) and _PASSIVE_RIGHT.match(after):
            # «X مورد انتقاد Y قرار گرفت»: the genitive is the actor, the subject the target
            actors, targets = self._passive_roles(doc.text, left, right, s0 + t_end, s0 + left_start)
        else:
            actors, targets = self._roles(doc.text, trig, left, right, s0 + t_start, s0 + t_end,
                                          nominal=lv is None, left_start=s0 + left_start)
        if trig.type in ("meet", "negotiate", "phone", "agree") and len(set(actors + targets)) < 2 \
                and _BOTH_SIDES.search(before[left_start:]):
            # «دو طرف همچنین ... گفت‌وگو کردند»: the two sides of the meeting reported just before
            last = next((e for e in reversed(earlier) if e.cameo[:2] == "04" and len(e.actors) == 2), None)
            if last is not None:
                actors, targets = list(last.actors), []
        if not _enough(trig, type_, actors, targets, lv, plural, before[left_start:], after):
            return None
        if trig.type in ("meet", "negotiate", "phone", "agree"):
            actors, targets = _unique(actors + targets), []
        return Event(type_, cameo, _unique(actors), [t for t in _unique(targets) if t not in actors], time,
                     s0, s1, sentence[t_start:t_end])

    def _next_verb(self, pos: int) -> LightVerb | None:
        """A tagged light verb right after ``pos`` (``دیدار کرد``, ``دیدار نکردند``), from POS and lemmas."""
        i = bisect.bisect_left(self._tagged_starts, pos)
        if i >= len(self._tagged):
            return None
        token = self._tagged[i]
        if token.start - pos > 2 or token.pos not in ("VERB", "AUX") or (token.lemma or "") not in _LIGHT_LEMMAS:
            return None
        text = token.text.replace("\u200c", "")
        return LightVerb(neg=text.startswith("ن") and not (token.lemma or "").startswith("ن"),
                         fut=text.startswith("خواه"))

    def _reading(self, trig: Trigger, before: str, after: str, sentence: str, plural: bool,
                 tagged_verb: LightVerb | None = None):
        """How the trigger is used: ``None`` when it reports no event (a reference back, a negation, an
        interview, a sports fixture, an irrealis attack...), else the trigger to apply and the light verb
        match (``None`` for a nominal use)."""
        if _ANAPHORA.search(before):
            return None  # «در این دیدار»: a reference back to an event already reported
        if _ABSENCE.search(before[-12:]):
            return None  # «نبود حمایت دولت», «عدم توافق»: what did not happen
        clause = _CLAUSE_BREAK.split(before)[-1]
        if _PURPOSE_CLAUSE.search(before) and _SUBJUNCTIVE.match(after):
            return None  # «تلاش کرد تا ... دیداری برگزار کند»: sought, not held
        if _CONDITIONAL.search(clause) or _IRREALIS_AFTER.match(after):
            return None  # «در صورتی که ... به توافق برسند», «به احتمال زیاد ... رایزنی», «درگیری‌های احتمالی»
        if plural and trig.type in ("threaten", "criticize", "accuse", "condemn", "praise", "support", "appeal"):
            return None  # «تهدیدهای ایران»: a generic reference, not one reported act
        lv = None if plural else _light_verb(after)
        if lv is None and not plural:
            lv = tagged_verb
        if lv is None and trig.type in ("threaten", "accuse") and _THREAT_VERB.match(after):
            lv = LightVerb()  # «ایران را تهدید به حمله نظامی کرده‌اند», «متهم به ... کرد»
        if lv is None and trig.type in ("attack", "agree") and _IRREALIS.search(before[-25:]):
            return None  # «تهدید به حمله», «توجیه حمله هوایی», «دستیابی به توافق»: nothing took place
        if lv is not None and lv.neg and not lv.fut:
            return None
        if "verbal" in trig.flags and not lv:
            return None
        if "enter" in trig.flags:
            if not _ENTER_VERB.match(after):
                return None  # «وارد ... شد»: arrived in a place
            lv = LightVerb()
        if trig.type == "meet" and (_FROM_AFTER.match(after) or (
                lv and _FROM_BEFORE.search(before))):
            trig = self._visit_place  # «دیدار از نمایشگاه», «از مرزهای سوریه دیدار کنیم»: a visit to a place
        if "partner" in trig.flags and self._media.match(after):
            return None  # an interview
        if trig.type in ("meet", "visit", "host") and (_SPORTS.search(sentence) or _LEG.match(after)):
            return None  # a match, a stadium, a host team: sports, not diplomacy
        if trig.type == "support" and before.endswith("با ") and "مواجه" in after[:80]:
            return None  # «با استقبال پرشور مردم مواجه شد»: a crowd's welcome
        return trig, lv

    @staticmethod
    def _passive_roles(text: str, left: list[Argument], right: list[Argument], t_end: int,
                       left_start: int) -> tuple[list[str], list[str]]:
        actors: list[str] = []
        targets: list[str] = []
        right_groups = _groups(text, right)
        if right_groups and _genitive(text, t_end, right_groups[0][0].start):
            actors = [a.entity for a in right_groups[0]]
        floor = left_start
        for group in _groups(text, left):
            if _marker_before(text, group[0].start, floor) is None:
                targets = [a.entity for a in group]
                break
            floor = group[-1].end
        return actors, targets

    @staticmethod
    def _left_start(sentence: str, t_start: int) -> int:
        start = 0
        attribution = _ATTRIBUTION.match(sentence)
        if attribution and attribution.end() <= t_start:
            start = attribution.end()
        for mark in (":", "؛"):
            k = sentence.rfind(mark, start, t_start)
            if k >= 0:
                start = k + 1
        k = sentence.rfind("«", start, t_start)
        if k >= 0 and sentence.find("»", k, t_start) < 0:  # the trigger is inside a quotation
            start = k + 1
        return start

    @staticmethod
    def _right_end(sentence: str, t_end: int) -> int:
        stop = _CLAUSE_END.search(sentence, t_end)
        return stop.start() if stop else len(sentence)

    def _roles(self, text: str, trig: Trigger, left: list[Argument], right: list[Argument],
               t_start: int, t_end: int, nominal: bool, left_start: int) -> tuple[list[str], list[str]]:
        """Actors and targets from the mentions left and right of the trigger, by the case marker
        (preposition before, «را» after) that each group of coordinated mentions carries.

        A nominal trigger with its own genitive actor (``حمله اخیر رژیم صهیونیستی به ...``) takes its
        arguments from the right only: the sentence subject is someone else."""
        left_groups = _groups(text, left)
        right_groups = _groups(text, right)
        actors: list[str] = []
        targets: list[str] = []
        if nominal and trig.type in ("attack", "threaten", "accuse", "sanction", "condemn"):
            left_groups = []
        elif nominal and right_groups and _genitive(text, t_end, right_groups[0][0].start) \
                and trig.type not in ("meet", "negotiate", "phone", "agree", "host", "appeal", "demand") \
                and _marker_before(text, right_groups[0][0].start, t_end) is None:
            left_groups = []
        # left of the trigger: subject (no marker), then marked groups; nothing after an object «را» is
        # the subject (``سلیمانی خبرگزاری فرانسه را به نادیده گرفتن روابط ایران ... متهم کرد``)
        floor = left_start
        seen_ra = False
        for group in left_groups:
            marker = _marker_before(text, group[0].start, floor)
            floor = group[-1].end
            ra = _followed_by_ra(text, group[-1].end) and not nominal  # else «را» is another verb's object
            ids = [a.entity for a in group]
            if marker is None and not ra and not actors and not seen_ra:
                actors = ids
            elif marker in ("با",) and trig.type in ("meet", "negotiate", "phone", "agree"):
                targets += ids
            elif marker in ("از", "به", "علیه", "با", "بر") or ra:
                seen_ra = seen_ra or ra
                if trig.type in ("meet", "negotiate", "phone") and marker != "با":
                    continue
                targets += ids
        # right of the trigger: «دیدار X با Y», «در دیدار با Y», «حمله X به Y», «میزبان Y»
        floor = t_end
        genitive_ids: list[str] = []
        for k, group in enumerate(right_groups):
            marker = _marker_before(text, group[0].start, floor)
            floor = group[-1].end
            ids = [a.entity for a in group]
            genitive = marker is None and k == 0 and _genitive(text, t_end, group[0].start)
            if trig.type == "demand":
                break  # «خواستار محو اسرائیل»: what is demanded, not who
            if genitive:
                genitive_ids = ids
                if trig.type == "host" or (trig.type == "appeal" and actors) or "enter" in trig.flags:
                    targets += ids
                elif not actors or trig.type in ("meet", "negotiate", "phone", "agree"):
                    actors += ids
                else:
                    targets += ids
            elif marker == "با" and trig.type in ("meet", "negotiate", "phone", "agree"):
                targets += ids
            elif marker in ("میان", "بین") and k == 0 and trig.type in ("attack", "meet", "negotiate", "agree") \
                    and len(text[t_end:group[0].start].split()) <= 3:
                actors += ids  # «درگیری میان نیروهای هند و ...», «توافق میان آمریکا و چین»: both sides
            elif marker in ("به", "از", "علیه", "بر") and trig.type not in ("meet", "negotiate", "phone"):
                targets += ids
            else:
                break
        if "pair" in trig.flags and not targets:
            actors = genitive_ids  # «نشست مجمع عمومی»: the body holds the session, the subject is not a side
        elif nominal and genitive_ids and trig.type in ("meet", "negotiate", "phone", "agree") \
                and not (_TO_BEFORE.search(text, left_start, t_start)
                         and _GO.search(text, t_end, t_end + 60)):
            # «در اعتراض به دیدار X و Y»: the sides are named after the trigger, the subject is someone
            # else (but «علاوی به دیدار اسد رفت»)
            actors = [i for i in actors if i in genitive_ids] or actors
        return actors, targets


# --- helpers ---------------------------------------------------------------------------------------
def _actor_mentions(entities: list[Entity], text: str = "") -> list[Argument]:
    """The mentions of actor-like entities, plus the other occurrences in ``text`` of what was already
    written of them (a surname, a title, a name tagged with another label elsewhere): the coreference stage
    links pronouns and titles in speaker slots, the event frames need the rest."""
    out = [Argument(e.id, m.start, m.end, e.label) for e in entities if e.label in ACTOR_LABELS for m in e.mentions]
    if text:
        out += _repeated_mentions(entities, text, out)
    out.sort(key=lambda a: (a.start, -a.end))
    # drop mentions nested inside a longer one
    kept: list[Argument] = []
    for a in out:
        if kept and a.start < kept[-1].end:
            continue
        kept.append(a)
    return kept


_NOT_NAMES = frozenset("وی او ایشان ما من آنان آنها این آن کشور دولت رئیس وزیر".split())


_OFFICIALS = regex.compile(r"(?<![\w\u200c])(?:مقامات|مسئولان|مسوولان|طرف|هیئت|هیات|نیروهای|دولت|سفیر|نمایندگان|"
                          r"رهبران|سران|دیپلمات‌های|دیپلماتهای)(?:[ \u200c]+(?:ارشد|عالی[ \u200c]?رتبه|بلندپایه))?"
                          r"[ \u200c]+(\w+?)(?:یی|ی)(?![^\W\u200c])")


def _demonym_mentions(entities: list[Entity], text: str, actor_ids: set[str]) -> list[Argument]:
    """«مقامات آمریکایی», «طرف ایرانی»: officials named by a demonym stand for the country, when the
    country is an entity of the document."""
    countries = {}
    for e in entities:
        if e.id in actor_ids and e.label in ("LOC", "GPE"):
            for form in {e.name} | {m.text for m in e.mentions}:
                key = _name_key(form)
                countries[key] = e.id
                if key.endswith("ه"):
                    countries[key[:-1]] = e.id  # سوریه → سوری
    out = []
    for m in _OFFICIALS.finditer(text):
        ent = countries.get(_name_key(m.group(1)))
        if ent is not None:
            out.append(Argument(ent, m.start(), m.end(), "LOC"))
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """``(start, end)`` lies inside a span or crosses one (containing whole spans is fine: the longer
    form wins, ``حجت‌الاسلام سیدعلی دلبری`` over ``سیدعلی دلبری``)."""
    i = bisect.bisect_left(spans, (start, start))
    if i > 0 and spans[i - 1][1] > start:
        return True  # starts inside an earlier span
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] > end:
            return True  # ends inside a later span
        i += 1
    return False


def _name_key(s: str) -> str:
    return _KEY_DROP.sub("", s.translate(_ARABIC_LETTERS))


def _repeated_mentions(entities: list[Entity], text: str, known: list[Argument]) -> list[Argument]:
    keys: dict[str, set[str]] = {}
    actor_ids = {e.id for e in entities if e.label in ACTOR_LABELS}
    by_name = {_name_key(e.name): e.id for e in entities if e.id in actor_ids}
    for e in entities:
        target = e.id if e.id in actor_ids else by_name.get(_name_key(e.name))
        if target is None:
            continue
        forms = {m.text for m in e.mentions} | {e.name}
        words = e.name.split()
        if e.label in ("PER", "PRO") and len(words) >= 2:
            forms.add(words[-1])  # «هنیه» for «اسماعیل هنیه» (PRO: the model's label for quoted names)
        for form in forms:
            key = _name_key(form)
            if len(key) >= 3 and form.strip() not in _NOT_NAMES:
                keys.setdefault(form.strip(), set()).add(target)
    labels = {e.id: e.label for e in entities}
    demonyms = _demonym_mentions(entities, text, actor_ids)
    for form, ids in keys.items():
        people = {i for i in ids if labels.get(i) == "PER"}
        if len(ids) > 1 and len(people) == 1:
            keys[form] = people  # «هنیه» tagged ORG once is still «اسماعیل هنیه»
    forms = sorted((f for f, ids in keys.items() if len(ids) == 1), key=len, reverse=True)
    if not forms:
        return []
    covered = sorted((a.start, a.end) for a in known)
    out: list[Argument] = []
    for form in forms:  # exact search (the forms were written in this text), a space and a ZWNJ alike
        ent = next(iter(keys[form]))
        for variant in {form, form.replace(" ", "\u200c"), form.replace("\u200c", " ")}:
            start = text.find(variant)
            while start >= 0:
                end = start + len(variant)
                before = text[start - 1] if start else " "
                after = text[end] if end < len(text) else " "
                if not (before.isalnum() or before == "\u200c" or after.isalnum() or after == "\u200c") \
                        and not _overlaps(covered, start, end):
                    out.append(Argument(ent, start, end, labels.get(ent, "PER")))
                    bisect.insort(covered, (start, end))
                start = text.find(variant, end)
    return out + [d for d in demonyms if not _overlaps(covered, d.start, d.end)]


def _args_in(mentions: list[Argument], starts: list[int], lo: int, hi: int) -> list[Argument]:
    i = bisect.bisect_left(starts, lo)
    out = []
    while i < len(mentions) and mentions[i].end <= hi:
        out.append(mentions[i])
        i += 1
    return out


def _groups(text: str, args: list[Argument]) -> list[list[Argument]]:
    """Mentions joined by «و» into one group: «محمود عباس و اسماعیل هنیه»; a comma joins only inside a list
    that goes on (``ایران، روسیه و ترکیه``), not after a subject (``مسئولان عراقی، دمشق را``). A place or
    body inside a person's title is part of the title (``نوری مالکی نخست وزیر عراق و جرج بوش``)."""
    def between(end: int, start: int) -> str:
        return text[end:start].strip(" \u200c\"«»")

    groups: list[list[Argument]] = []
    last_end = 0
    absorbing = False
    for i, a in enumerate(args):
        if groups:
            g = between(last_end, a.start)
            if a.label in ("LOC", "ORG", "GPE") and groups[-1][-1].label in ("PER", "PRO") \
                    and (_is_title(g) or (absorbing and g == "")):
                last_end, absorbing = a.end, True
                continue
            following = between(a.end, args[i + 1].start) if i + 1 < len(args) else ""
            same = g == "" and groups[-1][-1].entity == a.entity  # a name and its title: one mention group
            if g == "و" or same or (g in ("،", ",") and following in ("و", "،", ",")) or _apposition_then_and(g):
                groups[-1].append(a)
                last_end, absorbing = a.end, False
                continue
        groups.append([a])
        last_end, absorbing = a.end, False
    return groups


def _is_title(gap: str) -> bool:
    words = gap.split()
    return 1 <= len(words) <= 5 and _ROLE_START.match(gap) is not None \
        and not any(w in ("و", "را", "که", "،", ",") or w in _PREPOSITIONS for w in words)


def _apposition_then_and(gap: str) -> bool:
    """``نوری مالکی نخست وزیر عراق و جرج بوش``: a short title between two coordinated names."""
    words = gap.split()
    return 2 <= len(words) <= 7 and words[-1] == "و" and _ROLE_START.match(gap) is not None \
        and not any(w in _PREPOSITIONS or w in ("را", "که") or w in ("،", ",") for w in words)


def _marker_before(text: str, pos: int, floor: int = 0) -> str | None:
    """The preposition governing a mention: the word just before it, or a few words before when the words in
    between are head nouns (``از رهبران سوریه``, ``به یک ایست بازرسی عراق``). A mention right after an
    attribution word (``به گزارش فارس``, ``به نقل از رویترز``) is marked ``attribution``."""
    words = _WORDS.findall(text, max(floor, pos - 50), pos)[-4:]
    for k, word in enumerate(reversed(words)):
        if word in _PREPOSITIONS:
            return word
        if word in _ATTRIBUTION_WORDS and (k == 0 or word != "خبرگزاری"):
            return "attribution"  # «به گزارش فارس»، «به گزارش خبرنگار اعزامی خبرگزاری فارس»
        if word not in _HEADS and word not in _ATTRIBUTION_FILLERS:
            break
    return None


def _followed_by_ra(text: str, pos: int) -> bool:
    return _RA.match(text, pos, pos + 6) is not None


def _clause_subject_region(text: str, s0: int, lo: int, hi: int, left: list[Argument]):
    """Narrow the left context to the last clause (after «،» or «که») that still holds an unmarked mention
    (a subject): «ترامپ مدعی شد که ایران از او خواسته» → «ایران از او خواسته»."""
    for m in reversed(list(regex.finditer(r"[،,]|(?<![\w\u200c])که(?![\w\u200c])", text[lo:hi]))):
        cut = lo + m.end()
        if m.group() != "که" and _ROLE_START.match(text, cut):
            continue  # «رستم زوهبی»، سفیر سوریه ...: an apposition, not a new clause
        inside = [a for a in left if a.start >= cut]
        if any(_marker_before(text, a.start, cut) is None and not _followed_by_ra(text, a.end) for a in inside):
            return cut - s0, inside
    return lo - s0, left


def _genitive(text: str, end: int, start: int) -> bool:
    """A mention right after the trigger, or after at most two modifiers (``حمله اخیر رژیم``); head nouns
    such as ``وزرای خارجه`` do not count (``نشست آتی وزرای خارجه روسیه و ایران``)."""
    between = text[end:start].split()
    if any(w in _PREPOSITIONS or w in ("و", "را", "که") for w in between):
        return False
    return len([w for w in between if w not in _HEADS]) <= 2


def _repeats(event: Event, earlier: list[Event]) -> bool:
    """«دیدار و گفت‌وگو کرد», «در تماس تلفنی ... رایزنی کرد»: one consultation reported with two
    triggers in one sentence is one event (the first trigger is kept)."""
    talks = {"meet", "phone", "negotiate"}
    for e in earlier:
        same_kind = e.type == event.type or (e.type in talks and event.type in talks)
        if e.start == event.start and same_kind and set(event.actors) <= set(e.actors) \
                and set(event.targets) <= set(e.targets):
            return True
    return False


def _light_verb(after: str) -> LightVerb | None:
    m = _LIGHT_VERB.match(after)
    if m is None:
        return None
    return LightVerb(neg=bool(m.group("neg")), fut=bool(m.group("fut")))


def _is_future(before: str, after: str, lv: LightVerb | None, time: TimeExpression | None, meta: dict) -> bool:
    """A planned meeting: a future verb (``دیدار خواهد کرد``, ``قرار است``), a purpose (``جهت دیدار``), an
    adjective (``نشست آتی``) or a present tense with a coming date (``اواخر ماه آینده دیدار می‌کنند``)."""
    if lv is not None and lv.fut:
        return True
    if _FUTURE_LEFT.search(before) or _PURPOSE.search(before[-12:]):
        return True
    if lv is not None and _WILL_AFTER.match(after):
        return True
    if _COMING.match(after):
        return True
    present = lv is not None and _PRESENT.match(after)
    return bool(present and time is not None and _after_publication(time, meta.get("published")))


def _enough(trig: Trigger, type_: str, actors: list[str], targets: list[str], lv: LightVerb | None, plural: bool,
            clause_before: str, after: str) -> bool:
    """Whether the arguments found make an event of this trigger (the lexicon flags)."""
    if "partner" in trig.flags and len(set(actors + targets)) < 2:
        # a partner without a name («ملاقات با مجروحان») still makes a meeting of the named side
        unnamed_partner = (_UNNAMED_PARTNER.match(after) is not None or (
            lv is not None and _UNNAMED_PARTNER.search(clause_before) is not None)) and len(actors) == 1 \
            and not targets
        if not (type_ == "intend_meet" and actors) and not unnamed_partner:
            return False
    if "target" in trig.flags and not targets and not (lv and actors and "enter" not in trig.flags):
        return False
    if "actor" in trig.flags and not actors:
        return False
    if trig.type == "attack" and lv is None and not targets and (plural or not actors):
        return False  # «حمله‌های خونین عراق»: a nominal attack needs the attacked party
    return bool(actors or targets)


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _after_publication(time: TimeExpression, published) -> bool:
    from khabar.knowledge.dates import parse_published

    pub = parse_published(published)
    if pub is None or not time.date:
        return False
    return time.date.split("/")[-1] > pub.isoformat() and time.date.split("/")[0] >= pub.isoformat()


def _nearest_time(times: list[TimeExpression], s0: int, s1: int, pos: int) -> TimeExpression | None:
    """The time expression of the sentence closest to the trigger (left side preferred on ties)."""
    best = None
    for t in times:
        if t.start is None or t.start < s0 or t.end > s1:
            continue
        distance = pos - t.end if t.end <= pos else t.start - pos + 1
        if best is None or distance < best[0]:
            best = (distance, t)
    return best[1] if best else None
