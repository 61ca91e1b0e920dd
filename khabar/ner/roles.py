"""The roles/titles lexicon and the phrases built on it (``دبیر شورای عالی امنیت ملی``).

The lexicon (``khabar/resources/roles/roles.tsv``, built by ``khabar train roles``) has two kinds of words:
``title`` (honorifics that belong to how a person is named: ``دکتر``، ``سردار``، ``آیت‌الله``) and ``office``
(heads of role phrases: ``وزیر``، ``رئیس``، ``سخنگوی``). A *role phrase* is an office word followed by the
words that complete it (``فرستاده ویژه رییس جمهور روسیه``): :meth:`RoleLexicon.phrase_at` reads it up to
a preposition, a time word, a verb-like word, punctuation or a known name.

>>> lex = RoleLexicon.load()
>>> text = "علی شمخانی دبیر شورای عالی امنیت ملی روز سه شنبه گفت"
>>> span = lex.phrase_at(text, 11)
>>> text[span[0]:span[1]]
'دبیر شورای عالی امنیت ملی'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.resources import read_text

# A word: letters and digits, with ZWNJ (or a soft hyphen) only between letters.
WORD = re.compile(r"[^\W_][\w\u064b-\u065f\u0670]*(?:[\u200c\u00ad\u200e\u200f]+[^\W_][\w\u064b-\u065f\u0670]*)*")

# Words that end a role phrase: prepositions, time words, conjunctions that start a new clause, and the
# first words of speech frames (``در این دیدار``, ``با اشاره به``).
STOP_WORDS = frozenset("""
در با از به برای بر تا درباره دربارهٔ علیه نزد ضمن طی پس پیش بعد قبل هنگام روز روزهای امروز دیروز
امشب دیشب فردا صبح عصر شب ظهر بامداد هفته ماه سال اخیرا اخیراً که و یا اما ولی نیز هم همچنین را
این آن وی او ایشان گفت افزود است بود شد کرد داشت نیست هستند می‌گوید گفته طبق بنابر
بار دیگر همچنین سپس اکنون هنوز تنها فقط پیشتر قبلا قبلاً نخست ابتدا سرانجام بالاخره ضمنا ضمناً
اینکه آنکه چنانکه احتمال دیدار ملاقات گفت‌وگو گفتگو مذاکره سفر
""".split())

# Words that may continue a role phrase although they look like stop words (``رئیس جمهور``).
PRONOUNS = frozenset({"وی", "او", "ایشان"})
DETERMINERS = frozenset({"یک", "این", "آن", "برخی", "چند", "همین", "دیگر", "یکی", "بعضی"})
# Heads of unnamed sources (``یک منبع امنیتی``، ``مقامات کویتی``): role-like, never names.
SOURCE_HEADS = frozenset({"منبع", "منابع", "مقام", "مقامات", "مسئول", "مسئولان", "مسئولین", "کارشناس",
                          "کارشناسان", "سخنگو", "سخنگوی", "تحلیلگر", "تحلیلگران", "ناظران", "شاهدان",
                          "مقامی", "منبعی", "دیپلمات", "دیپلمات‌ها", "مسئولی"})


@dataclass(frozen=True, slots=True)
class RoleLexicon:
    titles: frozenset[str]
    offices: frozenset[str]
    common: frozenset[str] = frozenset()  # words that are (almost) never part of a name

    @classmethod
    def load(cls) -> "RoleLexicon":
        titles: set[str] = set()
        offices: set[str] = set()
        for line in read_text("roles", "roles.tsv").splitlines():
            if not line or line.startswith("#"):
                continue
            word, kind = line.split("\t")[:2]
            (titles if kind == "title" else offices).add(word.replace(" ", "\u200c"))
        offices |= SOURCE_HEADS
        common = frozenset(w for w in read_text("roles", "common_words.txt").splitlines()
                           if w and not w.startswith("#"))
        return cls(frozenset(titles), frozenset(offices), common)

    # --- single words ------------------------------------------------------------------------
    def is_title(self, word: str) -> bool:
        return word in self.titles

    def is_office(self, word: str) -> bool:
        if "ئ" in word and word.replace("ئ", "ی") in self.offices:  # «نائب» = «نایب»
            return True
        if "سوول" in word or "سؤول" in word:  # «مسوول»، «مسؤول» = «مسئول»
            return self.is_office(word.replace("سوول", "سئول").replace("سؤول", "سئول"))
        return word in self.offices or (word.endswith("ان") and word[:-2] in self.offices) or (
            word.endswith("‌ها") and word[:-3] in self.offices)

    def is_role_word(self, word: str) -> bool:
        return self.is_title(word) or self.is_office(word)

    # --- phrases --------------------------------------------------------------------------------
    def phrase_at(self, text: str, pos: int, *, max_words: int = 8, limit: int | None = None,
                  stop_at: frozenset[int] | set[int] = frozenset()) -> tuple[int, int] | None:
        """The role phrase starting with the office word at ``pos`` (or None), as ``(start, end)``.

        The phrase ends before ``limit`` and before any offset in ``stop_at`` (starts of known names)."""
        limit = len(text) if limit is None else limit
        m = WORD.match(text, pos, limit)
        if not m or not self.is_office(m.group()):
            return None
        end = m.end()
        count = 1
        for nxt in WORD.finditer(text, end, limit):
            if count >= max_words or text[end:nxt.start()].strip(" \u200c\u00ad"):
                break
            word = nxt.group()
            if (nxt.start() in stop_at or word in STOP_WORDS or word in PRONOUNS or word.isdigit()
                    or word.startswith("می\u200c") or word.startswith("نمی\u200c")):
                break
            end = nxt.end()
            count += 1
        return (pos, end)

    def strip_titles(self, words: list[str]) -> list[str]:
        """Name words without leading honorifics (``دریابان شمخانی`` → ``شمخانی``); ``سید`` is kept."""
        i = 0
        while i < len(words) - 1 and self.is_title(words[i]) and words[i] != "سید":
            i += 1
        return words[i:]
