"""Speech frames: where a statement is reported, by which cue, and where its speaker and content are.

A *frame* is one speech cue (``گفت``، ``اظهار داشت``، ``با بیان اینکه``، ``به گفته``) with the span where its
speaker is written (``subject``) and the span of what was said (``content``). Frames are found on the text
alone, by small named rules (one function each), so that the entity stage (which needs to know who is in
speaker position) and the quote stage (which attributes the content) read the text the same way:

==================  =====================================  =====================================
rule                example                                content
==================  =====================================  =====================================
colon               ``وی افزود: ...`` / ``افزود؛ ...``      to the end of the paragraph (direct)
quote mark          ``گفت «...»``                           inside the marks, over paragraphs
that                ``گفت که ...``                          to the end of the sentence (reported)
comma / bare        ``اعلام کرد، ...`` / ``گفت حمله ...``   to the end of the sentence (reported)
before              ``«...»، وی گفت.``                      the quotation before the speaker
intro               ``با بیان اینکه P، افزود: Q``           P (reported), besides Q
according           ``به گفته X، ...``                      the rest of the sentence (reported)
==================  =====================================  =====================================

>>> cues = CueLexicon.load()
>>> text = "شمخانی در این دیدار تاکید کرد: ایران از گفت‌وگو حمایت می‌کند."
>>> [(f.cue, text[f.subject[0]:f.subject[1]].strip(), text[f.content[0]:f.content[1]]) for f in find_frames(text, cues)]
[('تاکید کرد', 'شمخانی در این دیدار', 'ایران از گفت\u200cوگو حمایت می\u200cکند.')]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from khabar.resources import read_text

OPEN_QUOTES = "«\"“"
CLOSE_FOR = {"«": "»", '"': '"', "“": "”"}
SPACE = " \t\u200c\u200f\u200e\u00ad"

# Cues that may introduce reported content with no ``که``, comma or colon (``گفت حمله نظامی ...``).
BARE_CUES = frozenset({"گفت", "افزود", "نوشت", "مدعی شد", "تاکید کرد", "تأکید کرد", "تصریح کرد",
                       "احتمال داد", "تاکید داشت", "اعلام کرد", "هشدار داد", "ادعا کرد", "اظهار داشت",
                       "ابراز امیدواری کرد", "اظهار امیدواری کرد", "پیش‌بینی کرد", "پرسید"})

# ``با بیان اینکه P، افزود: Q``: P is a second, reported statement of the same speaker.
INTRO = re.compile(
    r"(?:با|ضمن)\s+(?:بیان|اشاره\s+به|تاکید\s+بر|تأکید\s+بر|ابراز|اعلام|یادآوری|توضیح)\s+"
    r"(?:(?:این|آن)[\s\u200c]?که|این\s+مطلب\s+که|این\s+موضوع\s+که|این\s+نکته\s+که)\s*")
# (patterns that begin with a literal and check the word boundary before it in code: much faster to scan)
ACCORDING = re.compile(r"به\s+گفته(?:\s+|\u200c)(?!می)")
DOCUMENT_CUE = re.compile(r"(?:آمده|(?:ادعا|تاکید|تأکید|اعلام)[\s\u200c]+شده)[\s\u200c]*(?:است|بود)?\s*[:؛]")
DOCUMENT_NOUN = re.compile(r"(?<![\w\u200c])(?:بیانیه|اطلاعیه|نامه|پیام|متن|قطعنامه|گزارش|پیش‌نویس|سند)")
REPORT = re.compile(r"به\s+(?:گزارش|نوشته)\s+")
# Discourse openers before a subject: «این در حالی است که X گفت».
OPENER = re.compile(r"(?:این|آن)\s+در\s+حالی(?:\s+است|\s+بود)?\s+که\s+|در\s+حالی\s+که\s+")
# Nouns that make «گفت» a verb of greeting, not of speech: «تبریک گفت»، «سخن گفت».
NOT_SPEECH_OBJECTS = frozenset({"تبریک", "تسلیت", "خوشامد", "سخن", "دروغ", "ناسزا", "لبیک", "بدرود", "خیرمقدم",
                                "شادباش", "سپاس", "ترک", "نه", "آری", "تهنیت", "خداحافظی"})
# Modals before a short infinitive: «می‌توان گفت» (one can say) is nobody's statement.
MODALS = frozenset({"توان", "می‌توان", "نمی‌توان", "بتوان", "باید", "نباید", "بایستی", "خواهد", "خواهم",
                    "خواهیم", "خواهند", "خواهی", "نخواهد", "می‌خواهم", "شاید"})
REPORT_INTRO = re.compile(r"(?:^|(?<=[\s،]))(?:به\s+گزارش|به\s+نقل\s+از|بنا\s*بر\s+گزارش|طبق\s+گزارش|"
                          r"بر\s*اساس\s+گزارش|به\s+نوشته)\s+[^،:\n]{1,80}،\s*"
                          # «به گزارش خبرنگار پارلمانی خبرگزاری فارس X گفت» (no comma after the agency)
                          r"|به\s+گزارش\s+(?:[^\s،:]+\s+){0,5}(?:فارس|ورزش[\s\u200c]*سه\"?)\s*،?\s*")
# Agencies that publish the article: ``به گزارش فارس،`` is sourcing, not a statement.
# A cue right after «اما»/«ولی» continues the statement before it with the same speaker (after «و» it belongs to
# the reported clause: «... را رد و تاکید کرده که ...»).
COORDINATION = re.compile(r"[\s،](?:اما|ولی)[\s\u200c]+(?:[^\s،.]+[\s\u200c]+){0,2}\Z")
OWN_AGENCY = re.compile(r"فارس|ورزش[\s\u200c]*سه|ورزش۳|خبرنگار|گروه\s")


@dataclass(slots=True)
class Frame:
    """One reported statement as found in the text (before speakers are resolved to entities)."""

    cue: str
    cue_span: tuple[int, int]
    subject: tuple[int, int]
    content: tuple[int, int]
    direct: bool
    rule: str


WORD = re.compile(r"[^\W_][\w\u064b-\u065f\u0670]*(?:[\u200c\u00ad\u200e\u200f]+[^\W_][\w\u064b-\u065f\u0670]*)*")
_JOINERS = " \u200c\u00ad\u200f"


_PHRASE_CHARS = str.maketrans({**{chr(c): None for c in (0x20, 0x200C, 0x200D, 0x00AD, 0x200F, 0x200E, 0x0640,
                                                          0x0670, *range(0x064B, 0x0660))},
                                "ي": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ۀ": "ه"})


_PHRASE_SPECIAL = re.compile("[" + "".join(re.escape(chr(c)) for c in _PHRASE_CHARS) + "]")


def phrase_key(s: str) -> str:
    """Words with spacing, ZWNJ and diacritics removed and Arabic variants unified, so that
    ``اظهار داشت`` = ``اظهارداشت`` and ``تأکید`` = ``تاکید``."""
    return s.translate(_PHRASE_CHARS) if _PHRASE_SPECIAL.search(s) else s


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    value: str

    def group(self) -> str:  # the Match-like view used by the frame rules
        return self.value


class PhraseIndex:
    """Finds phrases of up to ``max_words`` words by dictionary look-up of their keys (fast on long lists)."""

    def __init__(self, phrases: dict[str, str], max_words: int = 4) -> None:
        self.table = {phrase_key(p): v for p, v in sorted(phrases.items(), key=lambda kv: -len(kv[0]))}
        # keys of the first words (or of whole one-word phrases): most text words start nothing
        self.first = {phrase_key(p.replace("\u200c", " ").split()[0]) for p in phrases} | set(self.table)
        self.max_words = max_words

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Longest non-overlapping matches, left to right; words must be joined only by spaces/ZWNJ."""
        words = list(WORD.finditer(text, start, len(text) if end is None else end))
        keys = [phrase_key(w.group()) for w in words]
        table = self.table
        hits: list[Hit] = []
        i = 0
        n = len(words)
        first = self.first
        while i < n:
            if keys[i] not in first:
                i += 1
                continue
            best = None
            key = ""
            for j in range(i, min(n, i + self.max_words)):
                if j > i and words[j].start() - words[j - 1].end() > 0 and text[
                        words[j - 1].end():words[j].start()].strip(_JOINERS):
                    break
                key += keys[j]
                if key in table:
                    best = (j, table[key])
            if best is None:
                i += 1
                continue
            j, value = best
            hits.append(Hit(words[i].start(), words[j].end(), value))
            i = j + 1
        return hits


