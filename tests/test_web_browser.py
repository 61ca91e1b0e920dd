"""End-to-end tests of the Persian web page in real headless Chromium (Debian's /usr/bin/chromium) driven by
Playwright, against a uvicorn server this module starts on 127.0.0.1 on a free port.

With ``KHABAR_SCREENSHOTS=1`` the tests also rewrite ``docs/screenshots/*.png``. Under ``CI=true`` a missing
Chromium or Playwright fails the tests instead of skipping them.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from api_support import ARTICLES, MALICIOUS_TEXT, TOKEN, annotated_documents, example_article, fill_store, ingest_all
from khabar.api.app import create_app
from khabar.api.settings import ApiSettings
from khabar.store.records import fold

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(nlp, tmp_path_factory):
    """A uvicorn server over a fresh store: two hand-annotated articles, the test articles and a hostile one."""
    import uvicorn

    db = tmp_path_factory.mktemp("web") / "web.db"
    fill_store(str(db), annotated_documents(nlp))
    app = create_app(ApiSettings(database=str(db), api_token=TOKEN), pipeline=nlp)
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    with httpx.Client(base_url=base, timeout=30) as client:
        ids = ingest_all(client)
    yield {"base": base, "malicious_id": ids[-1]}
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e .[test])")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fa-IR")
    p = context.new_page()
    p.set_default_timeout(20_000)
    p.problems = []
    p.on("console", lambda m: p.problems.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: p.problems.append(str(e)))
    # nothing may be loaded from anywhere but this server
    p.on("request", lambda r: None if r.url.startswith((server["base"], "data:")) else p.problems.append(r.url))
    yield p
    context.close()


def _screenshot(page, name: str) -> None:
    if os.environ.get("KHABAR_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _visible_mentions(doc: dict) -> list[tuple[str, str]]:
    """The (entity id, text) spans the page should highlight: mentions without overlaps, in text order."""
    spans = sorted(((m["start"], m["end"], e["id"]) for e in doc["entities"] for m in e["mentions"]),
                   key=lambda s: (s[0], -(s[1] - s[0])))
    out, pos = [], 0
    for start, end, eid in spans:
        if start >= pos and end > start:
            out.append((eid, doc["text"][start:end]))
            pos = end
    return out


def test_web_analyze_highlights_entities_and_quotes(page, server, nlp):
    article = example_article()
    page.goto(server["base"] + "/#/analyze")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.fill("#article-text", article)
    page.click("#analyze-button")
    page.wait_for_selector("#article-view")
    doc = nlp(article).to_dict()
    shown = page.eval_on_selector_all("#article-view .ent", "ns => ns.map(n => [n.dataset.entity, n.textContent])")
    assert [tuple(s) for s in shown] == _visible_mentions(doc)
    if "entities" in nlp.provides or "mentions" in nlp.provides:
        assert shown, "the example article has names to highlight"
    # the whole article is shown, as text
    assert page.inner_text("#article-view").replace("\n", "") == doc["text"].replace("\n", "")
    # each entity type has its own colour
    colours = page.eval_on_selector_all(
        "#article-view .ent", "ns => ns.map(n => [n.dataset.label, getComputedStyle(n).backgroundColor])")
    by_label = {label: colour for label, colour in colours}
    assert len(set(by_label.values())) == len(by_label)
    quotes = page.eval_on_selector_all("#quote-list .quote .content", "ns => ns.map(n => n.textContent)")
    assert quotes == [q["content"] for q in doc["quotes"]]
    if "quotes" in nlp.provides:
        assert quotes, "the example article has attributed statements"
    assert page.locator("#event-list li").count() == len(doc["events"])
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('Vazirmatn') && f.status === 'loaded')")
    _screenshot(page, "analyze")
    assert not page.problems, page.problems


def test_web_search_shows_highlighted_snippets(page, server):
    page.goto(server["base"] + "/#/search")
    page.fill("#search-q", "سوریه")
    page.fill("#search-source", "test-agency")
    page.click("#search-button")
    page.wait_for_selector(".hit")
    assert "source=test-agency" in page.url
    marks = page.eval_on_selector_all(".hit mark", "ns => ns.map(n => n.textContent)")
    assert marks and any(fold("سوریه") in fold(m) for m in marks)
    sources = page.eval_on_selector_all(".hit .meta-line", "ns => ns.map(n => n.textContent)")
    assert all("test-agency" in s for s in sources)
    _screenshot(page, "search")
    page.click(".hit a.title")
    page.wait_for_selector("#article-view")
    assert "سوریه" in page.inner_text("#article-view")
    assert not page.problems, page.problems


def test_web_entity_page_shows_statements_and_meetings(page, server):
    page.goto(server["base"] + "/#/entities")
    page.click("#entities-list a:text-is('علی شمخانی')")
    page.wait_for_selector("#entity-name")
    assert page.inner_text("#entity-name") == "علی شمخانی"
    statements = page.eval_on_selector_all("#statement-list .content", "ns => ns.map(n => n.textContent)")
    assert {"ایران از ثبات سوریه حمایت می‌کند.", "همکاری دو کشور ادامه دارد."} <= set(statements)
    graph_names = page.eval_on_selector_all("#entity-graph text", "ns => ns.map(n => n.textContent)")
    assert {"علی شمخانی", "الکساندر لاورنتیف", "سرگئی لاوروف"} <= set(graph_names)
    assert page.locator("svg.timeline rect").count() >= 2
    _screenshot(page, "entity")
    # the graph's nodes lead to the other entity's page
    page.click("#entity-graph a:has(text:text-is('سرگئی لاوروف'))")
    # (no wait_for_function: the page's Content-Security-Policy forbids the eval it polls with)
    page.locator("#entity-name", has_text="سرگئی لاوروف").wait_for()
    assert page.inner_text("#entity-name") == "سرگئی لاوروف"
    assert not page.problems, page.problems


def test_web_malicious_article_is_shown_as_text(page, server):
    page.goto(server["base"] + f"/#/document/{server['malicious_id']}")
    page.wait_for_selector("#article-view")
    shown = page.inner_text("#article-view")
    assert "<script>window.__khabarPwned = 1</script>" in shown
    assert "<img src=x" in shown
    assert page.evaluate("window.__khabarPwned") is None
    assert page.locator("#main script, #main img, #main svg[onload], #main b, #main i").count() == 0
    assert page.evaluate("document.scripts.length") == 1
    _screenshot(page, "document")
    # the same text pasted into the analyzer, and found by search
    page.goto(server["base"] + "/#/analyze")
    page.fill("#article-text", MALICIOUS_TEXT)
    page.click("#analyze-button")
    page.wait_for_selector("#article-view")
    assert "<svg onload" in page.inner_text("#article-view")
    page.goto(server["base"] + "/#/search?q=" + "آزمایشی")
    page.wait_for_selector(".hit")
    assert page.locator(".hit a.title").first.inner_text().startswith("<i>")
    assert page.evaluate("window.__khabarPwned") is None
    assert not page.problems, page.problems


def test_web_bad_input_shows_the_reason(page, server):
    page.goto(server["base"] + "/#/analyze")
    page.fill("#article-text", "   ")
    page.click("#analyze-button")
    page.wait_for_selector("#analyze-status.error")
    page.goto(server["base"] + '/#/search?q="بسته نشده')
    page.wait_for_selector("#search-status.error")
    assert "E303" in page.inner_text("#search-status") or "quote" in page.inner_text("#search-status")


def test_web_articles_used_by_these_tests_are_persian():
    # the fixtures above rely on these articles mentioning what the searches look for
    assert any("سوریه" in a["text"] and a["meta"]["source"] == "test-agency" for a in ARTICLES)


def test_web_upload_file_is_analyzed(page, server, tmp_path):
    path = tmp_path / "old-site.txt"
    path.write_bytes("وزير امور خارجه ايران گفت كه گفتگو ادامه دارد.".encode("cp1256"))
    page.goto(server["base"] + "/#/analyze")
    page.set_input_files("#article-file", str(path))
    page.click("#analyze-button")
    page.wait_for_selector("#article-view")
    assert "خارجه" in page.inner_text("#article-view")
    assert not page.problems, page.problems


@pytest.mark.parametrize("sink", ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                                  "new Function", "javascript:"])
def test_web_script_never_parses_text_as_markup(sink):
    script = (Path(__file__).resolve().parent.parent / "khabar" / "web" / "app.js").read_text("utf-8")
    code = "\n".join(line for line in script.splitlines() if not line.strip().startswith("//"))
    assert sink not in code
