"""Reading inputs: the Fars/Varzesh3 JSON Lines out of the box, field maps, text folders, WARC, bad input."""
from __future__ import annotations

import io
import itertools
import json

import pytest

from khabar.errors import InputError
from khabar.ingest.analysis import TextOnly
from khabar.ingest.article import Article, Failure
from khabar.ingest.runner import ingest
from khabar.ingest.sources import FieldMap, SourceReader
from khabar.store import open_store

from test_ingest_pages import page


@pytest.mark.parametrize("folder, source, dated", [
    ("farsnews-lmcourse", "farsnews.ir", True),
    ("varzesh3-lmcourse", "varzesh3.com", False),
])
def test_sources_read_shared_jsonl_out_of_the_box(shared_data, folder, source, dated):
    path = shared_data / folder / "train.jsonl"
    items = list(itertools.islice(SourceReader().read([str(path)]), 50))
    assert all(isinstance(i, Article) for i in items)
    with open(path, encoding="utf-8") as fh:
        first = json.loads(fh.readline())
    art = items[0]
    assert art.title == first["title"] and art.url == first["link"] and art.source == source
    assert art.lead == first["abstract"] and art.body.split("\n\n") == first["paragraphs"]
    assert art.origin == f"{path}:1"
    assert (sum(1 for i in items if i.published) > 40) == dated


@pytest.mark.parametrize("specs, record, expected", [
    ([], {"headline": "تیتر", "text": "متن خبر", "date": "۱۴۰۲/۰۱/۰۱", "url": "https://x.ir/1"},
     ("تیتر", None, "متن خبر", "2023-03-21", "x.ir")),
    (["body=matn", "title=onvan"], {"onvan": "تیتر", "matn": ["بند یک", "بند دو"]},
     ("تیتر", None, "بند یک\n\nبند دو", None, None)),
    (["lead="], {"title": "تیتر", "abstract": "لید", "paragraphs": ["متن"]}, ("تیتر", None, "متن", None, None)),
    (["source=agency"], {"body": "متن", "agency": "ایسنا"}, (None, None, "متن", None, "ایسنا")),
])
def test_sources_field_map(specs, record, expected):
    art = SourceReader(fields=FieldMap.parse(specs)).from_record(record, origin="x")
    assert (art.title, art.lead, art.body, art.published, art.source) == expected


@pytest.mark.parametrize("spec", ["body", "colour=red", "=x"])
def test_sources_field_map_rejects_bad_spec(spec):
    with pytest.raises(InputError, match="E350"):
        FieldMap.parse([spec])


def test_sources_jsonl_bad_lines_fail_alone(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"title": "یک", "body": "متن یک"}\n{"title": "دو", "body": \n[1, 2]\n'
                    '{"title": "بی‌متن"}\n\n{"title": "سه", "paragraphs": ["متن سه"]}\n', encoding="utf-8")
    items = list(SourceReader().read([str(path)]))
    assert [i.title if isinstance(i, Article) else i.reason.split(":")[0] for i in items] == [
        "یک", "not valid JSON", "not a JSON object", "no body text (map it with --field body=NAME)", "سه"]
    assert items[1].origin == f"{path}:2"


def test_sources_folder_of_text_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("خبر اول درباره تهران", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_bytes("خبر دوم درباره کرمان".encode("cp1256"))
    (tmp_path / "sub" / "c.txt").write_bytes(b"")
    (tmp_path / "d.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".hidden.txt").write_text("پنهان", encoding="utf-8")
    reader = SourceReader()
    items = list(reader.read([str(tmp_path)]))
    assert [(type(i).__name__, getattr(i, "body", None) or i.reason) for i in items] == [
        ("Article", "خبر اول درباره تهران"), ("Article", "خبر دوم درباره کرمان"), ("Failure", "empty: no text")]
    assert items[1].extra["encoding"] == "cp1256"
    assert reader.skipped == [str(tmp_path / "d.png")]


def test_sources_huge_and_missing_inputs(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("خبر " * 2000, encoding="utf-8")
    items = list(SourceReader(max_bytes=1000).read([str(big), str(tmp_path / "nope.txt")]))
    assert "larger than the limit" in items[0].reason
    assert items[1].reason == "no such file or folder"


def test_sources_read_warc(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, (ctype, body) in enumerate([("text/html; charset=utf-8", page("خبر وارک - ایرنا").encode()),
                                            ("image/png", b"\x89PNG"),
                                            ("text/html", b"<html><body>x</body></html>")]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://www.irna.ir/news/{n}", "response",
                                                          payload=io.BytesIO(body), http_headers=headers))
    items = list(SourceReader().read([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure"]
    assert items[0].url == "https://www.irna.ir/news/0" and "سیاست‌های" in items[0].body
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"not a warc at all")
    [failure] = list(SourceReader().read([str(bad)]))
    assert isinstance(failure, Failure) and "WARC" in failure.reason


def test_sources_ingest_summary_counts(tmp_path):
    (tmp_path / "a.txt").write_text("خبر اول درباره تهران و اصفهان", encoding="utf-8")
    (tmp_path / "b.txt").write_text("خبر  اول درباره  تهران و اصفهان\n", encoding="utf-8")  # same content
    (tmp_path / "c.txt").write_bytes(b"\x00\x00binary")
    with open_store(tmp_path / "k.db", analyzer=TextOnly()) as store:
        summary = ingest(SourceReader().read([str(tmp_path)]), store, pipeline=TextOnly())
        assert (summary.added, summary.duplicates, len(summary.failed)) == (1, 1, 1)
        assert "binary" in summary.failed[0].reason
        again = ingest(SourceReader().read([str(tmp_path)]), store, pipeline=TextOnly())
        assert (again.added, again.duplicates) == (0, 2)
        assert store.stats()["documents"] == 1
