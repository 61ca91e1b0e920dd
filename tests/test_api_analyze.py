"""``POST /analyze`` and the app's limits, errors and headers, through FastAPI's TestClient."""
from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from api_support import ARTICLES, example_article
from khabar.api.app import create_app
from khabar.api.html_input import looks_like_html, page_text
from khabar.api.settings import ApiSettings
from khabar.document import Document
from khabar.pipeline import Pipeline


@pytest.fixture(scope="module")
def client(nlp):
    app = create_app(ApiSettings(max_body_bytes=64 * 1024, max_text_chars=20_000), pipeline=nlp)
    with TestClient(app) as c:
        yield c


def _assert_offsets(doc: dict) -> None:
    text = doc["text"]
    for ent in doc["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for q in doc["quotes"]:
        assert text[q["start"]:q["end"]] == q["content"]
    for t in doc["tokens"]:
        assert text[t["start"]:t["end"]] == t["text"] or t.get("surface")


def test_analyze_text_returns_document(client, nlp):
    article = example_article()
    response = client.post("/analyze", json={"text": article, "meta": {"published": "1402/01/20"}})
    assert response.status_code == 200
    doc = response.json()
    assert doc["schema"] == "khabar.document/1"
    assert doc["meta"]["published"] == "1402/01/20"
    # the API returns exactly what the library computes
    assert doc == nlp(article, {"published": "1402/01/20"}).to_dict()
    _assert_offsets(doc)
    assert Document.from_dict(doc).text == doc["text"]


def test_analyze_include_raw_maps_back(client):
    raw = "علي  گفت: «ما كار مي‌كنيم.»"
    doc = client.post("/analyze", params={"include_raw": "true"}, json={"text": raw}).json()
    assert doc["raw"] == raw
    restored = Document.from_dict(doc)
    for tok in restored.tokens:
        start, end = restored.raw_span(tok.start, tok.end)
        assert 0 <= start <= end <= len(raw)


@pytest.mark.parametrize("content_type", ["text/plain", "text/plain; charset=utf-8", "application/octet-stream", ""])
def test_analyze_raw_body(client, content_type):
    text = ARTICLES[0]["text"]
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/analyze", content=text.encode("utf-8"), headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["text"].startswith("دیدار")


def test_analyze_windows_1256_upload(client):
    text = "وزير امور خارجه گفت كه ايران از گفتگو حمايت مي كند."
    response = client.post("/analyze", files={"file": ("old.txt", text.encode("cp1256"), "text/plain")},
                           data={"published": "2023-04-09"})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["meta"]["encoding"] == "cp1256"
    assert doc["meta"]["published"] == "2023-04-09"
    assert "خارجه" in doc["text"]


HTML_PAGES = [
    # (page, text that must survive extraction with its ZWNJ)
    ("<html><head><title>خبر - سایت</title></head><body><nav>خانه | ورزش</nav><article><h1>گفت‌وگوی وزیران</h1>"
     "<p>وزیر خارجه گفت: «ما گفت‌وگو را ادامه می‌دهیم و به نتیجه می‌رسیم.»</p></article><footer>کپی‌رایت</footer>"
     "</body></html>", "گفت\u200cوگو را ادامه می\u200cدهیم"),
    ("<!DOCTYPE html><html><body><div class='news'><p>نماینده&zwnj;های مجلس با رئیس&#8204;جمهور دیدار کردند و "
     "درباره بودجه سال آینده گفت‌وگو کردند.</p></div></body></html>", "نماینده\u200cهای مجلس"),
]


HTML_IDS = ["article-with-nav-and-footer", "zwnj-entities-in-div"]


@pytest.mark.parametrize("page, expected", HTML_PAGES, ids=HTML_IDS)
def test_analyze_html_keeps_zwnj(client, page, expected):
    response = client.post("/analyze", content=page.encode("utf-8"), headers={"content-type": "text/html"})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert expected in doc["text"]
    assert doc["meta"]["format"] == "html"
    assert "<" not in doc["text"]


@pytest.mark.parametrize("page, expected", HTML_PAGES, ids=HTML_IDS)
def test_html_input_page_text_json_body(client, page, expected):
    doc = client.post("/analyze", json={"html": page}).json()
    assert expected in doc["text"]
    assert expected in page_text(page).text


@pytest.mark.parametrize("text, is_html", [
    ("<!doctype html><html><body>سلام</body></html>", True),
    ("<p>سلام</p>", True),
    ("  <html lang='fa'>", True),
    ("شمخانی گفت: «سلام»", False),
    ("قیمت دلار < ۵۰ هزار تومان و > ۴۰ هزار", False),
])
def test_html_input_looks_like_html(text, is_html):
    assert looks_like_html(text) is is_html


BAD_REQUESTS = [
    # (why, body bytes, content type, status, error code)
    ("empty JSON text", b'{"text": ""}', "application/json", 400, "empty_text"),
    ("whitespace only", '{"text": "  \\n\\u200c "}'.encode(), "application/json", 400, "empty_text"),
    ("empty raw body", b"", "text/plain", 400, "empty_text"),
    ("binary upload", bytes(range(256)) * 4, "application/octet-stream", 400, "bad_input"),
    ("NUL in JSON text", '{"text": "سلام\\u0000دنیا"}'.encode(), "application/json", 400, "bad_input"),
    ("malformed JSON", b'{"text": "\xd8\xb3', "application/json", 400, "malformed_json"),
    ("JSON array", b'["text"]', "application/json", 400, "bad_body"),
    ("neither text nor html", b'{"body": "x"}', "application/json", 400, "bad_body"),
    ("both text and html", '{"text": "الف", "html": "<p>ب</p>"}'.encode(), "application/json", 400, "bad_body"),
    ("text not a string", b'{"text": 42}', "application/json", 400, "bad_body"),
    ("meta not an object", '{"text": "سلام", "meta": "x"}'.encode(), "application/json", 400, "bad_meta"),
    ("undecodable bytes", "سلام دنیا".encode("utf-16-le"), "text/plain", 400, "bad_input"),
    ("unsupported type", b"<a/>", "application/xml", 415, "unsupported_media_type"),
    ("HTML page without text", b"<html><body><script>x()</script></body></html>", "text/html", 400, "bad_input"),
    ("body over the size limit", b"a" * (64 * 1024 + 1), "text/plain", 413, "too_large"),
    ("text over the character limit", ("سلام " * 4_100).encode(), "text/plain", 413, "text_too_long"),
]


@pytest.mark.parametrize("why, body, content_type, status, code", BAD_REQUESTS, ids=[b[0] for b in BAD_REQUESTS])
def test_analyze_bad_input_is_refused_with_reason(client, why, body, content_type, status, code):
    response = client.post("/analyze", content=body, headers={"content-type": content_type})
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert error["status"] == status
    assert error["message"]


def test_analyze_chunked_oversize_body_is_refused(client):
    def chunks():
        for _ in range(100):
            yield b"x" * 1024

    response = client.post("/analyze", content=chunks(), headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


class SlowStage:
    """A real stage that takes longer than the app's time limit."""

    name = "slow"
    requires: tuple[str, ...] = ()
    assigns = ("text",)

    def __call__(self, doc):
        time.sleep(0.5)
        return doc


def test_analyze_timeout_is_reported():
    app = create_app(ApiSettings(analysis_timeout=0.05), pipeline=Pipeline([SlowStage(), SlowStage()]))
    with TestClient(app) as c:
        response = c.post("/analyze", json={"text": "سلام دنیا"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "analysis_timeout"
    assert response.headers["retry-after"]


def test_analyze_closed_server_needs_token(nlp):
    app = create_app(ApiSettings(api_token="s3cret", read_requires_token=True), pipeline=nlp)
    with TestClient(app) as c:
        assert c.post("/analyze", json={"text": "سلام"}).status_code == 401
        assert c.post("/analyze", json={"text": "سلام"}, headers={"Authorization": "Bearer nope"}).status_code == 403
        ok = c.post("/analyze", json={"text": "سلام"}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200


def test_analyze_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/analyze", "/documents", "/documents/{doc_id}", "/search", "/entities", "/entities/{entity_id}",
                 "/quotes", "/events", "/ingest", "/health"):
        assert path in paths, path
    assert "KhabarDocument" in spec["components"]["schemas"]
    assert "$defs" not in str(spec)
    body = paths["/analyze"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/html", "text/plain", "multipart/form-data"} <= set(body)


def test_analyze_security_headers(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["stages"]
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_analyze_unknown_path_is_json_404(client):
    response = client.get("/no/such/thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_analyze_web_page_and_font_are_served(client):
    page = client.get("/")
    assert page.status_code == 200
    assert 'dir="rtl"' in page.text and 'lang="fa"' in page.text
    assert "http://" not in page.text and "https://" not in page.text  # nothing loaded from outside
    css = client.get("/static/app.css").text
    assert "Vazirmatn-Regular.woff2" in css and "https://" not in css
    font = client.get("/static/fonts/Vazirmatn-Regular.woff2")
    assert font.status_code == 200 and font.content[:4] == b"wOF2"
    assert "SIL Open Font License" in client.get("/static/fonts/LICENSE").text
    assert client.get("/example").text.strip()


def test_settings_from_env_reads_only_what_it_names():
    s = ApiSettings.from_env({"KHABAR_API_TOKEN": "t", "KHABAR_API_CLOSED": "1", "KHABAR_DB": "x.db",
                              "OTHER": "y"}, max_body_bytes=10, analysis_timeout=None)
    assert (s.api_token, s.read_requires_token, s.database, s.max_body_bytes) == ("t", True, "x.db", 10)
    assert s.analysis_timeout == ApiSettings().analysis_timeout
    assert ApiSettings.from_env({}).ingest_enabled is False
