"""Dates and times in Persian news: find them and resolve them to ISO dates.

:class:`TimeStage` finds

* Jalali, Gregorian and Hijri dates written with month names (``۲۰ فروردین ۱۴۰۲``, ``۹ آوریل ۲۰۲۳``,
  ``۱۸ رمضان ۱۴۴۴``, ``فروردین‌ماه ۱۴۰۲``) or numerically (``۱۴۰۲/۰۱/۲۰``, ``2023-04-09``, ``۹۸/۱۰/۱۲``);
* years (``سال ۱۴۰۲``, ``سال 87``);
* weekdays (``روز سه شنبه``, ``پنجشنبه گذشته``), day words (``دیروز``, ``امروز``, ``پریروز``, ``فردا``),
  parts of the day (``صبح امروز``, ``بامداد``, ``پیش از ظهر``) and periods relative to the report
  (``هفته گذشته``, ``ماه آینده``, ``سال گذشته``, ``امسال``, ``۳ روز پیش``, ``دو سال گذشته``);

and writes them to ``doc.times`` as :class:`~khabar.document.TimeExpression` with character offsets.

Resolution uses the publication date in ``doc.meta["published"]`` (ISO ``YYYY-MM-DD`` or Jalali
``YYYY/MM/DD``, Persian or Latin digits). ``date`` is ``YYYY-MM-DD`` for a day and an ISO 8601 interval
``YYYY-MM-DD/YYYY-MM-DD`` for a period (a month, a week, a year); ``None`` when it cannot be resolved.
News conventions: a bare weekday is the most recent such day on or before publication; a day and month
without a year take the year that puts the date closest to publication; weeks start on Saturday; months
and years relative to the report are Jalali.

>>> from khabar.document import Document
>>> doc = Document.from_text("دیروز در تهران", {"published": "1402/01/20"})
>>> TimeStage()(doc).times[0].date
'2023-04-08'
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import re

import regex

from khabar.document import Document, TimeExpression
from khabar.knowledge import calendars as cal

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
D = r"[0-9۰-۹٠-٩]"
S = r"[ \t\u200c\u00a0]+"  # a gap between words on one line (ZWNJ counts as a gap)
J = r"[ \t\u200c\u00a0]*"  # an optional gap (compounds written joined, with ZWNJ or with a space)

# (calendar, month number, spelling patterns). Ambiguous spellings (مهر seal, تیر arrow, دی, صفر zero,
# مه fog, می verb prefix) only count next to a day number or a year, which the patterns require.
_MONTHS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("jalali", 1, ("فروردین",)), ("jalali", 2, ("اردیبهشت",)), ("jalali", 3, ("خرداد",)),
    ("jalali", 4, ("تیر",)), ("jalali", 5, ("مرداد", "امرداد")), ("jalali", 6, ("شهریور",)),
    ("jalali", 7, ("مهر",)), ("jalali", 8, ("آبان",)), ("jalali", 9, ("آذر",)), ("jalali", 10, ("دی",)),
    ("jalali", 11, ("بهمن",)), ("jalali", 12, ("اسفند",)),
    ("gregorian", 1, ("ژانویه", "ژانویهٔ", "ژانویه‌ی")), ("gregorian", 2, ("فوریه", "فوریهٔ")),
    ("gregorian", 3, ("مارس",)), ("gregorian", 4, ("آوریل", "آپریل")), ("gregorian", 5, ("مه", "می")),
    ("gregorian", 6, ("ژوئن", "جون")), ("gregorian", 7, ("ژوئیه", "ژوییه", "جولای")),
    ("gregorian", 8, ("اوت", "آگوست", "اگوست")), ("gregorian", 9, ("سپتامبر",)),
    ("gregorian", 10, ("اکتبر",)), ("gregorian", 11, ("نوامبر",)), ("gregorian", 12, ("دسامبر",)),
    ("hijri", 1, ("محرم", "محرم‌الحرام")), ("hijri", 2, ("صفر",)),
    ("hijri", 3, ("ربیع" + J + "ال[اآ]ول",)), ("hijri", 4, ("ربیع" + J + "الثانی", "ربیع" + J + "الآخر")),
    ("hijri", 5, ("جمادی" + J + "ال[اآ]ول(?:ی)?",)),
    ("hijri", 6, ("جمادی" + J + "الثانی(?:ه)?", "جمادی" + J + "الآخر(?:ه)?")),
    ("hijri", 7, ("رجب",)), ("hijri", 8, ("شعبان",)), ("hijri", 9, ("رمضان",)), ("hijri", 10, ("شوال",)),
    ("hijri", 11, ("ذی" + J + "القعده", "ذیقعده")), ("hijri", 12, ("ذی" + J + "الحجه", "ذیحجه")),
)

# Persian weekday → Python weekday (Monday = 0).
_WEEKDAYS: tuple[tuple[str, int], ...] = (
    ("یک" + J + "شنبه", 6), ("دو" + J + "شنبه", 0), ("سه" + J + "شنبه", 1), ("چهار" + J + "شنبه", 2),
    ("پنج" + J + "شنبه", 3), ("شنبه", 5), ("جمعه", 4),
)

_DAY_WORDS = {"امروز": 0, "امشب": 0, "دیروز": -1, "دیشب": -1, "پریروز": -2, "فردا": 1, "پس فردا": 2,
              "فرداشب": 1, "شب گذشته": -1, "روز گذشته": -1, "روز جاری": 0}

_UNITS = r"(?:روز|شب|هفته|ماه|سال)"

_ORDINALS = ("یکم|اول", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم", "دهم", "یازدهم",
             "دوازدهم", "سیزدهم", "چهاردهم", "پانزدهم", "شانزدهم", "هفدهم", "هجدهم|هیجدهم", "نوزدهم",
             "بیستم")
_CARDINALS = {"یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9,
              "ده": 10, "یازده": 11, "دوازده": 12, "پانزده": 15, "بیست": 20, "سی": 30, "چهل": 40,
              "پنجاه": 50, "صد": 100, "چند": None}


_WORD = re.compile(r"\w+")
_RANGE_START = regex.compile(r"(?<![\d\w])([0-9۰-۹]{1,2})[ \t\u200c]*تا[ \t\u200c]*$")
_PART_OF_PERIOD = regex.compile(r"(?<![\w\u200c])(اوایل|اوائل|اواسط|اواخر)[ \t\u200c\u00a0]+$")


def _third(period: tuple[dt.date, dt.date], which: str) -> tuple[dt.date, dt.date]:
    first, last = period
    days = (last - first).days + 1
    k = {"اوایل": 0, "اوائل": 0, "اواسط": 1, "اواخر": 2}[which]
    lo = first + dt.timedelta(days=days * k // 3)
    hi = first + dt.timedelta(days=days * (k + 1) // 3 - 1)
    return lo, max(lo, hi)
_KINDS = ("numeric", "dmy", "my", "mo", "yonly", "rel", "count", "period", "yword", "partonly")


def _ordinal_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for n, forms in enumerate(_ORDINALS, start=1):
        for form in forms.split("|"):
            table[form] = n
    for n in range(1, 10):
        for form in _ORDINALS[n - 1].split("|"):
            if form == "اول":
                continue
            table[f"بیست و {form}"] = 20 + n
    table["سی‌ام"] = table["سی ام"] = table["سیام"] = 30
    table["سی و یکم"] = 31
    return table


def _alternation(options) -> str:
    return "(?:" + "|".join(sorted(options, key=len, reverse=True)) + ")"


def _day_word_key(text: str) -> str:
    words = regex.split(r"[ \t\u200c\u00a0]+", text)
    for key in _DAY_WORDS:
        if regex.split(r"[ \u200c]+", key) == words:
            return key
    raise ValueError(text)


def parse_published(value: Any) -> dt.date | None:
    """The publication date from ``meta["published"]``: ISO (``2023-04-09``, ``2023-04-09T10:00``) or Jalali
    (``1402/01/20``, ``۱۴۰۲/۰۱/۲۰``). Years below 1700 are Jalali. ``None`` when absent or unreadable."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = regex.match(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value.translate(_DIGITS))
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    try:
        return cal.jalali_to_gregorian(y, mo, d) if y < 1700 else dt.date(y, mo, d)
    except ValueError:
        return None


