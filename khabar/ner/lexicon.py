"""Name lexicons for the NER features: hand-written cue words and the gazetteer loaded from the package.

The hand-written tables below are the cue words that precede or head Persian names. The gazetteer file
``khabar/resources/ner/gazetteer.tsv`` (built by ``khabar train ner``) adds countries (``countries-fa``,
CLDR, MIT, plus common aliases), Iranian provinces, counties and cities (``iran-divisions``, MIT), and first
names and surnames seen in the NER training corpora. Every entry is matched on folded keys
(:func:`khabar.features.clusters.word_key`), longest match first, up to :data:`MAX_PHRASE` tokens.
"""
from __future__ import annotations

from khabar.features.clusters import word_key

MAX_PHRASE = 4

# Titles and honorifics written before a person's name: «آقای ظریف», «سردار سلامی».
TITLES = (
    "آقای", "آقا", "خانم", "دکتر", "مهندس", "استاد", "سردار", "سرلشکر", "سرتیپ", "سرهنگ", "سرگرد", "سروان",
    "سپهبد", "دریادار", "امیر", "ژنرال", "حجت‌الاسلام", "حجت‌الاسلام‌والمسلمین", "حجه‌الاسلام", "آیت‌الله",
    "آیت‌الله‌العظمی", "شیخ", "سید", "سیده", "حاج", "حاجی", "شهید", "امام", "حضرت", "پروفسور", "ملا",
    "مرحوم", "جناب", "سرکار", "بانو", "علامه", "میرزا", "پرنس", "ملکه", "شاه", "ملک", "سلطان",
)
# Roles that are usually followed by a person (or by the organization they head): «وزیر امور خارجه».
ROLES = (
    "رئیس", "رییس", "رئیس‌جمهور", "رئیس‌جمهوری", "نخست‌وزیر", "وزیر", "معاون", "سخنگوی", "سخنگو",
    "نماینده", "مدیرکل", "مدیرعامل", "مدیر", "استاندار", "فرماندار", "شهردار", "سفیر", "دبیرکل", "دبیر",
    "فرمانده", "جانشین", "سرمربی", "مربی", "بازیکن", "هافبک", "مهاجم", "دروازه‌بان", "مدافع", "کاپیتان",
    "کارشناس", "نویسنده", "کارگردان", "بازیگر", "خواننده", "شاعر", "دادستان", "قاضی", "وکیل", "عضو",
    "رهبر", "مشاور", "دستیار", "بنیانگذار", "موسس", "مؤسس", "خبرنگار", "سرپرست", "قائم‌مقام", "امام‌جمعه",
    "مفتی", "پادشاه", "ولیعهد", "پاپ", "صدراعظم", "فرماندهی", "هماهنگ‌کننده", "نایب‌رئیس", "همسر", "پسر",
    "دختر", "برادر", "خواهر", "پدر", "مادر", "آقایان", "ستاره", "قهرمان", "داور",
)
# Words that head an organization's name: «وزارت امور خارجه», «سازمان ملل», «خبرگزاری فارس».
ORG_HEADS = (
    "وزارت", "وزارتخانه", "سازمان", "شورای", "شورا", "خبرگزاری", "دانشگاه", "بانک", "شرکت", "مجلس", "حزب",
    "انجمن", "اداره", "اداره‌کل", "ستاد", "بنیاد", "موسسه", "مؤسسه", "کمیته", "کمیسیون", "دادگاه",
    "دادستانی", "قوه", "نیروی", "نیروهای", "باشگاه", "تیم", "روزنامه", "مرکز", "دفتر", "فدراسیون",
    "اتحادیه", "جبهه", "گروه", "سپاه", "ارتش", "پژوهشگاه", "پژوهشکده", "دانشکده", "هیئت", "هیات",
    "فرمانداری", "استانداری", "شهرداری", "جمعیت", "کانون", "صندوق", "بورس", "دبیرخانه", "مجمع", "نهاد",
    "جامعه", "اتاق", "کارخانه", "گمرک", "پلیس", "پارلمان", "کنگره", "سنا", "دولت", "کابینه", "جنبش",
    "ائتلاف", "فراکسیون", "شبکه", "رادیو", "تلویزیون", "صدا", "خانه", "آژانس", "پایگاه", "قرارگاه",
    "لشکر", "تیپ", "یگان", "کمیساریای", "دیوان", "سازمان‌های", "اتحادیه‌ی", "بیمه", "هلال", "کمیته‌ی",
    "آستان", "حوزه", "هفته‌نامه", "ماهنامه", "سایت", "پایگاه‌خبری", "موسسات", "وزارتخانه‌های", "نشریه",
)
# Words that head a place name: «استان فارس», «خلیج فارس», «خیابان ولیعصر».
LOC_HEADS = (
    "استان", "شهر", "شهرستان", "کشور", "کشورهای", "روستای", "روستا", "منطقه", "مناطق", "بخش", "دهستان",
    "خیابان", "میدان", "بزرگراه", "اتوبان", "جاده", "کوچه", "بلوار", "دریای", "دریاچه", "خلیج", "تنگه",
    "رود", "رودخانه", "کوه", "کوه‌های", "جزیره", "جزایر", "قاره", "ایالت", "شبه‌جزیره", "اقیانوس", "دره",
    "دشت", "جنگل", "کرانه", "نوار", "محله", "پایتخت", "حومه", "مرز", "شمال", "جنوب", "شرق", "غرب",
)
# Words that head a facility: «فرودگاه مهرآباد», «ورزشگاه آزادی».
FAC_HEADS = (
    "فرودگاه", "بیمارستان", "ورزشگاه", "استادیوم", "مسجد", "پل", "سد", "نیروگاه", "پالایشگاه", "بندر",
    "پارک", "موزه", "کاخ", "برج", "هتل", "زندان", "پایانه", "ایستگاه", "تالار", "سالن", "حرم", "آرامگاه",
    "کتابخانه", "مدرسه", "دبیرستان", "بازار", "مجتمع", "تأسیسات", "تاسیسات", "نمایشگاه", "سینما", "تئاتر",
    "کلیسای", "کلیسا", "قلعه", "امامزاده", "بقعه", "پردیس", "اسکله", "تونل", "راه‌آهن", "مترو", "رآکتور",
)
# Words that head an event: «جنگ جهانی دوم», «جام جهانی», «انقلاب اسلامی».
EVENT_HEADS = (
    "جنگ", "انقلاب", "جام", "المپیک", "بازی‌های", "مسابقات", "انتخابات", "کنفرانس", "نشست", "همایش",
    "جشنواره", "عملیات", "لیگ", "رقابت‌های", "اجلاس", "کنگره‌ی", "نمایشگاه", "دوره", "کودتای", "قیام",
    "نهضت", "حادثه", "زلزله", "فاجعه", "واقعه", "عید", "جشن", "روز", "دهه", "هفته", "مراسم", "راهپیمایی",
    "اعتراضات", "تورنمنت", "سوپرجام", "پیکار", "مجمع",
)
# Words that head a product, work or law: «قانون اساسی», «کتاب ...», «برجام».
PRO_HEADS = (
    "قانون", "لایحه", "طرح", "کتاب", "فیلم", "سریال", "مجموعه", "آلبوم", "قطعنامه", "قرارداد", "توافق",
    "توافقنامه", "معاهده", "پیمان", "منشور", "برنامه", "نرم‌افزار", "اپلیکیشن", "موشک", "خودروی", "خودرو",
    "گوشی", "هواپیمای", "ماهواره", "نشریه", "روزنامه", "مجله", "سند", "بیانیه", "آیین‌نامه", "کنوانسیون",
    "پروژه", "ناو", "رمان", "شعر", "مستند", "ترانه", "آهنگ", "نمایش", "دین", "مذهب", "آیین",
)
MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    "ژانویه", "فوریه", "مارس", "آوریل", "مه", "می", "ژوئن", "ژوئیه", "جولای", "اوت", "آگوست", "سپتامبر",
    "اکتبر", "نوامبر", "دسامبر", "محرم", "صفر", "ربیع‌الاول", "ربیع‌الثانی", "جمادی‌الاول", "جمادی‌الثانی",
    "رجب", "شعبان", "رمضان", "شوال", "ذی‌القعده", "ذی‌الحجه",
)
WEEKDAYS = ("شنبه", "یکشنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "پنج‌شنبه", "جمعه")
DATE_WORDS = ("سال", "ماه", "روز", "هفته", "قرن", "دهه", "امروز", "دیروز", "فردا", "امسال", "پارسال",
              "گذشته", "آینده", "جاری", "اخیر", "هجری", "شمسی", "قمری", "میلادی", "پیش", "قبل", "بعد")
TIME_WORDS = ("ساعت", "دقیقه", "ثانیه", "صبح", "ظهر", "بعدازظهر", "عصر", "شب", "بامداد", "نیمه‌شب",
              "امشب", "امروز", "غروب", "سحر", "ظهر")
CURRENCIES = ("تومان", "ریال", "دلار", "یورو", "درهم", "پوند", "روبل", "ین", "یوان", "لیر", "دینار",
              "فرانک", "روپیه", "وون", "سنت", "بیت‌کوین")
NUMBER_WORDS = ("هزار", "میلیون", "میلیارد", "بیلیون", "تریلیون", "صد", "یک", "دو", "سه", "چهار", "پنج",
                "شش", "هفت", "هشت", "نه", "ده", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد",
                "نود", "یکصد", "دویست", "سیصد", "پانصد", "نیم", "ربع", "دهم", "صدم", "چند", "حدود")
PERCENT_WORDS = ("درصد", "%", "٪", "درصدی")
NATIONALITY_SUFFIXES = ("ی", "یها", "یان", "ییها", "هایی")

CUE_TABLES: dict[str, tuple[str, ...]] = {
    "TITLE": TITLES, "ROLE": ROLES, "ORGH": ORG_HEADS, "LOCH": LOC_HEADS, "FACH": FAC_HEADS,
    "EVTH": EVENT_HEADS, "PROH": PRO_HEADS, "MONTH": MONTHS, "WDAY": WEEKDAYS, "DATEW": DATE_WORDS,
    "TIMEW": TIME_WORDS, "CUR": CURRENCIES, "NUMW": NUMBER_WORDS, "PCTW": PERCENT_WORDS,
}

# Aliases the news uses for countries whose CLDR name differs: «آمریکا» for ایالات متحده.
COUNTRY_ALIASES = (
    "آمریکا", "امریکا", "ایالات متحده آمریکا", "انگلیس", "انگلستان", "امارات", "کره جنوبی", "کره شمالی",
    "روسیه", "چین", "فلسطین", "اسرائیل", "رژیم صهیونیستی", "عربستان", "عربستان سعودی", "سوریه", "عراق",
    "افغانستان", "ترکیه", "هلند", "بلژیک", "چک", "جمهوری آذربایجان", "آذربایجان", "بحرین", "یمن", "لبنان",
    "غزه", "کرانه باختری", "قفقاز", "اروپا", "آسیا", "آفریقا", "خاورمیانه", "بالکان", "آمریکای لاتین",
    "بوسنی", "ونزوئلا", "کوبا", "قطر", "کویت", "عمان", "اردن", "مصر", "لیبی", "تونس", "الجزایر", "مراکش",
    "سودان", "سومالی", "ایران", "پاکستان", "هند", "ژاپن", "تاجیکستان", "ازبکستان", "ترکمنستان", "قزاقستان",
    "قرقیزستان", "ارمنستان", "گرجستان", "اوکراین", "بلاروس", "فرانسه", "آلمان", "ایتالیا", "اسپانیا",
    "پرتغال", "یونان", "سوئیس", "سوئد", "نروژ", "دانمارک", "فنلاند", "لهستان", "مجارستان", "اتریش",
    "کانادا", "مکزیک", "برزیل", "آرژانتین", "استرالیا", "نیوزیلند", "اندونزی", "مالزی", "تایلند", "ویتنام",
    "فیلیپین", "سنگاپور", "سریلانکا", "بنگلادش", "نپال", "میانمار", "کره", "ساحل عاج", "نیجریه",
)


class Gazetteer:
    """Phrases (folded, spaces removed) → categories; longest match first.

    >>> g = Gazetteer({"COUNTRY": ["کره جنوبی"]})
    >>> g.match(["سفر", "به", "کره", "جنوبی"])
    [(2, 4, 'COUNTRY')]
    """

    __slots__ = ("_phrases", "_single", "_prefixes", "max_len")

    def __init__(self, tables: dict[str, list[str] | tuple[str, ...]]) -> None:
        self._phrases: dict[str, tuple[str, ...]] = {}
        self._single: dict[str, tuple[str, ...]] = {}
        self.max_len = 1
        for category, phrases in tables.items():
            for phrase in phrases:
                parts = phrase.split()
                key = "".join(word_key(p) for p in parts)
                if not key:
                    continue
                target = self._single if len(parts) == 1 else self._phrases
                if category not in target.get(key, ()):
                    target[key] = target.get(key, ()) + (category,)
                self.max_len = max(self.max_len, min(len(parts), MAX_PHRASE))
        # every beginning of a phrase key: a match grows token by token while it is still one
        self._prefixes = {key[:i] for key in self._phrases for i in range(len(key) + 1)}

    @classmethod
    def from_tsv(cls, text: str) -> "Gazetteer":
        tables: dict[str, list[str]] = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                category, phrase = line.split("\t", 1)
                tables.setdefault(category, []).append(phrase)
        return cls(tables)

    def categories(self, key: str) -> tuple[str, ...]:
        """Categories of one folded word (single-word entries and one-token forms of phrases)."""
        return self._single.get(key, ()) + self._phrases.get(key, ())

    def match_keys(self, keys: list[str]) -> list[tuple[int, int, str]]:
        """Multi-token matches ``(start, end, category)`` over already folded keys (the longest at each
        start; a match resumes after its end)."""
        out: list[tuple[int, int, str]] = []
        if self.max_len < 2:
            return out
        n = len(keys)
        phrases, prefixes, max_len = self._phrases, self._prefixes, self.max_len
        i = 0
        while i < n:
            joined = keys[i]
            found = 0
            if joined in prefixes:
                for end in range(i + 2, min(i + max_len, n) + 1):
                    joined += keys[end - 1]
                    if joined not in prefixes:
                        break
                    if joined in phrases:
                        found = end - i
            if found:
                out.extend((i, i + found, c) for c in phrases["".join(keys[i:i + found])])
            i += found or 1
        return out

    def match(self, words: list[str]) -> list[tuple[int, int, str]]:
        return self.match_keys([word_key(w) for w in words])
