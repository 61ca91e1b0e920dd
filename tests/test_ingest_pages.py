"""HTML pages: ZWNJ kept through trafilatura, Persian titles, Jalali dates, kickers, leads, bad pages."""
from __future__ import annotations

import pytest

from khabar.errors import InputError
from khabar.ingest.article import Article, Failure, date_from_url, jalali_or_iso
from khabar.ingest.pages import clean_title, extract_article, protect_zwnj
from khabar.ingest.sources import SourceReader

BODY = ("<p>به گزارش خبرگزاری تسنیم، وزیر امور خارجه در نشست خبری گفت: سیاست‌های دولت در زمینه "
        "گفت‌وگو با همسایگان ادامه خواهد داشت و این کشورها می‌توانند به همکاری‌های بیشتری برسند.</p>"
        "<p>وی افزود: نشست‌های کارشناسی هفته آینده در تهران برگزار می‌شود و گزارش‌ها منتشر خواهند شد.</p>")


def page(title: str, *, head: str = "", before: str = "", body: str = BODY, zwnj: str = "\u200c") -> str:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>{before}"
            f"<article><h1>{title.split(' - ')[0]}</h1>{body.replace(chr(0x200c), zwnj)}</article></body></html>")


@pytest.mark.parametrize("zwnj", ["\u200c", "&zwnj;", "&#8204;", "&#x200C;"])
def test_pages_extract_keeps_zwnj(zwnj):
    art = extract_article(page("سیاست‌های همسایگی", zwnj=zwnj), url="https://www.tasnimnews.com/fa/news/1")
    for word in ("سیاست‌های", "گفت‌وگو", "همکاری‌های", "می‌توانند", "نشست‌های", "می‌شود", "گزارش‌ها"):
        assert word in art.body
    assert art.title == "سیاست‌های همسایگی"


@pytest.mark.parametrize("title, expected", [
    ("سفر رئیسی به چین - اخبار تسنیم", "سفر رئیسی به چین"),
    ("سفر رئیسی به چین | خبرگزاری فارس", "سفر رئیسی به چین"),
    ("پیروزی استقلال - ورزش سه", "پیروزی استقلال"),
    ("ایران - چین: همکاری‌های تازه", "ایران - چین: همکاری‌های تازه"),
    ("  عنوان   با   فاصله  ", "عنوان با فاصله"),
])
def test_pages_clean_title_drops_site_suffix(title, expected):
    assert clean_title(title) == expected


@pytest.mark.parametrize("meta, expected", [
    ('<meta property="article:published_time" content="۱۴۰۲/۰۳/۱۵ ۱۲:۳۰">', "2023-06-05"),
    ('<meta property="article:published_time" content="2023-06-05T12:30:00+03:30">', "2023-06-05"),
    ('<meta name="date" content="1399-12-29">', "2021-03-19"),
    ('<meta itemprop="datePublished" content="۱۳۹۸/۰۱/۰۱">', "2019-03-21"),
])
def test_pages_read_publication_dates(meta, expected):
    art = extract_article(page("خبر تازه - اخبار تسنیم", head=meta), url="https://www.tasnimnews.com/fa/news/2")
    assert art.published == expected


def test_pages_keep_kicker_and_agency_lead():
    before = ('<div class="rutitr">در سفر به پکن</div>'
              '<p class="lead">به گزارش ایرنا، رئیس‌جمهور امروز برای دیداری سه روزه وارد پکن شد.</p>')
    art = extract_article(page("سفر به چین - ایرنا", before=before, head='<meta name="author" content="مریم احمدی">'),
                          url="https://www.irna.ir/news/3")
    assert art.extra["kicker"] == "در سفر به پکن"
    assert art.text.split("\n\n")[:2] == ["سفر به چین", "به گزارش ایرنا، رئیس‌جمهور امروز برای دیداری سه روزه وارد پکن شد."]
    assert art.text.count("رئیس‌جمهور امروز") == 1
    assert art.author == "مریم احمدی" and art.source == "irna.ir"


def test_pages_protect_zwnj_picks_an_absent_placeholder():
    html = "a\u2e3ab\u200cc"
    protected, mark = protect_zwnj(html)
    assert mark != "\u2e3a" and "\u200c" not in protected and protected.count(mark) == 1


@pytest.mark.parametrize("html, code", [
    ("", "E331"),
    ("<html><body><p>کوتاه</p></body></html>", "E333"),
    ("<html><body><div><p>" + "<" * 50, "E33"),
])
def test_pages_reject_pages_without_article(html, code):
    with pytest.raises(InputError, match=code):
        extract_article(html)


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"\x00\x01\x02\x03binary\x00data" * 10, "binary"),
    ("<html><body><p>کوتاه</p></body></html>".encode(), "no article text"),
    (b"\xff\xfe\xfd" + "سلام".encode("utf-16-le") * 3 + b"\x81\x00", "not valid"),
])
def test_pages_bad_files_fail_with_reason(tmp_path, content, reason):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    [item] = list(SourceReader().read([str(path)]))
    assert isinstance(item, Failure) and reason in item.reason and item.origin == str(path)


def test_pages_windows_1256_page(tmp_path):
    path = tmp_path / "old.html"
    # old sites: Windows-1256 with Arabic yeh (no Persian ی in that code page); ZWNJ is byte 0x9D
    html = page("خبر قدیمی - همشهری").replace("ی", "ي").replace("<meta charset='utf-8'>", "")
    path.write_bytes(html.encode("cp1256"))
    [item] = list(SourceReader().read([str(path)]))
    assert isinstance(item, Article) and item.extra["encoding"] == "cp1256"
    assert "وزير امور خارجه" in item.body and "سياست‌هاي" in item.body and item.title == "خبر قديمي"


@pytest.mark.parametrize("value, expected", [
    ("۱۴۰۲/۰۳/۱۵", "2023-06-05"), ("1402-3-15", "2023-06-05"), ("2023-06-05", "2023-06-05"),
    ("Mon, 05 Jun 2023 10:00:00 GMT", "2023-06-05"), ("دیروز", None), ("1402/13/40", None), (None, None),
])
def test_pages_jalali_or_iso(value, expected):
    assert jalali_or_iso(value) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://www.farsnews.ir/news/8707060255", "2008-09-27"),
    ("https://www.farsnews.ir/news/13911222000865/تشدید-مجازات", "2013-03-12"),
    ("https://www.varzesh3.com/news/1392980", None),
    (None, None),
])
def test_pages_date_from_fars_url(url, expected):
    assert date_from_url(url) == expected
