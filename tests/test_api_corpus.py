"""The corpus endpoints (documents, search, entities, quotes, events, ingest) over a temporary SQLite store,
filled through ``POST /ingest`` with the full pipeline."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api_support import ANNOTATED, ARTICLES, MALICIOUS_TEXT, TOKEN, annotated_documents, article_payload, fill_store, \
    ingest_all
from khabar.api.app import create_app
from khabar.api.settings import ApiSettings
from khabar.store.records import fold

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def corpus(nlp, tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "corpus.db"
    gold_ids = fill_store(str(db), annotated_documents(nlp))
    assert len(gold_ids) == len(ANNOTATED)
    app = create_app(ApiSettings(database=str(db), api_token=TOKEN, max_page_size=50), pipeline=nlp)
    with TestClient(app) as client:
        ids = ingest_all(client)
        yield client, ids


def test_ingest_stores_every_document(corpus):
    client, ids = corpus
    assert len(ids) == len(ARTICLES) + 1
    assert client.get("/stats").json()["documents"] == len(ids) + len(ANNOTATED)


def test_ingest_same_content_is_a_duplicate(corpus):
    client, _ = corpus
    response = client.post("/ingest", json={"documents": [article_payload(ARTICLES[0])]}, headers=AUTH)
    assert response.status_code == 200
    assert response.json()["duplicates"] == 1 and response.json()["ids"] == []


@pytest.mark.parametrize("headers, status, code", [
    ({}, 401, "missing_token"),
    ({"Authorization": "Bearer wrong"}, 403, "bad_token"),
    ({"Authorization": "Basic " + TOKEN}, 401, "missing_token"),
    ({"X-Khabar-Token": "wrong"}, 403, "bad_token"),
])
def test_ingest_needs_the_token(corpus, headers, status, code):
    client, _ = corpus
    response = client.post("/ingest", json={"text": "سلام"}, headers=headers)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_ingest_accepts_the_token_header(corpus):
    client, _ = corpus
    response = client.post("/ingest", json={"text": "متن کوتاه برای آزمون سرآیند توکن در خبر."},
                           headers={"X-Khabar-Token": TOKEN})
    assert response.status_code == 200
    assert response.json()["added"] == 1


def test_ingest_disabled_without_configured_token(nlp, tmp_path):
    app = create_app(ApiSettings(database=str(tmp_path / "x.db")), pipeline=nlp)
    with TestClient(app) as client:
        response = client.post("/ingest", json={"text": "سلام"}, headers=AUTH)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "disabled"


@pytest.mark.parametrize("body, content_type, status, code", [
    (b'{"documents": []}', "application/json", 400, "bad_body"),
    (b'{"documents": "x"}', "application/json", 400, "bad_body"),
    (b'{"documents": [1]}', "application/json", 400, "bad_body"),
    (b'{"documents": [{"text": ""}]}', "application/json", 400, "empty_text"),
    (b'{"documents": [{"text": "a\\u0000b"}]}', "application/json", 400, "bad_input"),
    (b'{"documents": [' + b",".join([b'{"text": "x"}'] * 51) + b"]}", "application/json", 413, "too_many_documents"),
    (b"{not json", "application/json", 400, "malformed_json"),
    ("سلام".encode(), "text/plain", 415, "unsupported_media_type"),
])
def test_ingest_bad_body(corpus, body, content_type, status, code):
    client, _ = corpus
    response = client.post("/ingest", content=body, headers={**AUTH, "content-type": content_type})
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code


def test_documents_pagination(corpus):
    client, ids = corpus
    first = client.get("/documents", params={"limit": 2}).json()
    assert first["limit"] == 2 and len(first["items"]) == 2 and first["total"] >= len(ids)
    assert first["next"]
    second = client.get(first["next"].split("testserver", 1)[1]).json()
    assert second["offset"] == 2
    assert not {d["id"] for d in first["items"]} & {d["id"] for d in second["items"]}


def test_documents_filters(corpus):
    client, _ = corpus
    items = client.get("/documents", params={"source": "test-agency"}).json()["items"]
    assert len(items) == 2 and all(d["source"] == "test-agency" for d in items)
    items = client.get("/documents", params={"since": "2024-01-01", "until": "2024-01-31"}).json()["items"]
    assert [d["title"] for d in items] == ["نشست اقتصادی اصفهان"]


def test_documents_one_document(corpus, nlp):
    client, ids = corpus
    doc = client.get(f"/documents/{ids[0]}").json()
    assert doc["schema"] == "khabar.document/1"
    assert doc["meta"]["id"] == ids[0] and doc["meta"]["url"] == "https://example.org/news/1"
    assert doc["entities"] == nlp(ARTICLES[0]["text"]).to_dict()["entities"]


@pytest.mark.parametrize("path, status", [("/documents/999999", 404), ("/documents/0", 422), ("/documents/abc", 422)])
def test_documents_missing_or_malformed_id(corpus, path, status):
    client, _ = corpus
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["error"]["message"]


@pytest.mark.parametrize("query", ["سوریه", "روسیه", "گفت‌وگو", "اصفهان"])
def test_search_highlights_the_query_words(corpus, query):
    client, _ = corpus
    result = client.get("/search", params={"q": query}).json()
    assert result["total"] >= 1 and result["items"]
    for hit in result["items"]:
        doc = client.get(f"/documents/{hit['id']}").json()
        assert doc["text"][hit["snippet_start"]:hit["snippet_start"] + len(hit["snippet"])] == hit["snippet"]
        marked = [fold(doc["text"][start:end]) for start, end in hit["highlights"]]
        assert marked and all(m.strip() for m in marked)
        # the matched word itself is highlighted (a lemma match may highlight an inflected form as well)
        assert any(fold(query) in m or m in fold(query) for m in marked), marked


def test_search_filters(corpus):
    client, _ = corpus
    everywhere = client.get("/search", params={"q": "ایران"}).json()["total"]
    in_2023 = client.get("/search", params={"q": "ایران", "until": "2023-12-31"}).json()
    assert 1 <= in_2023["total"] <= everywhere
    assert all(h["published"] <= "2023-12-31" for h in in_2023["items"])
    other = client.get("/search", params={"q": "ایران", "source": "other-site"}).json()
    assert all(h["source"] == "other-site" for h in other["items"])


@pytest.mark.parametrize("params, status, code", [
    ({}, 422, "invalid_parameters"),
    ({"q": ""}, 422, "invalid_parameters"),
    ({"q": "   "}, 422, "invalid_parameters"),
    ({"q": "x" * 501}, 422, "invalid_parameters"),
    ({"q": '"ایران'}, 400, "bad_query"),
    ({"q": "-ایران"}, 400, "bad_query"),
    ({"q": 'ایران ""'}, 400, "bad_query"),
    ({"q": "ایران -"}, 400, "bad_query"),
    ({"q": "ایران", "since": "1402/01/01"}, 422, "invalid_parameters"),
    ({"q": "ایران", "limit": "0"}, 422, "invalid_parameters"),
    ({"q": "ایران", "limit": "1000"}, 422, "invalid_parameters"),
    ({"q": "ایران", "offset": "-1"}, 422, "invalid_parameters"),
    ({"q": "ایران", "limit": "ده"}, 422, "invalid_parameters"),
])
def test_search_malformed_query(corpus, params, status, code):
    client, _ = corpus
    response = client.get("/search", params=params)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code


def test_entities_profile_of_annotated_person(corpus):
    client, _ = corpus
    profile = client.get("/entities/PER|علی شمخانی").json()
    assert profile["entity"]["name"] == "علی شمخانی" and profile["entity"]["documents"] >= 2
    roles = {r["role"] for r in profile["roles"]}
    assert {"دبیر شورای عالی امنیت ملی", "دبیر"} <= roles
    months = {t["month"] for t in profile["timeline"]}
    assert {"2023-03", "2023-06"} <= months
    contents = {q["content"] for q in profile["quotes"]}
    assert {"ایران از ثبات سوریه حمایت می‌کند.", "همکاری دو کشور ادامه دارد."} <= contents
    met = {m["name"]: m for m in profile["met"]}
    assert set(met) >= {"الکساندر لاورنتیف", "سرگئی لاوروف"}
    assert met["سرگئی لاوروف"]["last"] == "2023-06-12"
    assert {e["type"] for e in profile["events"]} == {"meet"}
    together = {c["name"] for c in profile["cooccurring"]}
    assert "الکساندر لاورنتیف" in together
    # a bare name finds the same entity
    assert client.get("/entities/علی شمخانی").json()["entity"]["key"] == profile["entity"]["key"]


def test_entities_list_and_profile(corpus):
    client, _ = corpus
    entities = client.get("/entities", params={"limit": 50}).json()["items"]
    assert entities
    top = entities[0]
    profile = client.get(f"/entities/{top['key']}").json()
    assert profile["entity"]["key"] == top["key"]
    for key in ("roles", "timeline", "cooccurring", "quotes", "events", "met"):
        assert isinstance(profile[key], list)
    assert sum(t["documents"] for t in profile["timeline"]) == top["documents"]
    by_name = client.get("/entities", params={"name": top["name"], "label": top["label"]}).json()["items"]
    assert by_name[0]["key"] == top["key"]
    per = client.get("/entities", params={"label": "PER"}).json()["items"]
    assert all(e["label"] == "PER" for e in per)


@pytest.mark.parametrize("path, status", [
    ("/entities/PER|کسی که نیست", 404),
    ("/entities", 200),
    ("/entities?label=XYZ", 422),
])
def test_entities_missing_or_malformed(corpus, path, status):
    client, _ = corpus
    assert client.get(path).status_code == status


def test_quotes_and_events(corpus):
    client, _ = corpus
    quotes = client.get("/quotes").json()
    assert len(quotes["items"]) >= 2
    by_speaker = client.get("/quotes", params={"speaker": "علی شمخانی"}).json()["items"]
    assert {q["content"] for q in by_speaker} >= {"همکاری دو کشور ادامه دارد."}
    meetings = client.get("/events", params={"type": "meet", "actor": "سرگئی لاوروف"}).json()["items"]
    # the annotated meeting (the pipeline may find more in the ingested articles)
    assert ["علی شمخانی"] in [[a["name"] for a in e["actors"]] for e in meetings]
    assert all(e["type"] == "meet" for e in meetings)
    for q in quotes["items"]:
        doc = client.get(f"/documents/{q['document_id']}").json()
        assert doc["text"][q["start"]:q["end"]] == q["content"]
    one = client.get("/quotes", params={"limit": 1}).json()
    assert len(one["items"]) <= 1
    events = client.get("/events").json()
    for ev in events["items"]:
        assert ev["type"] and isinstance(ev["actors"], list)
    assert client.get("/events", params={"since": "bad"}).status_code == 422


def test_malicious_text_is_stored_as_text(corpus):
    client, ids = corpus
    doc = client.get(f"/documents/{ids[-1]}").json()
    assert doc["text"] == MALICIOUS_TEXT
    assert doc["meta"]["title"].startswith("<i>")  # kept verbatim: the page escapes it, the API does not alter data


def test_read_endpoints_can_be_closed(nlp, tmp_path):
    app = create_app(ApiSettings(database=str(tmp_path / "c.db"), api_token=TOKEN, read_requires_token=True),
                     pipeline=nlp)
    with TestClient(app) as client:
        for path in ("/documents", "/search?q=x", "/entities", "/quotes", "/events", "/documents/1"):
            assert client.get(path).status_code == 401, path
        assert client.get("/documents", headers=AUTH).status_code == 200
        assert client.get("/health").status_code == 200


def test_corpus_endpoints_without_store(nlp):
    app = create_app(ApiSettings(), pipeline=nlp)
    with TestClient(app) as client:
        response = client.get("/search", params={"q": "ایران"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "no_store"


def test_search_hit_serialization_matches_the_store_records(corpus):
    from khabar.api.corpus import hit_dict
    from khabar.store.base import DocumentInfo, SearchHit

    hit = SearchHit(DocumentInfo(3, "h", "src", None, "عنوان", "2024-01-01", None, 3), 1.23456789, "متن", 5,
                    [(5, 8)])
    assert hit_dict(hit) == hit.to_dict()
