"""Hand-annotated Persian documents for the store tests (entities, quotes and events with real offsets),
so that the store's queries are tested independently of how far the analysis stages have come."""
from __future__ import annotations

import re
from typing import Any

from khabar.document import Document, Entity, Event, Mention, Quote, TimeExpression, Token
from khabar.ingest.analysis import TextOnly
from khabar.store.records import prepare

_TOKEN = re.compile(r"[\w\u200c]+|[^\w\s]")


def annotated(text: str, *, entities: list[tuple[str, str, str, list[str]]] = (),
              quotes: list[tuple[str | None, str, str]] = (),
              events: list[tuple[str, str, list[str], list[str], str, str | None]] = (),
              **meta: Any) -> Document:
    """A document of ``text`` with tokens (lemma = text), and:

    * ``entities``: ``(id, label, name, [surface, ...])`` — every occurrence of each surface is a mention;
    * ``quotes``: ``(speaker id or None, cue, content)`` — located by finding ``content`` in the text;
    * ``events``: ``(type, cameo, actor ids, target ids, trigger, ISO date)`` — span = sentence of trigger.
    """
    doc = Document.from_text(text, meta)
    doc.tokens = [Token(m.start(), m.end(), m.group(), m.group()) for m in _TOKEN.finditer(text)]
    for eid, label, name, surfaces in entities:
        mentions = [Mention(m.start(), m.end(), s) for s in surfaces for m in re.finditer(re.escape(s), text)]
        doc.entities.append(Entity(eid, label, name, [], sorted(mentions, key=lambda x: x.start)))
    for speaker, cue, content in quotes:
        start = text.index(content)
        speaker_text = doc.entity(speaker).mentions[0].text if speaker else None
        doc.quotes.append(Quote(speaker, speaker_text, cue, content, start, start + len(content), True))
    for type_, cameo, actors, targets, trigger, date in events:
        t = text.index(trigger)
        start = text.rfind(".", 0, t) + 1
        end = text.find(".", t)
        end = len(text) if end < 0 else end + 1
        doc.events.append(Event(type_, cameo, list(actors), list(targets),
                                TimeExpression("امروز", date) if date else None, start, end, trigger))
    return doc


def corpus() -> list[Document]:
    """Five small news documents: two meetings, statements by Shamkhani and Araghchi, a sports story."""
    return [
        annotated(
            "علی شمخانی دبیر شورای عالی امنیت ملی امروز با وزیر خارجه عمان دیدار کرد. "
            "شمخانی گفت: ایران از گفت‌وگو حمایت می‌کند.",
            entities=[("e1", "PER", "علی شمخانی", ["علی شمخانی", "شمخانی"]),
                      ("e2", "ORG", "شورای عالی امنیت ملی", ["شورای عالی امنیت ملی"]),
                      ("e3", "LOC", "ایران", ["ایران"]), ("e4", "LOC", "عمان", ["عمان"])],
            quotes=[("e1", "گفت", "ایران از گفت‌وگو حمایت می‌کند.")],
            events=[("meet", "04", ["e1"], [], "دیدار", "2023-05-10")],
            source="irna.ir", url="https://irna.ir/1", title="دیدار شمخانی", published="2023-05-10"),
        annotated(
            "عباس عراقچی وزیر امور خارجه در تهران با همتای عمانی دیدار کرد. "
            "عراقچی افزود: تحریم‌ها باید لغو شوند و ایران آماده مذاکره است.",
            entities=[("e1", "PER", "عباس عراقچی", ["عباس عراقچی", "عراقچی"]),
                      ("e2", "LOC", "تهران", ["تهران"]), ("e3", "LOC", "ايران", ["ایران"])],
            quotes=[("e1", "افزود", "تحریم‌ها باید لغو شوند و ایران آماده مذاکره است.")],
            events=[("meet", "04", ["e1"], [], "دیدار", "2023-06-02")],
            source="irna.ir", url="https://irna.ir/2", title="دیدار عراقچی", published="2023-06-02"),
        annotated(
            "شمخانی در نشستی دیگر درباره تحریم‌ها سخن گفت. "
            "وی تاکید کرد: تحریم‌ها اثر خود را از دست داده‌اند.",
            entities=[("e1", "PER", "علي شمخاني", ["شمخانی"])],
            quotes=[("e1", "تاکید کرد", "تحریم‌ها اثر خود را از دست داده‌اند.")],
            source="farsnews.ir", url="https://farsnews.ir/3", title="تحریم‌ها", published="2023-07-15"),
        annotated(
            "تیم فوتبال استقلال تهران در لیگ برتر پیروز شد و هواداران در تهران جشن گرفتند.",
            entities=[("e1", "ORG", "استقلال تهران", ["استقلال تهران"]), ("e2", "LOC", "تهران", ["تهران"])],
            source="varzesh3.com", url="https://varzesh3.com/4", title="پیروزی استقلال", published="2023-07-20"),
        annotated(
            "کارشناسان می‌گویند شورای امنیت سازمان ملل درباره ایران نشست برگزار می‌کند.",
            entities=[("e1", "ORG", "شورای امنیت", ["شورای امنیت"]), ("e2", "LOC", "ایران", ["ایران"])],
            source="farsnews.ir", url="https://farsnews.ir/5", title="شورای امنیت", published="2023-08-01"),
    ]


def records(docs: list[Document] | None = None):
    return [prepare(d) for d in (docs if docs is not None else corpus())]


ANALYZER = TextOnly()