# «احتمال داده می‌شود»: a participle before a form of «شدن» is a passive, nobody's statement.
_PASSIVE = re.compile(r"[\s\u200c]+(?:می[\s\u200c]?|نمی[\s\u200c]?)?(?:شد|شده|شود|شوند|شدند)(?![\w\u200c])")
_AUXILIARIES = frozenset({"است", "بود", "بودند", "اند"})
_GO = re.compile(r"[\s\u200c\u00ad]*و[\s\u200c\u00ad]*گو")


class CueLexicon:
    """Speech-cue forms from ``khabar/resources/quotes/cues.tsv`` (form → citation cue).

    Finding is two-step for speed: ``str.find`` of the few strings a cue can end with (``گفت``، ``کرد``،
    ``گوید``، ``اند``) gives the places where a cue may end, and the phrase table reads the words there."""

    def __init__(self, forms: dict[str, str], colon_only: frozenset[str] = frozenset()) -> None:
        self.forms = forms
        self.colon_only = colon_only  # citation cues that are statements only before a colon
        self.index = PhraseIndex(forms, max_words=4)
        # the last ZWNJ/space-separated piece of every form: a cue always ends with one of them
        self.endings = sorted({re.split(r"[\s\u200c]+", form)[-1] for form in forms}
                              | {re.split(r"[\s\u200c]+", form)[-1].replace("أ", "ا") for form in forms})

    @classmethod
    def load(cls) -> "CueLexicon":
        forms: dict[str, str] = {}
        colon_only: set[str] = set()
        for line in read_text("quotes", "cues.tsv").splitlines():
            if line and not line.startswith("#"):
                cue, form, *rest = line.split("\t")
                forms.setdefault(form, cue)
                if len(rest) > 1 and rest[1] == "1":
                    colon_only.add(cue)
        return cls(forms, frozenset(colon_only))

    def citation(self, surface: str) -> str:
        """The citation form of a cue as written (``تاکید  می‌کند`` → ``تاکید کرد``); unknown text as is."""
        return self.index.table.get(phrase_key(surface), re.sub(r"[\s\u200c\u00ad]+", " ", surface).strip())

    def _ends(self, text: str, start: int, end: int) -> list[int]:
        """Offsets where a word ends with one of the cue endings."""
        out = set()
        n = len(text)
        for ending in self.endings:
            auxiliary = ending in _AUXILIARIES
            i = text.find(ending, start, end)
            while i >= 0:
                e = i + len(ending)
                if e >= n or not (text[e].isalnum() or text[e] in "\u200c\u00ad_"):
                    # «است»/«بود» end a cue only after a participle («گفته است»): most of them do not
                    if not auxiliary or text[max(start, i - 3):i].rstrip(" \u200c").endswith("ه"):
                        out.add(e)
                i = text.find(ending, i + 1, end)
        return sorted(out)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Cue occurrences (``value`` = citation form), without ``گفت و گو`` (conversation)."""
        end = len(text) if end is None else end
        table, max_words = self.index.table, self.index.max_words
        hits: list[Hit] = []
        for e in self._ends(text, start, end):
            lo = max(start, e - 48)
            words = list(WORD.finditer(text, lo, e))
            if not words or words[-1].end() != e:
                continue
            if lo > start and words[0].start() == lo and (text[lo - 1].isalnum() or text[lo - 1] == "\u200c"):
                words = words[1:]  # the window began inside a word
            i = len(words) - 1
            first = i  # words joined by spaces/ZWNJ only, counted back from the cue's last word
            while first > 0 and i - first < max_words - 1 and not text[
                    words[first - 1].end():words[first].start()].strip(_JOINERS):
                first -= 1
            keys = [phrase_key(w.group()) for w in words[first:]]
            for k in range(len(keys)):  # the longest phrase ending at this word
                value = table.get("".join(keys[k:]))
                if value is None:
                    continue
                hit = Hit(words[first + k].start(), e, value)
                if hits and hit.start < hits[-1].end:
                    if hit.end - hit.start <= hits[-1].end - hits[-1].start:
                        break
                    hits.pop()
                if not _GO.match(text, hit.end) and not (text[e - 1] == "ه" and _PASSIVE.match(text, e)):
                    hits.append(hit)
                break
        return hits


def _without_mi(key: str) -> str:
    """``میگوید`` → ``گوید``: the present prefix is written joined, apart or with ZWNJ."""
    if key.startswith("نمی"):
        return key[3:]
    if key.startswith("می") and len(key) > 4:
        return key[2:]
    return key


# --- text geometry -------------------------------------------------------------------------------
def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def sentence_start(text: str, pos: int, floor: int) -> int:
    """Start of the sentence holding ``pos`` (a ``.``/``!`` followed by space, or a line start)."""
    i = pos - 1
    while i >= floor:
        ch = text[i]
        if ch == "\n" or (ch in ".!" and i + 1 < len(text) and text[i + 1] in " \n\u200f"):
            return i + 1
        i -= 1
    return floor


class SentenceIndex:
    """Sentence starts of a text (as :func:`sentence_start` finds them), looked up by bisection."""

    _BREAK = re.compile(r"\n|[.!](?=[ \n\u200f])")

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in self._BREAK.finditer(text)]

    def start_of(self, pos: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, pos) - 1]


def sentence_end(text: str, pos: int) -> int:
    """End of the sentence from ``pos``: after ``.!?؟`` followed by space, or at the line end; marks
    inside «» do not end it."""
    depth = 0
    n = len(text)
    i = pos
    while i < n:
        ch = text[i]
        if ch == "\n":
            return i
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth = max(0, depth - 1)
        elif ch in ".!?؟" and depth == 0 and (i + 1 == n or text[i + 1] in " \n\u200f"):
            return i + 1
        i += 1
    return n


def skip_space(text: str, pos: int, chars: str = SPACE) -> int:
    while pos < len(text) and text[pos] in chars:
        pos += 1
    return pos


def closing_quote(text: str, open_pos: int, *, max_paragraphs: int = 6) -> int | None:
    """Offset of the mark that closes the quotation opened at ``open_pos`` (may span paragraphs)."""
    opener = text[open_pos]
    closer = CLOSE_FOR[opener]
    depth = 0
    breaks = 0
    for i in range(open_pos + 1, len(text)):
        ch = text[i]
        if ch == "\n":
            breaks += 1
            if breaks > max_paragraphs * 2:
                return None
        elif opener == "«" and ch == "«":
            depth += 1
        elif ch == closer:
            if depth == 0:
                return i
            depth -= 1
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in SPACE + "\n:؛،" + OPEN_QUOTES:
        start += 1
    while end > start and text[end - 1] in SPACE + "\n":
        end -= 1
    return start, end


def clause_start(text: str, cue_start: int) -> int:
    """Where the speaker of a cue may start: the sentence start, after ``به گزارش X،`` intros."""
    para_start, _ = paragraph_bounds(text, cue_start)
    start = sentence_start(text, cue_start, para_start)
    while True:
        pos = skip_space(text, start)
        m = REPORT_INTRO.match(text, pos) or OPENER.match(text, pos)
        if not m or m.end() > cue_start:
            return start
        start = m.end()


# --- the rules -------------------------------------------------------------------------------------
def _content_after(text: str, pos: int, para_end: int) -> tuple[int, int, bool]:
    """Direct content that starts at ``pos``: a quotation (to its closing mark) or the paragraph rest."""
    pos = skip_space(text, pos)
    if pos < len(text) and text[pos] in OPEN_QUOTES:
        close = closing_quote(text, pos)
        if close is not None:
            s, e = _trim(text, pos + 1, close)
            return s, e, True
    s, e = _trim(text, pos, para_end)
    return s, e, True


def frame_for_cue(text: str, m: Hit, cues: CueLexicon) -> Frame | None:
    """The frame of one cue occurrence, by the shape of the text right after it."""
    cs, ce = m.start, m.end
    cue = m.value
    before = text[max(0, cs - 24):cs].split()
    if before and (before[-1] in MODALS or (cue == "گفت" and before[-1] in NOT_SPEECH_OBJECTS)):
        return None  # «می‌توان گفت»، «باید پرسید»، «تبریک گفت»
    para_start, para_end = paragraph_bounds(text, cs)
    after = skip_space(text, ce)
    ch = text[after] if after < len(text) else "\n"
    subject = (clause_start(text, cs), cs)
    if cue in cues.colon_only and ch not in ":؛":
        return None
    if ch in ":؛":
        s, e, direct = _content_after(text, after + 1, para_end)
        return Frame(cue, (cs, ce), subject, (s, e), direct, "colon") if e > s else None
    if ch in OPEN_QUOTES:
        s, e, direct = _content_after(text, after, para_end)
        return Frame(cue, (cs, ce), subject, (s, e), True, "quote") if e > s else None
    if text.startswith("که", after) and not text[after + 2:after + 3].strip(SPACE):
        s, e = _trim(text, after + 2, sentence_end(text, after + 2))
        return Frame(cue, (cs, ce), subject, (s, e), False, "that") if e > s else None
    if ch in "،,":
        s, e = _trim(text, after + 1, sentence_end(text, after + 1))
        return Frame(cue, (cs, ce), subject, (s, e), False, "comma") if e > s else None
    if ch in ".\n" or after >= len(text):
        return _before(text, cs, ce, cue, para_start)
    if cue in BARE_CUES:
        s, e = _trim(text, after, sentence_end(text, after))
        if text[s:s + 2] == "و " or text[s:s + 2] == "و\u200c":
            return None  # «... را اعلام کرد و گفت که ...»: the next verb, not content
        if len(text[s:e].split()) >= 3:
            return Frame(cue, (cs, ce), subject, (s, e), False, "bare")
    return None


def _before(text: str, cs: int, ce: int, cue: str, para_start: int) -> Frame | None:
    """``«...»، وی گفت.``: a quotation that ends shortly before the speaker and the cue."""
    i = cs - 1
    while i >= para_start and text[i] not in "»\"”":
        if text[i] in ".!?؟«":
            return None
        i -= 1
    if i < para_start or len(text[i + 1:cs].split()) > 12:
        return None
    closer = text[i]
    opener = {"»": "«", '"': '"', "”": "“"}[closer]
    open_pos = text.rfind(opener, 0, i)
    if open_pos < 0 or i - open_pos > 3000:
        return None
    s, e = _trim(text, open_pos + 1, i)
    return Frame(cue, (cs, ce), (i + 1, cs), (s, e), True, "before") if e > s else None


def intro_frames(text: str, frame: Frame) -> tuple[Frame | None, Frame]:
    """Split ``X با بیان اینکه P، افزود: Q`` into the reported P and the main frame (speaker span cut)."""
    s0, s1 = frame.subject
    m = INTRO.search(text, s0, s1)
    if not m:
        return None, frame
    comma = text.rfind("،", m.end(), s1)
    p_end = comma if comma > m.end() else s1
    s, e = _trim(text, m.end(), p_end)
    main = Frame(frame.cue, frame.cue_span, (s0, m.start()), frame.content, frame.direct, frame.rule)
    if e <= s:
        return None, main
    cue = re.sub(r"\s+", " ", m.group().strip())
    for spaced in ("این که", "این\u200cکه", "آن که", "آن\u200cکه"):
        cue = cue.replace(spaced, spaced[:-3].rstrip() + "که")
    cue_end = m.start() + len(m.group().rstrip())
    return Frame(cue, (m.start(), cue_end), (s0, m.start()), (s, e), False, "intro"), main


def lone_intro_frames(text: str, found: list[Frame]) -> list[Frame]:
    """``X با بیان اینکه P، از Y خواست ...``: P is X's statement even when the main verb is no speech cue.

    P ends at the first comma after it (or the sentence end); the speaker is sought from the clause start."""
    taken = {f.cue_span[0] for f in found}
    out = []
    for m in _at_word_start(INTRO.finditer(text), text):
        if m.start() in taken:
            continue
        end = sentence_end(text, m.end())
        comma = text.find("،", m.end(), end)
        s, e = _trim(text, m.end(), comma if comma > 0 else end)
        if e <= s or len(text[s:e].split()) < 3:
            continue
        cue = re.sub(r"\s+", " ", m.group().strip())
        cue_end = m.start() + len(m.group().rstrip())
        out.append(Frame(cue, (m.start(), cue_end), (clause_start(text, m.start()), m.start()), (s, e), False,
                         "intro"))
    return out


def according_frames(text: str) -> list[Frame]:
    """``به گفته X، P``: P reported, X the speaker (X at most eight words before the comma)."""
    out = []
    for m in _at_word_start(ACCORDING.finditer(text), text):
        comma = text.find("،", m.end(), m.end() + 80)
        if comma < 0 or "\n" in text[m.end():comma] or len(text[m.end():comma].split()) > 8:
            continue
        s, e = _trim(text, comma + 1, sentence_end(text, comma + 1))
        if e > s:
            cue_end = m.start() + len(m.group().rstrip(" \u200c"))
            out.append(Frame("به گفته", (m.start(), cue_end), (m.end(), comma), (s, e), False, "according"))
    return out


def _at_word_start(matches, text: str):
    """The matches that start a word (not preceded by a letter or ZWNJ)."""
    for m in matches:
        i = m.start()
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "\u200c_"):
            yield m


def document_frames(text: str) -> list[Frame]:
    """``در این بیانیه آمده است: P``: P is the statement of whoever issued the document (``از سوی X``)."""
    out = []
    for m in _at_word_start(DOCUMENT_CUE.finditer(text), text):
        para_start, para_end = paragraph_bounds(text, m.start())
        subject = (clause_start(text, m.start()), m.start())
        if not DOCUMENT_NOUN.search(text, subject[0], subject[1]):
            continue
        s, e, _ = _content_after(text, m.end(), para_end)
        if e > s:
            cue_end = m.start() + len(m.group().rstrip(" :؛\u200c"))
            cue = re.sub(r"[\s\u200c]+", " ", text[m.start():cue_end])
            out.append(Frame(cue, (m.start(), cue_end), subject, (s, e), True, "document"))
    return out


def report_frames(text: str, cue_spans: list[tuple[int, int]]) -> list[Frame]:
    """``به گزارش X، P`` / ``به نوشته X، P`` where X is not the publishing agency and the sentence has no
    speech cue."""
    out = []
    for m in _at_word_start(REPORT.finditer(text), text):
        comma = text.find("،", m.end(), m.end() + 60)
        if comma < 0 or "\n" in text[m.end():comma] or len(text[m.end():comma].split()) > 6:
            continue
        if OWN_AGENCY.search(text, m.end(), comma) or re.search(r"\sاز\s", text[m.end():comma]):
            continue
        end = sentence_end(text, comma + 1)
        if any(m.end() <= c < end for c, _ in cue_spans):
            continue
        s, e = _trim(text, comma + 1, end)
        if e > s:
            cue = re.sub(r"\s+", " ", m.group().strip())
            out.append(Frame(cue, (m.start(), m.start() + len(m.group().rstrip())), (m.end(), comma), (s, e),
                             False, "report"))
    return out


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def frames_of(doc, cues: CueLexicon) -> list[Frame]:
    """:func:`find_frames` of ``doc.text``, found once per document and lexicon: the entities and quotes
    stages both read a document's frames, so the first keeps them in ``doc.cache`` (with the text and the
    lexicon they came from; another text or lexicon finds them again). Callers must not change the list
    or its frames."""
    text = doc.text
    cached = doc.cache.get("speech.frames")
    if cached is not None and cached[0] is cues and cached[1] == text:
        return cached[2]
    frames = find_frames(text, cues)
    doc.cache["speech.frames"] = (cues, text, frames)
    return frames


def find_frames(text: str, cues: CueLexicon) -> list[Frame]:
    """All statement frames of a text, in text order, without frames nested in another's quotation."""
    raw: list[Frame] = []
    matches = list(cues.finditer(text))
    for m in matches:
        frame = frame_for_cue(text, m, cues)
        if frame is None:
            continue
        intro, main = intro_frames(text, frame)
        if intro is not None:
            raw.append(intro)
        raw.append(main)
    raw.extend(lone_intro_frames(text, [f for f in raw if f.rule == "intro"]))
    # a cue inside the P of «با بیان اینکه P، افزود» belongs to P (someone else's words in it)
    intros = [f.content for f in raw if f.rule == "intro"]
    raw = [f for f in raw if f.rule == "intro" or not _inside(f.cue_span[0], intros)]
    raw = list({(f.rule, f.cue_span): f for f in raw}.values())  # an intro seen from two cues: the later
    raw.extend(according_frames(text))
    raw.extend(document_frames(text))
    raw.extend(report_frames(text, [(m.start, m.end) for m in matches]))
    raw.sort(key=lambda f: (f.content[0] if f.rule == "before" else f.cue_span[0]))
    kept: list[Frame] = []
    quoted: list[tuple[int, int]] = []  # contents delimited by quotation marks
    unquoted: list[Frame] = []  # contents with no marks (to the paragraph or sentence end)
    for f in raw:
        anchor = f.cue_span[0]
        if f.rule != "before" and _inside(anchor, quoted):
            continue
        host = next((k for k in unquoted if k.content[0] <= anchor < k.content[1]), None)
        if host is not None:
            conj = COORDINATION.search(text, host.content[0], anchor)
            if (conj and not host.direct and host.rule in ("bare", "comma", "that")
                    and f.rule not in ("intro", "according", "report")):
                # «... اما تاکید کرد که ...»: a second statement of the same speaker
                f.subject = host.subject
                host.content = _trim(text, host.content[0], conj.start())
            elif f.rule in ("colon", "quote") and _opens_sentence(text, f):
                host.content = _trim(text, host.content[0], f.subject[0])
            else:
                continue
        kept.append(f)
        opened = f.content[0] > 0 and text[f.content[0] - 1] in OPEN_QUOTES
        if opened or f.rule == "before":
            quoted.append(f.content)
        else:
            unquoted.append(f)
    # «... را اعلام کرد و گفت: ...»: a cue whose content was all cut away had none of its own
    return [f for f in kept if f.content[1] > f.content[0]]


def _opens_sentence(text: str, frame: Frame) -> bool:
    start = frame.subject[0]
    prev = text[:start].rstrip(SPACE)
    return not prev or prev[-1] in ".!?؟\n"