class TimeStage:
    """Finds time expressions and resolves them against the publication date (see module docs)."""

    name = "times"
    requires = ("tokens",)
    assigns = ("times",)

    def __init__(self) -> None:
        self._months: dict[str, tuple[str, int]] = {}
        month_patterns = []
        for k, (calendar, number, spellings) in enumerate(_MONTHS):
            group = f"m{k}"
            self._months[group] = (calendar, number)
            month_patterns.append(f"(?P<{group}>{_alternation(spellings)})")
        self._month_groups = tuple(self._months)
        self._ordinals = _ordinal_table()
        self._weekday_spellings = [(regex.compile(p), wd) for p, wd in _WEEKDAYS]
        months = "(?:" + "|".join(month_patterns) + ")"
        weekday = _alternation(p for p, _ in _WEEKDAYS)
        # ``جمعه`` after نماز/امام is Friday prayer, not a date.
        weekday = rf"(?<!(?:نماز|امام|ائمه|امامان|خطبه‌های|خطبه){S}){weekday}"
        ordinal = _alternation(regex.escape(o) for o in self._ordinals)
        day = rf"(?P<day>{D}{{1,2}}|{ordinal})"
        part = (r"(?P<part>صبح|بامداد|ظهر|عصر|شب|شامگاه|سحرگاه|ساعات\s+اولیه|نیمه" + J + "شب|"
                + "(?:پیش|قبل|بعد)" + S + "از" + S + "ظهر|بعدازظهر)")
        nogap_end = r"(?!\u200c?[^\W\u200c])"  # regex counts ZWNJ as a word character
        year_tail = (rf"(?:{S}(?:سال{S})?(?P<year>{D}{{4}}|{D}{{2}}(?!{S}?(?:{D}|درصد|نفر|هزار|میلیون|"
                     rf"میلیارد|سال|روز|ماه|ساعت|دقیقه|مورد|واحد|تن\b|کیلو|متر))))")
        cal_suffix = (rf"(?:{S}(?P<csfx>هجری{S}شمسی|هجری{S}قمری|شمسی|قمری|میلادی|ه\.?{J}ش|ه\.?{J}ق|"
                      rf"م\.))?")
        month_word = rf"{months}(?P<mah>{J}ماه)?"
        number_word = _alternation(regex.escape(w) for w in _CARDINALS)
        rel_dir = r"(?P<dir>گذشته|آینده|جاری|پیش|قبل|آتی|بعد|اخیر|پیشین|قبلی|بعدی)"
        weekday_rel = (rf"(?:{S}(?P<wdrel>(?:هفته{S})?(?:گذشته|آینده|پیش|قبل|آتی|جاری|بعد)|"
                       rf"(?:این|همین){S}هفته))?")
        starters = ["صبح", "بامداد", "ظهر", "عصر", "شب", "شامگاه", "سحرگاه", "ساعات", "نیمه", "پیش", "قبل",
                    "بعد", "بعدازظهر", "روز", "سال", "این", "همین", "هفته", "ماه", "امسال", "پارسال", "پس",
                    "ربیع", "جمادی", "ذی"]
        starters += [w + suffix for _, _, spellings in _MONTHS for w in spellings if w.isalpha()
                     for suffix in ("", "ماه")]
        starters += [w.split("‌")[0] for w in _DAY_WORDS] + list(_CARDINALS) + ["جمعه", "شنبه", "یکشنبه",
                                                                            "پنجشنبه", "دوشنبه", "چهارشنبه"]
        starters += [o.split()[0].split("‌")[0] for o in self._ordinals]
        self._starters = frozenset(starters)
        self._pattern = regex.compile(
            "|".join([
                # 1402/01/20, 2023-04-09, 98/10/12, 09/04/2023
                rf"(?P<numeric>(?<![\d/.\-]){D}{{2,4}}[/\-.]{D}{{1,2}}[/\-.]{D}{{1,4}}(?![\d/.\-]))",
                # [صبح] [روز] [سه‌شنبه] ۲۰ فروردین[‌ماه] [سال] [۱۴۰۲] [هجری شمسی]
                rf"(?P<dmy>(?:{part}{S}(?:روز{S})?)?(?:(?:روز{S})?(?P<wd>{weekday})[،,]?{S})?"
                rf"{day}{J}{month_word}(?:{year_tail}|{S}(?P<relyear>سال{S}(?:جاری|گذشته|آینده|قبل)|امسال|پارسال))?"
                rf"{cal_suffix}){nogap_end}",
                # فروردین‌ماه ۱۴۰۲, آوریل ۲۰۲۳
                rf"(?P<my>{month_word}{year_tail}{cal_suffix}){nogap_end}",
                # فروردین‌ماه (month with ماه, no year)
                rf"(?P<mo>{months}{J}ماه(?:{S}(?:امسال|گذشته|جاری|آینده|سال{S}جاری))?){nogap_end}",
                # سال ۱۴۰۲, سال 87
                rf"(?P<yonly>سال{S}(?P<yv>{D}{{4}}|{D}{{2}}){cal_suffix}){nogap_end}",
                # صبح امروز, عصر دیروز, بامداد روز سه‌شنبه
                rf"(?P<rel>(?:{part}{S}(?:روز{S})?)?(?:(?P<dw>{_alternation(w.replace(' ', S) for w in _DAY_WORDS)})"
                rf"(?:{S}(?:روز{S})?{weekday})?"
                rf"|(?:روز{S})?(?P<wd2>{weekday}){weekday_rel})(?:{S}(?P<part2>صبح|ظهر|عصر|شب))?){nogap_end}",
                # ۳ روز پیش, دو سال گذشته, چند هفته اخیر
                rf"(?P<count>(?P<n>{D}{{1,3}}|{number_word}){J}(?P<cu>{_UNITS})(?:{J}(?:های|ها))?{S}"
                rf"(?P<cdir>گذشته|پیش|قبل|اخیر|آینده|آتی|بعد)){nogap_end}",
                # هفته گذشته, ماه آینده, این هفته, سال جاری
                rf"(?P<period>(?:(?:این|همین){S}(?P<pu1>هفته|ماه|سال))|(?P<pu2>هفته|ماه|سال){S}{rel_dir})"
                rf"{nogap_end}",
                rf"(?P<yword>امسال|پارسال){nogap_end}",
                rf"(?P<partonly>بامداد|(?:پیش|قبل|بعد){S}از{S}ظهر|بعدازظهر|شامگاه|سحرگاه){nogap_end}",
            ])
        )

    # --- stage ---------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        doc.times = self.find(doc.text, parse_published(doc.meta.get("published")))
        return doc

    def find(self, text: str, published: dt.date | None = None) -> list[TimeExpression]:
        """Every time expression in ``text``, resolved against ``published`` when given."""
        out = []
        for m in self._matches(text):
            if m.start() > 0 and (text[m.start() - 1].isalnum() and text[m.start() - 1] not in "0123456789"):
                continue  # inside a word
            try:
                value = self._resolve(m, published)
            except (ValueError, OverflowError):
                if self._kind(m) == "numeric":
                    continue  # 12/40/55 is not a date
                value = None
            start = m.start()
            first_day = _RANGE_START.search(text, max(0, start - 12), start)
            if first_day is not None and self._kind(m) == "dmy" and isinstance(value, dt.date):
                # «۸ تا ۱۰ فوریه»: from the first day to the second, same month
                d1 = int(first_day.group(1).translate(_DIGITS))
                raw_day = m.group("day")
                d2 = int(raw_day.translate(_DIGITS)) if raw_day[0].translate(_DIGITS).isdigit() \
                    else self._ordinals[raw_day]
                if 0 < d1 < d2:
                    start, value = first_day.start(), (value - dt.timedelta(days=d2 - d1), value)
            part = _PART_OF_PERIOD.search(text, max(0, start - 12), start)
            if part is not None and isinstance(value, tuple):
                # «اواخر ماه جاری»: the first, middle or last third of the period
                start, value = part.start(), _third(value, part.group(1))
            out.append(TimeExpression(text[start:m.end()], cal.format_date(value), start, m.end()))
        return out

    def _matches(self, text: str):
        """Matches of the full pattern, tried only where a word that can begin a time expression starts
        (the pattern is slow to try at every position)."""
        last_end = 0
        starters = self._starters
        for w in _WORD.finditer(text):
            start = w.start()
            if start < last_end:
                continue
            word = w.group()
            if word not in starters and not word[0].isdigit():
                continue
            m = self._pattern.match(text, start)
            if m is not None:
                last_end = m.end()
                yield m

    # --- resolution ----------------------------------------------------------------------------
    @staticmethod
    def _kind(m) -> str:
        for kind in _KINDS:
            if m.group(kind) is not None:
                return kind
        raise ValueError(m.group())

    def _resolve(self, m, pub: dt.date | None):
        kind = self._kind(m)
        if kind == "numeric":
            return self._numeric(m.group("numeric"))
        if kind in ("dmy", "my", "mo"):
            return self._month_date(m, kind, pub)
        if kind == "yonly":
            year = self._year(m.group("yv"), "jalali", m.group("csfx"))
            calendar = self._calendar_from_suffix(m.group("csfx"), year)
            return cal.year_period(calendar, year)
        if pub is None:
            return None
        if kind == "rel":
            if m.group("dw"):
                return pub + dt.timedelta(days=_DAY_WORDS[_day_word_key(m.group("dw"))])
            return self._weekday(m.group("wd2"), m.group("wdrel"), pub)
        if kind == "count":
            return self._count(m.group("n"), m.group("cu"), m.group("cdir"), pub)
        if kind == "period":
            unit = m.group("pu1") or m.group("pu2")
            direction = m.group("dir") or "جاری"
            return self._period(unit, direction, pub)
        if kind == "yword":
            return self._period("سال", "جاری" if m.group() == "امسال" else "گذشته", pub)
        if kind == "partonly":
            return pub
        return None

    def _numeric(self, s: str) -> dt.date:
        parts = regex.split(r"[/\-.]", s.translate(_DIGITS))
        a, b, c = parts
        if len(a) == 4:
            y, mo, d = int(a), int(b), int(c)
        elif len(c) == 4:
            d, mo, y = int(a), int(b), int(c)
        elif len(a) <= 2 and len(c) <= 2 and "/" in s:  # ۹۸/۱۰/۱۲ (yy/mm/dd) or ۳۱/۶/۷۷ (dd/mm/yy)
            y, mo, d = int(a), int(b), int(c)
            if d > 31 or y <= 31 and d > 12:
                y, d = d, y
            y += 1300 if y >= 50 else 1400
        else:
            raise ValueError(s)
        if 1300 <= y < 1500:
            return cal.jalali_to_gregorian(y, mo, d)
        if 1900 <= y < 2100:
            return dt.date(y, mo, d)
        raise ValueError(s)

    def _month_date(self, m, kind: str, pub: dt.date | None):
        calendar, month = next(self._months[g] for g in self._month_groups if m.group(g))
        day = None
        if kind == "dmy":
            raw_day = m.group("day")
            day = int(raw_day.translate(_DIGITS)) if raw_day[0].translate(_DIGITS).isdigit() \
                else self._ordinals[raw_day]
        year_text = m.group("year") if kind != "mo" else None
        if year_text:
            year = self._year(year_text, calendar, m.group("csfx"))
        else:
            if kind == "my":
                return None
            year = self._closest_year(calendar, month, day or 1, pub)
            if year is None:
                return None
            relyear = m.group("relyear") if kind == "dmy" else None
            if relyear and ("گذشته" in relyear or "قبل" in relyear or relyear == "پارسال"):
                year -= 1  # «۱۲ مهر سال گذشته»
            elif relyear and "آینده" in relyear:
                year += 1
        if day is None:
            return cal.month_period(calendar, year, month)
        return cal.to_gregorian(calendar, year, month, day)

    @staticmethod
    def _calendar_from_suffix(suffix: str | None, year: int) -> str:
        if suffix and ("قمری" in suffix or suffix.endswith("ق")):
            return "hijri"
        if suffix and ("میلادی" in suffix or suffix.startswith("م")):
            return "gregorian"
        return "gregorian" if year >= 1700 else "jalali"

    @staticmethod
    def _year(text: str, calendar: str, suffix: str | None) -> int:
        year = int(text.translate(_DIGITS))
        if year < 100:  # ۸۷ → ۱۳۸۷, ۰۱ → ۱۴۰۱ (two-digit years are Jalali)
            year += 1300 if year >= 50 else 1400
        return year

    @staticmethod
    def _closest_year(calendar: str, month: int, day: int, pub: dt.date | None) -> int | None:
        if pub is None:
            return None
        if calendar == "jalali":
            base = cal.gregorian_to_jalali(pub)[0]
        elif calendar == "hijri":
            base = round((pub.toordinal() - 227015) / 354.367) + 1
        else:
            base = pub.year
        best = None
        for year in (base - 1, base, base + 1):
            try:
                distance = abs((cal.to_gregorian(calendar, year, month, day) - pub).days)
            except ValueError:
                continue
            if best is None or distance < best[0]:
                best = (distance, year)
        return best[1] if best else None

    def _weekday_number(self, text: str) -> int:
        for pattern, number in self._weekday_spellings:
            if pattern.fullmatch(text):
                return number
        raise ValueError(text)

    def _weekday(self, text: str, relation: str | None, pub: dt.date) -> dt.date:
        wd = self._weekday_number(text)
        relation = (relation or "").replace("\u200c", " ")
        week_start = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)  # Saturday
        offset_in_week = (wd - 5) % 7
        if "هفته" in relation and ("گذشته" in relation or "پیش" in relation or "قبل" in relation):
            return week_start - dt.timedelta(days=7 - offset_in_week)
        if "هفته" in relation and ("آینده" in relation or "آتی" in relation or "بعد" in relation):
            return week_start + dt.timedelta(days=7 + offset_in_week)
        if "این" in relation or "همین" in relation or "جاری" in relation:
            return week_start + dt.timedelta(days=offset_in_week)
        if relation in ("آینده", "آتی", "بعد"):
            return pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
        if relation in ("گذشته", "پیش", "قبل"):
            return pub - dt.timedelta(days=(pub.weekday() - wd) % 7 or 7)
        return pub - dt.timedelta(days=(pub.weekday() - wd) % 7)

    def _period(self, unit: str, direction: str, pub: dt.date):
        step = {"گذشته": -1, "پیش": -1, "قبل": -1, "اخیر": -1, "پیشین": -1, "قبلی": -1,
                "آینده": 1, "آتی": 1, "بعد": 1, "بعدی": 1}.get(direction, 0)
        if unit == "هفته":
            week_start = pub - dt.timedelta(days=(pub.weekday() - 5) % 7) + dt.timedelta(days=7 * step)
            return week_start, week_start + dt.timedelta(days=6)
        jy, jm, _ = cal.gregorian_to_jalali(pub)
        if unit == "ماه":
            y, mo = cal.shift_month(jy, jm, step)
            return cal.month_period("jalali", y, mo)
        return cal.year_period("jalali", jy + step)

    def _count(self, n_text: str, unit: str, direction: str, pub: dt.date):
        n = _CARDINALS.get(n_text) if n_text in _CARDINALS else int(n_text.translate(_DIGITS))
        if n is None:
            return None
        sign = 1 if direction in ("آینده", "آتی", "بعد") else -1
        if unit in ("روز", "شب", "هفته"):
            moved = pub + dt.timedelta(days=sign * n * (7 if unit == "هفته" else 1))
        else:
            jy, jm, jd = cal.gregorian_to_jalali(pub)
            months = n * (12 if unit == "سال" else 1)
            y, mo = cal.shift_month(jy, jm, sign * months)
            moved = cal.jalali_to_gregorian(y, mo, min(jd, cal.month_length("jalali", y, mo)))
        if direction in ("گذشته", "اخیر"):  # «در ۵ سال گذشته»: the whole stretch up to the report
            return (moved, pub) if sign < 0 else (pub, moved)
        if direction in ("آینده", "آتی") and unit not in ("روز", "شب"):
            return pub, moved
        return moved
