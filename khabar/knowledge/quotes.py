"""The ``quotes`` stage: who said what, with offsets.

Every speech frame (:mod:`khabar.knowledge.speech`) becomes a :class:`~khabar.document.Quote`: the content
span (``start``/``end``), the cue as written (``cue``, ``cue_span``), the speaker as written
(``speaker_text``, ``speaker_span``) and the speaker entity (``speaker``: an id of ``doc.entities``) found by
the same speaker-slot rule the entity stage used, so a pronoun or a role phrase (``وی``، ``دبیر شورای عالی
امنیت ملی``) is attributed to the person it was resolved to. ``direct`` is true for verbatim content
(``«...»`` or after ``X گفت:``) and false for reported content (``گفت که ...``، ``با بیان اینکه ...``،
``به گفته X، ...``).

>>> from khabar.document import Document, Entity, Mention
>>> doc = Document.from_text("وی با بیان اینکه تحریم‌ها اثری ندارد، افزود: مذاکره ادامه دارد.")
>>> doc.entities = [Entity("e1", "PER", "عراقچی", [], [Mention(0, 2, "وی")])]
>>> [(q.speaker, q.cue, q.content, q.direct) for q in QuoteStage()(doc).quotes]
[('e1', 'با بیان اینکه', 'تحریم\u200cها اثری ندارد', False), ('e1', 'افزود', 'مذاکره ادامه دارد.', True)]
"""
from __future__ import annotations

import re

from khabar.document import Document, Quote
from khabar.knowledge.speech import CueLexicon, frames_of, paragraph_bounds
from khabar.ner.coref import SpeakerFinder
from khabar.ner.roles import RoleLexicon


class QuoteStage:
    name = "quotes"
    requires = ("entities",)
    assigns = ("quotes",)

    def __init__(self, *, continue_paragraphs: bool = True, shared=None) -> None:
        # the entities stage's lexicon when the pipeline shares it: its frames are then read, not found again
        self.cues = shared.get("speech.cues", CueLexicon.load) if shared is not None else CueLexicon.load()
        self.finder = SpeakerFinder(RoleLexicon.load())
        self.continue_paragraphs = continue_paragraphs

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        owners: list[tuple[int, int, str, str]] = sorted(
            (m.start, m.end, ent.label, ent.id) for ent in doc.entities for m in ent.mentions)
        mentions = [(s, e, label) for s, e, label, _ in owners]
        quotes: list[Quote] = []
        by_subject: dict[tuple[int, int], tuple[str | None, str | None, tuple[int, int] | None]] = {}
        index = self.finder.index(mentions)
        for frame in frames_of(doc, self.cues):
            if frame.subject in by_subject:
                speaker, speaker_text, speaker_span = by_subject[frame.subject]
            else:
                slot = self.finder.speaker_slot(text, frame, mentions, index)
                speaker, speaker_text, speaker_span = None, None, None
                if slot is not None:
                    speaker_span = (slot.start, slot.end)
                    speaker_text = text[slot.start:slot.end]
                    speaker = owners[slot.mention][3] if slot.mention is not None else self._owner(owners, slot.start)
                elif quotes and not text[frame.subject[0]:frame.subject[1]].strip(" \u200c،"):
                    # «... و افزود: ...» with no subject: the previous speaker goes on
                    prev = quotes[-1]
                    speaker, speaker_text, speaker_span = prev.speaker, prev.speaker_text, prev.speaker_span
                by_subject[frame.subject] = (speaker, speaker_text, speaker_span)
            s, e = frame.content
            cs, ce = frame.cue_span
            quotes.append(Quote(speaker, speaker_text, re.sub(r"\s+", " ", text[cs:ce]).strip(), text[s:e], s, e,
                                frame.direct, (cs, ce), speaker_span))
        if self.continue_paragraphs:
            self._continue(text, quotes)
        doc.quotes = quotes
        return doc

    @staticmethod
    def _owner(owners: list[tuple[int, int, str, str]], pos: int) -> str | None:
        for s, e, _, ent_id in owners:
            if s <= pos < e:
                return ent_id
        return None

    def _continue(self, text: str, quotes: list[Quote]) -> None:
        """A paragraph that opens with « and has no cue continues the direct quote before it."""
        starts = {q.start for q in quotes} | {q.cue_span[0] for q in quotes if q.cue_span}
        for q in quotes:
            if not q.direct:
                continue
            _, para_end = paragraph_bounds(text, q.end)
            while True:
                nxt = para_end + 1
                while nxt < len(text) and text[nxt] in "\n \u200c":
                    nxt += 1
                if nxt >= len(text) or text[nxt] != "«":
                    break
                n_start, n_end = paragraph_bounds(text, nxt)
                if any(n_start <= p < n_end for p in starts) or self.cues.finditer(text, n_start, n_end):
                    break
                end = n_end
                while end > n_start and text[end - 1] in " \u200c»":
                    end -= 1
                q.end, q.content = end, text[q.start:end]
                para_end = n_end
