"""The ``entities`` stage: one :class:`~khabar.document.Entity` per referent of the document.

The NER stage writes one entity per span (ids ``m1``, ``m2``, ...). This stage merges them and adds the
mentions NER does not tag, by small rules in this order:

1. **Speakers.** Every speech frame (:mod:`khabar.knowledge.speech`) has a speaker slot: a pronoun
   (``وی``/``او``/``ایشان``), a role phrase (``دبیر شورای عالی امنیت ملی``), a descriptor (``یک منبع امنیتی``,
   ``این منبع``), or a name. A name in that slot that NER missed becomes a PER mention.
2. **Appositions.** A role phrase right after a person (``علی شمخانی دبیر شورای عالی امنیت ملی``,
   ``«دونالد ترامپ»، رئیس‌جمهور آمریکا``) becomes one of the person's ``roles`` and a mention of them.
3. **Names.** Person mentions merge when one is the other's surname or first name, with titles stripped
   (``علی شمخانی`` = ``شمخانی`` = ``دریابان شمخانی``); organizations and places when their keys are equal, or
   name the same country (``آمریکا`` = ``ایالات متحده``; a capital only as an actor: ``مسکو ... حمایت می‌کند``).
4. **Roles and pronouns** in speaker slots go to the person who holds the role in this document, else to
   the most recent salient person (a speaker or a sentence-initial person) who has no role yet; pronouns
   to the most recent salient person or source.

Entities get ids ``e1, e2, ...`` in order of first mention; ``name`` is the fullest written form.

>>> from khabar.document import Document, Entity, Mention
>>> text = "علی شمخانی دبیر شورای عالی امنیت ملی گفت: ایران حمایت می‌کند.\\nوی افزود: شمخانی حاضر است."
>>> doc = Document.from_text(text)
>>> doc.entities = [Entity("m1", "PER", "علی شمخانی", [], [Mention(0, 10, "علی شمخانی")])]
>>> doc = EntityStage()(doc)
>>> [(e.id, e.name, e.roles, [m.text for m in e.mentions]) for e in doc.entities if e.label == "PER"]
[('e1', 'علی شمخانی', ['دبیر شورای عالی امنیت ملی'], ['علی شمخانی', 'دبیر شورای عالی امنیت ملی', 'وی', 'شمخانی'])]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from khabar.document import Document, Entity, Mention
from khabar.knowledge.speech import CueLexicon, Frame, PhraseIndex, SentenceIndex, frames_of
from khabar.ner.roles import DETERMINERS, PRONOUNS, SOURCE_HEADS, STOP_WORDS, WORD, RoleLexicon
from khabar.resources import read_text

PREPOSITIONS = frozenset({"با", "از", "به", "در", "برای", "درباره", "علیه", "نزد", "تا", "بر", "طی", "ضمن",
                          "مقابل", "برابر", "توسط", "سوی", "میان", "بین", "درخصوص", "درمورد", "دربارهٔ",
                          "پیرامون", "جهت", "درادامه", "درپایان", "درپاسخ", "براساس"})
LIGHT_VERBS = re.compile(r"(?:می[\u200c ]?|نمی[\u200c ]?)?(?:کرد|کن|داشت|دار|شد|شو|نمود|نما|داد|ده|ساخت|ساز)"
                         r"(?:ه|ند|ید|یم|م|ی)?$")
DEMONSTRATIVES = frozenset({"این", "آن", "همین", "همان"})
# Adjectives that may precede an office word in a role phrase («نخستین مربی ...»، «سابق» comes after).
ROLE_PREFIXES = frozenset({"نخستین", "اولین", "دومین", "سومین", "آخرین", "جدید", "تازه", "نخست"})
# Discourse adverbs that may open a clause before its subject.
CLAUSE_ADVERBS = frozenset({"همچنین", "سپس", "ضمنا", "ضمناً", "البته", "اما", "ولی", "و", "حال", "حالا",
                            "همچنان", "نیز", "بعدا", "بعداً", "سرانجام", "بالاخره", "اکنون", "هم‌اکنون"})
# Time words that open an adverbial before the subject («ساعاتی پیش فدراسیون ... اعلام کرد»).
TIME_WORDS = frozenset({"ساعاتی", "دقایقی", "لحظاتی", "روزی", "ساعتی", "دیروز", "امروز", "امشب", "دیشب",
                        "بامداد", "صبح", "ظهر", "عصر", "شب", "هفته", "ماه", "سال", "روز"})
# A finite verb followed by «و»: a new coordinated clause starts after it.
FINITE_AND = re.compile(r"(?<![\w\u200c])(?:شد|شدند|کرد|کردند|کند|کنند|داد|دادند|است|بود|بودند|گرفت|رسید|"
                        r"دانستند|دانست|داشت|داشتند|رفت|آمد)\s+و\s+|،\s*(?:اما|ولی)\s+")
# Heads of organization names: a guessed speaker that starts with one is an ORG.
ORG_HEADS = frozenset({"روزنامه", "خبرگزاری", "شبکه", "دفتر", "سازمان", "وزارت", "وزارتخانه", "کاخ", "حزب",
                       "نشریه", "هفته‌نامه", "پایگاه", "سایت", "باشگاه", "ستاد", "اداره", "مجلس", "دولت",
                       "کمیته", "فدراسیون", "شورای", "دانشگاه", "بانک", "شرکت", "سفارت", "ارتش", "پلیس",
                       "جنبش", "گروه", "اتحادیه", "کمیسیون", "دادگاه", "قوه", "سپاه", "مرکز", "انجمن",
                       "جبهه", "تیم", "رادیو", "تلویزیون", "بنیاد", "موسسه", "مؤسسه", "آژانس", "نهاد",
                       "هیئت", "هیات", "شورا", "دادستانی", "کنفدراسیون", "اتاق", "سازمان‌ملل", "کنگره",
                       "پارلمان", "دیوان", "ناتو", "اداره‌کل", "فرمانداری", "استانداری", "شهرداری"})
NAME_LABELS = ("PER",)
QUOTE_MARKS = "«»\"“”'"
_KEY_DROP = re.compile(r"[^\w]|_")
_CHARS = str.maketrans({"ي": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ۀ": "ه", "ئ": "ی"})


def name_key(s: str) -> str:
    return _KEY_DROP.sub("", s.translate(_CHARS))


def name_words(s: str) -> list[str]:
    return [name_key(w) for w in re.split(r"[\s\u200c]+", s) if name_key(w)]


@dataclass(slots=True)
class Cluster:
    label: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # name words of the fullest name (title-less)
    name_span: tuple[int, int] | None = None
    roles: list[tuple[int, int]] = field(default_factory=list)
    country: str | None = None
    descriptor: str | None = None  # head word of an unnamed source (``منبع``)
    key: str = ""  # name key of a non-person cluster (set when it is created)


@dataclass(slots=True)
class Slot:
    """The speaker slot of a frame: ``kind`` is pronoun, role, descriptor, name or mention."""

    start: int
    end: int
    kind: str
    mention: int | None = None  # index of the NER mention it starts with


class Countries:
    """Country names, aliases and capitals from ``khabar/resources/roles/countries.tsv``."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.code_of: dict[str, tuple[str, str]] = {}
        for code, kind, name in rows:
            self.code_of.setdefault(name_key(name), (code, kind))
        self.index = PhraseIndex({n: n for _, _, n in rows}, max_words=4)
        self.peoples = sorted({n for _, kind, n in rows if kind == "people"}, key=len, reverse=True)

    @classmethod
    def load(cls) -> "Countries":
        rows = []
        for line in read_text("roles", "countries.tsv").splitlines():
            if line and not line.startswith("#"):
                code, kind, name = line.split("\t")
                rows.append((code, kind, name))
        return cls(rows)

    def lookup(self, text: str) -> tuple[str, str] | None:
        return self.code_of.get(name_key(text))

    def find_peoples(self, text: str) -> list[tuple[int, int]]:
        """Spans of the peoples (``آمریکایی‌ها``) as whole words, by ``str.find`` (fast)."""
        out = []
        for name in self.peoples:
            i = text.find(name)
            while i >= 0:
                e = i + len(name)
                if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "\u200c")) and (
                        e >= len(text) or not (text[e].isalnum() or text[e] == "\u200c")):
                    out.append((i, e))
                i = text.find(name, e)
        return out


