"""A readable terminal view of a :class:`~khabar.document.Document` (``khabar analyze --format text``)."""
from __future__ import annotations

from khabar.document import Document

MAX_QUOTE = 240  # characters of a quote's content shown on one line


def _entity_name(doc: Document, entity_id: str | None, fallback: str | None = None) -> str:
    if entity_id:
        ent = doc.entity(entity_id)
        if ent is not None:
            return ent.name
    return fallback or "?"


def render_text(doc: Document) -> str:
    """Entities with roles, then who said what, then events, then what the document is about."""
    lines: list[str] = []
    title = doc.meta.get("title")
    if title:
        lines.append(f"# {title}")
    lines.append(f"{len(doc.sentences)} sentences, {len(doc.tokens)} tokens")
    if doc.topic:
        lines.append(f"topic: {doc.topic.label} ({doc.topic.score:.2f})")
    if doc.keywords:
        lines.append("keywords: " + "، ".join(k.text for k in doc.keywords[:10]))
    if doc.entities:
        lines.append("")
        lines.append("== entities ==")
        # people and organizations first (the actors), then places and the rest, each in text order
        order = {"PER": 0, "ORG": 1, "LOC": 2}
        for ent in sorted(doc.entities, key=lambda e: order.get(e.label, 3)):
            roles = f" — {'، '.join(ent.roles)}" if ent.roles else ""
            others = sorted({m.text for m in ent.mentions} - {ent.name} - set(ent.roles))
            aka = f" (also: {'، '.join(others[:5])})" if others else ""
            lines.append(f"{ent.id} [{ent.label}] {ent.name}{roles}{aka} — {len(ent.mentions)} mentions")
    if doc.quotes:
        lines.append("")
        lines.append("== who said what ==")
        for q in doc.quotes:
            speaker = _entity_name(doc, q.speaker, q.speaker_text)
            if q.speaker and q.speaker_text and q.speaker_text != speaker:
                speaker = f"{speaker} ({q.speaker_text})"
            kind = "«direct»" if q.direct else "reported"
            content = q.content if len(q.content) <= MAX_QUOTE else q.content[:MAX_QUOTE].rstrip() + " …"
            lines.append(f"{speaker} → {q.cue} [{kind}]: {content}")
    if doc.events:
        lines.append("")
        lines.append("== events ==")
        for ev in doc.events:
            actors = "، ".join(_entity_name(doc, a) for a in ev.actors) or "?"
            targets = "، ".join(_entity_name(doc, t) for t in ev.targets)
            time = f" @ {ev.time.text}" + (f" ({ev.time.date})" if ev.time and ev.time.date else "") if ev.time else ""
            arrow = f" → {targets}" if targets else ""
            lines.append(f"{ev.type} [CAMEO {ev.cameo}]: {actors}{arrow}{time}")
    if doc.summary:
        lines.append("")
        lines.append("== summary ==")
        for i in doc.summary:
            if 0 <= i < len(doc.sentences):
                s = doc.sentences[i]
                lines.append(doc.text[s.start:s.end])
    return "\n".join(lines) + "\n"
