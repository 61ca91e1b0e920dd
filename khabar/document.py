"""The document model: one :class:`Document` owns the text; every annotation points into it by offsets.

All ``start``/``end`` offsets index into ``Document.text`` (the normalized text). ``Document.raw`` keeps
the input as given and ``Document.offsets`` maps any normalized offset back to a raw offset, so a page can
highlight the original.

The JSON form is ``khabar.document/1`` (see ``docs/schema.md`` and ``khabar/schema/document.schema.json``).

>>> doc = Document.from_text("سلام دنیا")
>>> doc.text[0:4]
'سلام'
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterator

from khabar.offsets import OffsetMap
from khabar.core import Token  # the compiled core's token type (see khabar/core.py)

SCHEMA_ID = "khabar.document/1"


@dataclass(slots=True)
class Sentence:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Entity:
    """One real-world referent in this document, with all its mentions.

    ``label`` is one of PER, ORG, LOC, FAC, PRO, EVENT, DATE, TIME, MONEY, PERCENT.
    ``name`` is the canonical (fullest) form; ``roles`` are titles and offices held in this document."""

    id: str
    label: str
    name: str
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "name": self.name,
            "roles": list(self.roles),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(d["id"], d["label"], d["name"], list(d.get("roles", [])),
                   [Mention(**m) for m in d.get("mentions", [])])


@dataclass(slots=True)
class Quote:
    """An attributed statement. ``start``/``end`` delimit the content; ``speaker`` is an entity id or None."""

    speaker: str | None
    speaker_text: str | None
    cue: str
    content: str
    start: int
    end: int
    direct: bool
    cue_span: tuple[int, int] | None = None
    speaker_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "cue": self.cue,
            "content": self.content,
            "start": self.start,
            "end": self.end,
            "direct": self.direct,
        }
        if self.cue_span is not None:
            out["cue_span"] = list(self.cue_span)
        if self.speaker_span is not None:
            out["speaker_span"] = list(self.speaker_span)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Quote":
        cue_span, speaker_span = d.get("cue_span"), d.get("speaker_span")
        return cls(d.get("speaker"), d.get("speaker_text"), d["cue"], d["content"], d["start"], d["end"],
                   bool(d["direct"]), tuple(cue_span) if cue_span else None,
                   tuple(speaker_span) if speaker_span else None)


@dataclass(slots=True)
class TimeExpression:
    """A time expression as written (``text``) and, when it can be resolved, an ISO date (``date``)."""

    text: str
    date: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "date": self.date}
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TimeExpression":
        return cls(d["text"], d.get("date"), d.get("start"), d.get("end"))


@dataclass(slots=True)
class Event:
    """A CAMEO-style event: ``type`` (meet, condemn, support, ...), its CAMEO root ``cameo`` code,
    ``actors`` and ``targets`` as entity ids, an optional ``time``, and the span that reports it."""

    type: str
    cameo: str
    actors: list[str]
    targets: list[str]
    time: TimeExpression | None
    start: int
    end: int
    trigger: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "cameo": self.cameo,
            "actors": list(self.actors),
            "targets": list(self.targets),
            "time": self.time.to_dict() if self.time else None,
            "start": self.start,
            "end": self.end,
        }
        if self.trigger is not None:
            out["trigger"] = self.trigger
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        time = d.get("time")
        return cls(d["type"], d["cameo"], list(d.get("actors", [])), list(d.get("targets", [])),
                   TimeExpression.from_dict(time) if time else None, d["start"], d["end"], d.get("trigger"))


@dataclass(slots=True)
class Keyword:
    text: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "score": self.score}


@dataclass(slots=True)
class Topic:
    label: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "score": self.score}


@dataclass
class Document:
    """A Persian news document and everything khabar knows about it.

    Stages fill the lists in place; the pipeline passes the same object from stage to stage."""

    raw: str
    text: str
    offsets: OffsetMap
    meta: dict[str, Any] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    keywords: list[Keyword] = field(default_factory=list)
    summary: list[int] = field(default_factory=list)
    topic: Topic | None = None
    # Which stages have run, in order; lets a stage check what it needs.
    stages: list[str] = field(default_factory=list)
    # Values derived from the document that several stages read (e.g. the speech frames that the
    # entities and quotes stages both use), computed by the first stage that needs them. Not serialized;
    # an entry records what it was derived from (the text, a lexicon) so that a stale one is recomputed.
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_text(cls, raw: str, meta: dict[str, Any] | None = None) -> "Document":
        """A document whose normalized text is (for now) the raw text itself."""
        return cls(raw=raw, text=raw, offsets=OffsetMap.identity(len(raw)), meta=dict(meta or {}))

    # --- views -------------------------------------------------------------------------------
    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-input span that the normalized span ``text[start:end]`` came from."""
        return self.offsets.to_raw(start), self.offsets.to_raw_end(end)

    def sentence_tokens(self, index: int) -> list[Token]:
        """The tokens of sentence ``index`` (by offsets)."""
        sent = self.sentences[index]
        return [t for t in self.tokens if t.start >= sent.start and t.end <= sent.end]

    def iter_sentence_tokens(self) -> Iterator[tuple[Sentence, list[Token]]]:
        """Each sentence with its tokens, in one pass over both lists."""
        i, n = 0, len(self.tokens)
        for sent in self.sentences:
            while i < n and self.tokens[i].end <= sent.start:
                i += 1
            j = i
            while j < n and self.tokens[j].start < sent.end:
                j += 1
            yield sent, self.tokens[i:j]
            i = j

    def entity(self, entity_id: str) -> Entity | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    # --- serialization -----------------------------------------------------------------------
    def to_dict(self, *, include_raw: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA_ID,
            "meta": dict(self.meta),
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
            "tokens": [t.to_dict() for t in self.tokens],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "keywords": [k.to_dict() for k in self.keywords],
            "summary": list(self.summary),
            "topic": self.topic.to_dict() if self.topic else None,
        }
        if self.times:
            out["times"] = [t.to_dict() for t in self.times]
        if include_raw:
            out["raw"] = self.raw
            out["offset_map"] = self.offsets.to_list()
        return out

    def to_json(self, *, indent: int | None = None, include_raw: bool = False) -> str:
        return json.dumps(self.to_dict(include_raw=include_raw), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        if d.get("schema") != SCHEMA_ID:
            raise ValueError(f"not a {SCHEMA_ID} document: schema={d.get('schema')!r}")
        text = d["text"]
        raw = d.get("raw", text)
        offsets = OffsetMap.from_list(d["offset_map"]) if "offset_map" in d else OffsetMap.identity(len(text))
        topic = d.get("topic")
        return cls(
            raw=raw,
            text=text,
            offsets=offsets,
            meta=dict(d.get("meta", {})),
            sentences=[Sentence(s["start"], s["end"]) for s in d.get("sentences", [])],
            tokens=[Token.from_dict(t) for t in d.get("tokens", [])],
            entities=[Entity.from_dict(e) for e in d.get("entities", [])],
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
            events=[Event.from_dict(e) for e in d.get("events", [])],
            times=[TimeExpression.from_dict(t) for t in d.get("times", [])],
            keywords=[Keyword(k["text"], k["score"]) for k in d.get("keywords", [])],
            summary=list(d.get("summary", [])),
            topic=Topic(topic["label"], topic["score"]) if topic else None,
        )

    @classmethod
    def from_json(cls, s: str) -> "Document":
        return cls.from_dict(json.loads(s))
