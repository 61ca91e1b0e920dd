"""``khabar analyze --format text``: entities with roles, then who said what."""
from __future__ import annotations

from khabar.document import Document, Entity, Mention, Quote
from khabar.render import render_text


def test_render_who_said_what_names_the_resolved_speaker():
    text = "علی شمخانی دبیر شورای عالی امنیت ملی به مسکو رفت.\nوی گفت: ایران آماده است."
    doc = Document.from_text(text)
    doc.entities = [Entity("e1", "PER", "علی شمخانی", ["دبیر شورای عالی امنیت ملی"],
                           [Mention(0, 10, "علی شمخانی"), Mention(50, 52, "وی")])]
    doc.quotes = [Quote("e1", "وی", "گفت", "ایران آماده است.", 58, 74, True, (53, 56), (50, 52))]
    out = render_text(doc)
    assert "e1 [PER] علی شمخانی — دبیر شورای عالی امنیت ملی (also: وی)" in out
    assert out.index("== entities ==") < out.index("== who said what ==")
    assert "علی شمخانی (وی) → گفت [«direct»]: ایران آماده است." in out


def test_render_unresolved_speaker_falls_back_to_the_text():
    doc = Document.from_text("یک منبع گفت که حمله شبانه بود.")
    doc.quotes = [Quote(None, "یک منبع", "گفت", "حمله شبانه بود.", 15, 30, False, (8, 11), (0, 7))]
    assert "یک منبع → گفت [reported]: حمله شبانه بود." in render_text(doc)
