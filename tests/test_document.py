"""The document model, the offset map and the pipeline contract."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

import khabar
from khabar.document import Document, Entity, Event, Mention, Quote, TimeExpression, Token
from khabar.errors import PipelineError
from khabar.offsets import OffsetMap, rewrite
from khabar.pipeline import Pipeline
from khabar.schema import validate_document


def test_document_roundtrip_keeps_every_field():
    doc = Document.from_text("شمخانی گفت: سلام")
    doc.tokens = [Token(0, 6, "شمخانی", "شمخانی", "PROPN", surface=None)]
    doc.entities = [Entity("e1", "PER", "علی شمخانی", ["دبیر"], [Mention(0, 6, "شمخانی")])]
    doc.quotes = [Quote("e1", "شمخانی", "گفت", "سلام", 12, 16, True, (7, 10), (0, 6))]
    doc.events = [Event("meet", "040", ["e1"], [], TimeExpression("دیروز", "2023-04-08"), 0, 16, "دیدار")]
    data = doc.to_dict(include_raw=True)
    validate_document(data)
    back = Document.from_dict(data)
    assert back.to_dict(include_raw=True) == data


def test_document_from_dict_rejects_other_schema():
    with pytest.raises(ValueError, match="khabar.document/1"):
        Document.from_dict({"schema": "other", "text": ""})


@pytest.mark.parametrize(
    "text, edits, expected, starts",
    [
        ("ab--c", [(2, 4, "")], "abc", [0, 1, 4, 5]),
        ("abc", [(1, 1, "\u200c")], "a\u200cbc", [0, 1, 1, 2, 3]),
        ("ﻻx", [(0, 1, "لا")], "لاx", [0, 0, 1, 2]),
        ("abc", [], "abc", None),
    ],
)
def test_rewrite_builds_the_map(text, edits, expected, starts):
    new, m = rewrite(text, edits)
    assert new == expected
    if starts is None:
        assert m is None
    else:
        assert [m.to_raw(i) for i in range(len(new) + 1)] == starts


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 3), st.text(max_size=3)), max_size=6))
def test_offset_map_roundtrips_and_is_monotonic(raw_edits):
    text = "x" * 40
    edits, prev = [], 0
    for start, length, rep in sorted(raw_edits):
        if start < prev:
            continue
        edits.append((start, min(start + length, 40), rep))
        prev = min(start + length, 40)
    new, m = rewrite(text, edits)
    m = m or OffsetMap.identity(len(new))
    values = [m.to_raw(i) for i in range(len(new) + 1)]
    assert values == sorted(values)
    assert values[-1] == len(text) and all(0 <= v <= len(text) for v in values)
    assert OffsetMap.from_list(m.to_list()).array().tolist() == m.array().tolist()


def test_offset_maps_compose():
    first, m1 = rewrite("a--b", [(1, 3, "")])          # "ab"
    second, m2 = rewrite(first, [(1, 1, " ")])          # "a b"
    composed = m1.compose(m2)
    assert second == "a b"
    assert [composed.to_raw(i) for i in range(4)] == [0, 3, 3, 4]


class _Needs:
    name, requires, assigns = "needs", ("entities",), ("quotes",)

    def __call__(self, doc):
        return doc


class _ReturnsNone:
    name, requires, assigns = "bad", (), ()

    def __call__(self, doc):
        return None


def test_pipeline_refuses_a_stage_whose_requirement_is_missing():
    with pytest.raises(PipelineError, match="E002.*entities"):
        Pipeline([_Needs()])


def test_pipeline_refuses_a_stage_that_returns_no_document():
    with pytest.raises(PipelineError, match="E003"):
        Pipeline([_ReturnsNone()])("متن")


def test_load_refuses_unknown_stage():
    with pytest.raises(PipelineError, match="E004"):
        khabar.load(stages=["nope"])


def test_pipe_streams_documents_in_order(text_nlp):
    docs = list(text_nlp.pipe(["یک.", ("دو.", {"source": "x"})]))
    assert [d.text for d in docs] == ["یک.", "دو."]
    assert docs[1].meta == {"source": "x"}