def _close(a: str, b: str) -> bool:
    """Equal, or one letter apart in a long word (``ایرن`` ~ ``ایران``)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3 or len(long_) - len(short) > 1:
        return False
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_))) or (
        len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1)


def _same_office(a: list[str], b: list[str]) -> bool:
    """Two role phrases with the same head word and another word in common."""
    if not a or not b or a[0] != b[0]:
        return False
    return any(_close(x, y) for x in a[1:] for y in b[1:] if len(x) > 2 and len(y) > 2)


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


class SpeakerFinder:
    """Finds the speaker slot of a speech frame; shared by the entity and quote stages."""

    def __init__(self, roles: RoleLexicon) -> None:
        self.roles = roles

    @staticmethod
    def index(mentions: list[tuple[int, int, str]]) -> tuple[dict[int, int], frozenset[int]]:
        """Mention index by start offset and the starts of persons (build once per document)."""
        return ({s: i for i, (s, _, _) in enumerate(mentions)},
                frozenset(s for s, _, label in mentions if label == "PER"))

    def speaker_slot(self, text: str, frame: Frame, mentions: list[tuple[int, int, str]],
                     index: tuple[dict[int, int], frozenset[int]] | None = None) -> Slot | None:
        """Where the speaker of ``frame`` is written (see the module docstring)."""
        s0, s1 = frame.subject
        nagl = re.search(r"به\s+نقل(?:\s+از)?\s+", text[s0:s1])
        if nagl:
            s0 += nagl.end()
        if frame.rule == "document":  # «در بیانیه منتشره از سوی X آمده است:»: the issuer X
            issuer = re.search(r"(?:از\s+سوی|از\s+طرف|توسط)\s+", text[s0:s1])
            if issuer:
                s0 += issuer.end()
            else:  # «در بیانیه ارتش آمریکا آمده است:»: the noun after the document
                doc_noun = re.search(r"(?:بیانیه|اطلاعیه|نامه|پیام|گزارش)(?:\s+(?:این|آن))?\s+", text[s0:s1])
                rest = text[s0 + doc_noun.end():s1] if doc_noun else ""
                if not doc_noun or not rest.strip() or rest.split()[0] in STOP_WORDS | PREPOSITIONS:
                    return None
                s0 += doc_noun.end()
        starts, person_starts = index if index is not None else self.index(mentions)
        s0 = self._clause_after_coordination(text, s0, s1)
        words = list(WORD.finditer(text, s0, s1))
        while words and words[0].group() in CLAUSE_ADVERBS:  # «همچنین "تیسیر خالد" ... گفت»
            s0 = words[0].end()
            words = words[1:]
        prev = None
        adverbial = False
        in_pp = False  # inside a phrase opened by a preposition, up to the next comma
        for k, w in enumerate(words):
            word = w.group()
            if k and "،" in text[words[k - 1].end():w.start()]:
                in_pp = False
            after_prep = prev in PREPOSITIONS
            if after_prep:
                in_pp = True
            prev = word
            start = w.start()
            if start in starts or (start - 1 in starts and text[start - 1] in QUOTE_MARKS):
                idx = starts.get(start, starts.get(start - 1))
                ms, me, label = mentions[idx]
                if after_prep or (in_pp and label in ("LOC", "FAC")) or label not in (
                        "PER", "ORG", "LOC", "FAC", "PRO", "EVENT"):
                    continue  # «به استان یزد، محمود احمدی‌نژاد ... گفت»: a place inside a phrase is no speaker
                if label in ("PRO", "EVENT"):
                    # a work title cannot speak: a quoted name NER read as a title («"درید کشموله"»)
                    kind = "org" if word in ORG_HEADS else "name"
                    return Slot(ms, me, kind)
                if label == "PER":
                    # NER may tag only part of a name (``محمد`` of ``محمد رویانیان``): read the rest
                    longer = self._guess_name(text, words, k, s1)
                    if longer is not None and longer.kind == "name" and longer.end > me:
                        return Slot(ms, longer.end, "name")
                return Slot(ms, me, "mention", idx)
            if after_prep:
                continue
            if word in PRONOUNS:
                return Slot(w.start(), w.end(), "pronoun")
            if word in DEMONSTRATIVES and k + 1 < len(words) and words[k + 1].group() in ORG_HEADS:
                return Slot(w.start(), words[k + 1].end(), "org-anaphor")  # «این روزنامه گزارش داده بود»
            if (word in DEMONSTRATIVES and k + 1 < len(words) and self.roles.is_office(words[k + 1].group())
                    and words[k + 1].group() not in SOURCE_HEADS):
                # «این نماينده مجلس گفت»: the person who holds that role here
                span = self.roles.phrase_at(text, words[k + 1].start(), limit=s1, stop_at=person_starts)
                return Slot(w.start(), span[1], "role")
            if word == "یکی" and k + 2 < len(words) and words[k + 1].group() == "از":
                # «یکی از اعضای مجلس ...»، «یکی از منابع نزدیک به ...»: an unnamed source
                end = words[min(len(words) - 1, k + 5)].end()
                for j in range(k + 2, min(len(words), k + 8)):
                    if words[j].group() in STOP_WORDS - {"و"} or words[j].group() in PREPOSITIONS - {"به"}:
                        end = words[j - 1].end()
                        break
                    end = words[j].end()
                return Slot(w.start(), end, "descriptor")
            if word in DETERMINERS and k + 1 < len(words) and self.roles.is_office(words[k + 1].group()):
                span = self.roles.phrase_at(text, words[k + 1].start(), limit=s1,
                                            stop_at=person_starts)
                return Slot(w.start(), span[1], "descriptor")
            if adverbial and ((self.roles.is_title(word) and not self.roles.is_office(word)) or word in ORG_HEADS):
                return self._guess_name(text, words, k, s1)  # «پیش از این شیخ کربلایی ... گفته بود»
            if self.roles.is_office(word) or (word in ROLE_PREFIXES and k + 1 < len(words)
                                               and self.roles.is_office(words[k + 1].group())):
                at = w.start() if self.roles.is_office(word) else words[k + 1].start()
                span = self.roles.phrase_at(text, at, limit=s1, stop_at=person_starts)
                span = self.cut_light_verb(text, (w.start(), span[1]))
                return Slot(span[0], span[1], "role")  # «نخستین مربی هادی ساعی»
            clause_opens = k == 0 or self._only_quotes_before(text, s0, w.start()) or (
                adverbial and "،" in text[words[k - 1].end():w.start()])
            if clause_opens:
                if word in PREPOSITIONS or word in STOP_WORDS or (
                        word in TIME_WORDS or (k + 1 < len(words) and words[k + 1].group() in ("پیش", "قبل"))):
                    adverbial = True  # «در واپسین ساعات روز ... یک منبع ... گفت»، «ساعاتی پیش ...»: look further
                    continue
                return self._guess_name(text, words, k, s1)
            if not adverbial:
                return None
        return None

    @staticmethod
    def _clause_after_coordination(text: str, s0: int, s1: int) -> int:
        """``X ... موفق شد ... و حال Y مدعی شد``: the subject of the cue is in the last coordinated clause."""
        last = None
        for m in FINITE_AND.finditer(text, s0, s1):
            last = m
        if last is None:
            return s0
        rest = [w for w in text[last.end():s1].split() if w not in CLAUSE_ADVERBS]
        return last.end() if rest else s0  # «... خبر داد و اظهار داشت»: the same subject goes on

    @staticmethod
    def _only_quotes_before(text: str, s0: int, pos: int) -> bool:
        return not text[s0:pos].strip(" \u200c\n" + QUOTE_MARKS)

    def _guess_name(self, text: str, words: list[re.Match], k: int, limit: int) -> Slot | None:
        """A name NER missed, at the start of a speaker slot: words up to a stop, a role, a mark or a common
        word (``حرف``، ``موفق``: never part of a name). An organization head (``روزنامه``، ``دفتر``) starts an
        organization's name, which may hold common words (``سازمان راهداری و حمل و نقل``)."""
        first = words[k].group()
        if first in ORG_HEADS:
            return self._guess_org(text, words, k)
        common = self.roles.common
        if first in common and not self.roles.is_role_word(first) and (
                k + 1 >= len(words) or words[k + 1].group() in common):
            # no name here; a short subject made only of content words is an unnamed role
            # («خطیب نماز جمعه زیراب گفت»)
            rest = words[k:]
            if 2 <= len(rest) <= 5 and not any(w.group() in STOP_WORDS or w.group() in PREPOSITIONS
                                               or w.group() in PRONOUNS or w.group().startswith(("می", "نمی"))
                                               for w in rest) and not re.search(
                    r"[،,:؛()«»\"]", text[rest[0].start():rest[-1].end()]):
                return Slot(rest[0].start(), rest[-1].end(), "role")
            return None
        end = None
        i = k
        title = 0
        while i < len(words) and i - k < 4 + title:
            w = words[i]
            word = w.group()
            if (word in STOP_WORDS or word in PRONOUNS or word in PREPOSITIONS or word.isdigit()
                    or (i > k and word in common and not self.roles.is_role_word(word))):
                break
            if self.roles.is_title(word) and end is None:
                title += 1
            elif self.roles.is_office(word) and end is not None:
                break
            elif self.roles.is_office(word):
                return None
            if end is not None and re.search(r"[،,:؛()«»\"]", text[end:w.start()]):
                break
            end = w.end()
            i += 1
        if end is None or i - k - title == 0:
            return None
        return Slot(words[k].start(), end, "name")

    @staticmethod
    def _guess_org(text: str, words: list[re.Match], k: int) -> Slot:
        """``دفتر آیت الله سیستانی``، ``سازمان راهداری و حمل و نقل جاده‌ای``: up to a preposition or a mark."""
        end = words[k].end()
        taken = [words[k]]
        for w in words[k + 1:k + 8]:
            word = w.group()
            if word in ("خود", "خویش"):  # «هیئت تجدید نظر تصمیم خود را»: the possessed noun is not the name
                if len(taken) > 2:
                    end = taken[-2].end()
                break
            if word in PREPOSITIONS or word in PRONOUNS or (word in STOP_WORDS and word != "و") or re.search(
                    r"[،,:؛()]", text[end:w.start()]):
                break
            end = w.end()
            taken.append(w)
        while text[words[k].start():end].endswith(" و"):
            end -= 2
        return Slot(words[k].start(), end, "org")

    @staticmethod
    def cut_light_verb(text: str, span: tuple[int, int]) -> tuple[int, int]:
        """``دبیر شورا دیدار`` + ``کرد`` → stop before a noun that a light verb follows."""
        words = list(WORD.finditer(text, span[0], span[1]))
        after = WORD.match(text, span[1] + 1) if span[1] + 1 < len(text) else None
        if len(words) >= 2 and after and LIGHT_VERBS.match(after.group()):
            return (span[0], words[-2].end())
        return span


class EntityStage:
    """Merge NER mentions into entities; add speaker, role, apposition and pronoun mentions."""

    name = "entities"
    requires = ("mentions",)
    assigns = ("entities", "coref")

    def __init__(self, *, pronouns: bool = True, countries: bool = True, shared=None) -> None:
        self.roles = RoleLexicon.load()
        self.finder = SpeakerFinder(self.roles)
        # one lexicon for this stage and the quotes stage, so that the quotes stage reuses the frames
        self.cues = shared.get("speech.cues", CueLexicon.load) if shared is not None else CueLexicon.load()
        self.countries = Countries.load() if countries else None
        self.resolve_pronouns = pronouns

    # --- mention collection ------------------------------------------------------------------
    def _ner_mentions(self, doc: Document) -> list[tuple[int, int, str]]:
        spans = []
        for ent in doc.entities:
            for m in ent.mentions:
                s, e = m.start, m.end
                while s < e and doc.text[s] in QUOTE_MARKS + " ":
                    s += 1
                while e > s and doc.text[e - 1] in QUOTE_MARKS + " ":
                    e -= 1
                if e <= s or (ent.label == "PER" and self._not_a_name(doc.text[s:e])):
                    continue
                first = doc.text[s:e].split()[0]
                if ent.label in ("ORG", "PRO", "LOC") and self.roles.is_office(first) and first not in ORG_HEADS:
                    continue  # «سرکنسول جمهوری اسلامی ایران» tagged ORG: a role phrase, read by the role rules
                spans.append((s, e, ent.label))
        if self.countries is not None:
            # the countries that act in the news, by the gazetteer: all of them without NER mentions (rules
            # alone), else only the peoples (``آمریکایی‌ها``), which NER does not tag as places
            taken = [(s, e) for s, e, _ in spans]
            found = (self.countries.find_peoples(doc.text) if spans
                     else [(h.start, h.end) for h in self.countries.index.find(doc.text)])
            for hs, he in found:
                if not any(s < he and hs < e for s, e in taken):
                    spans.append((hs, he, "LOC"))
        spans.sort()
        return spans

    def _not_a_name(self, surface: str) -> bool:
        """A PER span made only of titles, role words or common words (``شیخ``، ``دبیر``، ``ملی``): an NER slip."""
        words = surface.split()
        return all(self.roles.is_role_word(w) or w in self.roles.common for w in words)

    # --- clustering --------------------------------------------------------------------------------
    def _person_match(self, clusters: list[Cluster], words: list[str]) -> Cluster | None:
        if not words:
            return None
        joined = "".join(words)
        for c in reversed(clusters):
            if c.label != "PER" or not c.words:
                continue
            cw = c.words
            suffixes = ["".join(cw[i:]) for i in range(len(cw))]
            if joined in suffixes or "".join(cw) in ["".join(words[i:]) for i in range(len(words))]:
                return c
            if len(words) == 1 and len(cw) > 1 and words[0] == cw[0] and len(words[0]) >= 3:
                return c
            for suf in suffixes:
                short, long_ = sorted((joined, suf), key=len)
                if len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 1:
                    return c
        return None

    def _add_person(self, clusters: list[Cluster], text: str, span: tuple[int, int]) -> Cluster:
        words = self.roles.strip_titles(name_words(text[span[0]:span[1]]))
        cluster = self._person_match(clusters, words)
        if cluster is None:
            cluster = Cluster("PER", words=words, name_span=span)
            clusters.append(cluster)
        elif len(words) > len(cluster.words):
            cluster.words, cluster.name_span = words, span
        cluster.mentions.append(span)
        return cluster

    def _add_other(self, clusters: list[Cluster], text: str, span: tuple[int, int], label: str,
                   actor: bool) -> Cluster:
        surface = text[span[0]:span[1]]
        k = name_key(surface)
        country = None
        if self.countries is not None and label in ("LOC", "ORG"):
            hit = self.countries.lookup(surface)
            if hit and (hit[1] not in ("capital", "people") or actor):
                country = hit[0]
        for c in reversed(clusters):
            if c.label == "PER":
                continue
            if (country and c.country == country) or (c.label == label and c.key == k):
                c.mentions.append(span)
                return c
        cluster = Cluster("LOC" if country else label, [span], [], span, [], country, key=k)
        clusters.append(cluster)
        return cluster

    # --- the stage -------------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        text = doc.text
        mentions = self._ner_mentions(doc)
        frames = frames_of(doc, self.cues)
        slots: dict[int, Slot] = {}
        index = self.finder.index(mentions)
        for frame in frames:
            slot = self.finder.speaker_slot(text, frame, mentions, index)
            if slot is not None:
                slots.setdefault(slot.start, slot)
        # a name read past a partial NER mention replaces it
        names = [(sl.start, sl.end) for sl in slots.values() if sl.kind in ("name", "org")]
        mentions = [m for m in mentions if not any(
            a <= m[0] and m[1] <= b and ((a, b) != (m[0], m[1]) or m[2] in ("PRO", "EVENT")) for a, b in names)]
        contents = sorted(f.content for f in frames)
        # sentence-initial pronouns outside speech frames (and outside quotations) still refer to the
        # salient person
        for m in re.finditer(r"(?:^|(?<=[.!؟?\n]))[ \u200f]*(وی|او|ایشان)(?![\w\u200c])", text):
            if not _inside(m.start(1), contents):
                slots.setdefault(m.start(1), Slot(m.start(1), m.end(1), "pronoun"))
        clusters = self._cluster(text, mentions, slots, contents)
        doc.entities = self._entities(text, clusters)
        return doc

    def _cluster(self, text: str, mentions: list[tuple[int, int, str]], slots: dict[int, Slot],
                 contents: list[tuple[int, int]] = ()) -> list[Cluster]:
        clusters: list[Cluster] = []
        sentences = SentenceIndex(text)
        last_person: Cluster | None = None  # the last person named outside quotations
        person_sentences: set[int] = set()  # sentences whose first person was seen
        by_span: dict[tuple[int, int], Cluster] = {}
        events: list[tuple[int, int, object]] = [(s, 0, (s, e, label)) for s, e, label in mentions]
        events += [(slot.start, 1, slot) for slot in slots.values() if slot.kind != "mention"]
        events.sort(key=lambda x: (x[0], x[1]))
        salient: Cluster | None = None
        covered_until = -1
        for pos, _, item in events:
            if isinstance(item, Slot):
                if item.start < covered_until:
                    continue
                cluster = self._resolve_slot(text, item, clusters, salient or last_person)
                if cluster is not None:
                    cluster.mentions.append((item.start, item.end))
                    salient = cluster if cluster.label == "PER" or cluster.descriptor else salient
                    covered_until = item.end
                    # the speaker is the subject of its sentence: later persons there are not
                    person_sentences.add(sentences.start_of(item.start))
                continue
            s, e, label = item
            actor = self._is_actor(text, s, slots, sentences)
            if label == "PER":
                cluster = self._add_person(clusters, text, (s, e))
            else:
                cluster = self._add_other(clusters, text, (s, e), label, actor)
            by_span[(s, e)] = cluster
            if label == "PER" and (s in slots or not _inside(s, contents)):
                last_person = cluster
                sentence = sentences.start_of(s)
                if s in slots or sentence not in person_sentences:
                    salient = cluster  # a speaker, or the first person of a sentence (its likely subject)
                person_sentences.add(sentence)
            if label == "PER":
                role = self._apposition(text, e, mentions)
                if role is not None:
                    self._add_role(cluster, role, text)
                    covered_until = max(covered_until, role[1])
        return clusters

    def _resolve_slot(self, text: str, slot: Slot, clusters: list[Cluster],
                      salient: Cluster | None) -> Cluster | None:
        if slot.kind == "pronoun":
            return salient if self.resolve_pronouns else None
        if slot.kind == "org-anaphor":
            head = text[slot.start:slot.end].split()[-1]
            for c in reversed(clusters):
                if c.label != "PER" and c.name_span and text[c.name_span[0]:c.name_span[1]].startswith(head):
                    return c
                if c.label != "PER" and c.name_span and text[max(0, c.name_span[0] - 20):c.name_span[0]].split()[
                        -1:] == [head]:  # «روزنامه «نزاویسمایا گازتا»» with the name alone tagged
                    return c
            slot = Slot(slot.start, slot.end, "org")
        if slot.kind == "org":
            cluster = self._add_other(clusters, text, (slot.start, slot.end), "ORG", True)
            cluster.mentions.pop()  # re-added by the caller
            return cluster
        if slot.kind == "name":
            cluster = self._add_person(clusters, text, (slot.start, slot.end))
            cluster.mentions.pop()  # re-added by the caller
            role = self._apposition(text, slot.end, [])
            if role is not None:
                self._add_role(cluster, role, text)
            return cluster
        phrase = text[slot.start:slot.end]
        words = name_words(phrase)
        if slot.kind == "descriptor":
            det, head = words[0], words[1] if len(words) > 1 else ""
            if det in DEMONSTRATIVES:
                for c in reversed(clusters):  # «این منبع» after «یک مقام ...»: any unnamed source
                    if c.descriptor == head or (c.descriptor and head in SOURCE_HEADS):
                        return c
                # «این سخنگو» with no unnamed source before: a role of a named person (below)
            else:
                cluster = Cluster("PER", [], [], (slot.start, slot.end), [], None, head)
                clusters.append(cluster)
                return cluster
        # a role phrase: the person holding it here, else the salient person without a role
        anaphoric = bool(words) and words[0] in DEMONSTRATIVES  # «این مقام ...» refers back
        if anaphoric:
            words = words[1:]
        k = "".join(words)
        for c in reversed(clusters):
            for rs, re_ in c.roles:
                rk = name_key(text[rs:re_])
                if rk and (rk.startswith(k) or k.startswith(rk)):
                    return c
        # the same office held by exactly one person here, written differently: the same head word and
        # another word in common (``نماینده مردم اردبیل`` ~ ``نماینده اردبیل``; ``سرکنسول ایرن`` ~
        # ``سرکنسول ... ایران``), but not ``وزیر کشور`` ~ ``وزیر امور خارجه``
        holders = [c for c in clusters if c.label == "PER" and any(
            _same_office(words, name_words(text[rs:re_])) for rs, re_ in c.roles)]
        if len(holders) == 1:
            return holders[0]
        if salient is not None and salient.label == "PER" and (anaphoric or (not salient.roles
                                                                          and not salient.descriptor)):
            if not anaphoric:
                self._add_role(salient, (slot.start, slot.end), text)
            return salient
        cluster = Cluster("PER", [], [], (slot.start, slot.end), [(slot.start, slot.end)])
        clusters.append(cluster)
        return cluster

    def _apposition(self, text: str, end: int, mentions: list[tuple[int, int, str]]) -> tuple[int, int] | None:
        """A role phrase right after a name (``، `` and quote marks allowed between)."""
        pos = end
        while pos < len(text) and text[pos] in " \u200c،,«»\"":
            pos += 1
        if pos - end > 4:
            return None
        starts = frozenset(s for s, _, label in mentions if label == "PER")
        span = self.roles.phrase_at(text, pos, stop_at=starts)
        if span is None:
            return None
        span = self.finder.cut_light_verb(text, span)
        return span

    def _add_role(self, cluster: Cluster, span: tuple[int, int], text: str) -> None:
        k = name_key(text[span[0]:span[1]])
        if all(name_key(text[s:e]) != k for s, e in cluster.roles):
            cluster.roles.append(span)
        if span not in cluster.mentions:
            cluster.mentions.append(span)

    @staticmethod
    def _sentence_initial(text: str, pos: int, sentences: SentenceIndex) -> bool:
        start = sentences.start_of(pos)
        return not text[start:pos].strip(" \u200c\n\u200f" + QUOTE_MARKS)

    def _is_actor(self, text: str, pos: int, slots: dict[int, Slot], sentences: SentenceIndex) -> bool:
        """A place used as an actor: a speaker, or a sentence/clause subject not after a preposition."""
        if pos in slots:
            return True
        before = text[max(0, pos - 12):pos].split()
        if before and before[-1] in PREPOSITIONS:
            return False
        word = WORD.match(text, pos)
        after = text[word.end():word.end() + 3].strip() if word else ""
        if after[:1] in ("-", ":", "،", "(", "ـ"):  # a dateline («تهران - ایرنا:») or a list, not an actor
            return False
        return self._sentence_initial(text, pos, sentences) or (bool(before) and before[-1] in ("که", "،"))

    def _entities(self, text: str, clusters: list[Cluster]) -> list[Entity]:
        out = []
        for c in clusters:
            spans = sorted(set(c.mentions))
            if not spans:
                continue
            kept: list[tuple[int, int]] = []
            for s, e in spans:
                if kept and s < kept[-1][1]:
                    continue
                kept.append((s, e))
            name = self._name(text, c)
            roles = [text[s:e] for s, e in c.roles]
            out.append((kept[0][0], Entity("", c.label, name, roles,
                                           [Mention(s, e, text[s:e]) for s, e in kept])))
        out.sort(key=lambda x: x[0])
        for i, (_, ent) in enumerate(out, 1):
            ent.id = f"e{i}"
        return [ent for _, ent in out]

    def _name(self, text: str, c: Cluster) -> str:
        s, e = c.name_span if c.name_span else c.mentions[0]
        name = text[s:e].strip(QUOTE_MARKS + " ")
        if c.label == "PER" and c.words:
            words = name.split()
            while len(words) > 1 and self.roles.is_title(words[0]) and words[0] != "سید":
                words = words[1:]
            name = " ".join(words)
        return name
