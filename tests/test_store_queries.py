"""The store on both backends: writing, duplicates, merged entities, search, quotes, events, profiles.

Every test runs on SQLite and on PostgreSQL (see ``store_backends.py``) with the same assertions, which is
also what keeps the two backends' results the same."""
from __future__ import annotations

import pytest

from khabar.store import SearchSyntaxError
from store_backends import BACKENDS, open_backend
from store_support import ANALYZER, annotated, corpus, records


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    """The five-document corpus, loaded once per backend; tests using it only read."""
    s = open_backend(request.param, tmp_path_factory.mktemp("store"), request, analyzer=ANALYZER)
    s.add(records())
    return s


@pytest.fixture(params=BACKENDS)
def empty_store(request, tmp_path):
    return open_backend(request.param, tmp_path, request, analyzer=ANALYZER)


def test_store_add_skips_known_content(store):
    again = store.add(records())  # stores nothing, so the module's corpus is unchanged
    assert again.added == [] and len(again.duplicates) == 5
    assert store.stats()["documents"] == 5


def test_store_add_skips_repeats_inside_a_batch(empty_store):
    doc = corpus()[0]
    result = empty_store.add(records([doc, corpus()[0]]))
    assert len(result.added) == 1 and len(result.duplicates) == 1


def test_store_groups_near_duplicates(empty_store):
    base = corpus()[1]
    variant = annotated(base.text + " این خبر را خبرگزاری مهر منتشر کرد.", source="mehrnews.com")
    other = corpus()[3]
    result = empty_store.add(records([base, variant, other]))
    infos = [empty_store.document_info(i) for i in result.added]
    assert infos[1].group == infos[0].id
    assert infos[2].group == infos[2].id
    assert result.near_duplicates == 1


def test_store_records_migrations(store):
    assert store.schema_version() >= 3


def test_store_stats_count_every_mention(store):
    stats = store.stats()
    assert stats["mentions"] == sum(len(e.mentions) for doc in corpus() for e in doc.entities)
    assert (stats["quotes"], stats["events"]) == (3, 2)


def test_store_document_roundtrip(store):
    doc = store.document(1)
    assert doc.text == corpus()[0].text
    assert [e.name for e in doc.entities][:2] == ["علی شمخانی", "شورای عالی امنیت ملی"]
    info = store.document_info(1)
    assert (info.source, info.published, info.title) == ("irna.ir", "2023-05-10", "دیدار شمخانی")


@pytest.mark.parametrize("name, label, documents", [
    ("علی شمخانی", "PER", 2),      # Arabic ي in the third document's name is folded to ی
    ("ایران", "LOC", 3),           # ايران with Arabic yeh in the second document
    ("تهران", "LOC", 2),
    ("عباس عراقچی", "PER", 1),
])
def test_store_merges_entities_across_documents(store, name, label, documents):
    found = store.find_entities(name, label=label)
    assert len(found) == 1 and found[0].documents == documents


def test_store_entities_top_and_label(store):
    top = store.entities(top=2)
    assert top[0].name == "ایران" and top[0].documents == 3
    people = store.entities(top=10, label="PER")
    assert {e.label for e in people} == {"PER"} and len(people) == 2


@pytest.mark.parametrize("query, titles", [
    ("تحریم‌ها", ["تحریم‌ها", "دیدار عراقچی"]),
    ("تحريم‌ها", ["تحریم‌ها", "دیدار عراقچی"]),          # Arabic yeh in the query
    ("تحریمها", ["تحریم‌ها", "دیدار عراقچی"]),            # without ZWNJ
    ("دیدار", ["دیدار عراقچی", "دیدار شمخانی"]),
    ('"شورای امنیت"', ["شورای امنیت"]),
    ("«شورای عالی امنیت»", ["دیدار شمخانی"]),
    ("شورای امنیت", ["شورای امنیت", "دیدار شمخانی"]),     # both words, anywhere
    ("ایران -تحریم‌ها", ["شورای امنیت", "دیدار شمخانی"]),
    ('ایران -"شورای امنیت"', ["دیدار عراقچی", "دیدار شمخانی"]),
    ("ناموجود", []),
    ('"می‌کند عباس"', []),                                # the end of one document and the start of the next
])
def test_store_search_matches(store, query, titles):
    result = store.search(query, limit=10)
    assert sorted(h.document.title for h in result.hits) == sorted(titles)
    assert result.total == len(titles)


def test_store_search_ranks_by_bm25(store):
    hits = store.search("تحریم‌ها").hits
    # two occurrences in a short document beat one occurrence in a longer one
    assert hits[0].document.title == "تحریم‌ها"
    assert hits[0].score > hits[1].score > 0


@pytest.mark.parametrize("filters, titles", [
    ({"since": "2023-06-01"}, ["دیدار عراقچی", "شورای امنیت"]),
    ({"until": "2023-05-31"}, ["دیدار شمخانی"]),
    ({"source": "farsnews.ir"}, ["شورای امنیت"]),
    ({"entity": "علی شمخانی"}, ["دیدار شمخانی"]),
    ({"entity": "کسی دیگر"}, []),
])
def test_store_search_filters(store, filters, titles):
    result = store.search("ایران", **filters)
    assert sorted(h.document.title for h in result.hits) == sorted(titles)


def test_store_search_highlights_point_into_the_text(store):
    hit = store.search('"شورای عالی امنیت"').hits[0]
    doc = store.document(hit.document.id)
    assert [doc.text[s:e] for s, e in hit.highlights] == ["شورای", "عالی", "امنیت"]
    assert doc.text[hit.snippet_start:hit.snippet_start + len(hit.snippet)] == hit.snippet


def test_store_search_pages(store):
    first = store.search("ایران", limit=2)
    second = store.search("ایران", limit=2, offset=2)
    assert first.total == second.total == 3
    assert len(first.hits) == 2 and len(second.hits) == 1
    assert {h.document.id for h in first.hits}.isdisjoint(h.document.id for h in second.hits)


@pytest.mark.parametrize("query, code", [
    ("", "E301"), ("   ", "E301"), ("- ایران", "E302"), ('"شورای امنیت', "E303"), ('""', "E304"),
    ("ایران»", "E305"), ("-ایران", "E307"), ("؟!", "E308"),
])
def test_store_search_rejects_malformed_queries(store, query, code):
    with pytest.raises(SearchSyntaxError, match=code):
        store.search(query)


@pytest.mark.parametrize("kwargs, contents", [
    ({"speaker": "علی شمخانی"}, ["تحریم‌ها اثر خود را از دست داده‌اند.", "ایران از گفت‌وگو حمایت می‌کند."]),
    ({"speaker": "عراقچی"}, []),                      # not a merged name; speaker_text is "عباس عراقچی"
    ({"speaker": "عباس عراقچی"}, ["تحریم‌ها باید لغو شوند و ایران آماده مذاکره است."]),
    ({"about": "ایران"}, ["تحریم‌ها باید لغو شوند و ایران آماده مذاکره است.", "ایران از گفت‌وگو حمایت می‌کند."]),
    ({"speaker": "علی شمخانی", "about": "تحریم"}, ["تحریم‌ها اثر خود را از دست داده‌اند."]),
    # by the merged entity mentioned inside the quote (the content has ی, the query ي)
    ({"about": "ايران"}, ["تحریم‌ها باید لغو شوند و ایران آماده مذاکره است.", "ایران از گفت‌وگو حمایت می‌کند."]),
    ({"about": "عمان"}, []),                            # mentioned in the document, not inside the quote
    ({"since": "2023-06-01"}, ["تحریم‌ها اثر خود را از دست داده‌اند.",
                               "تحریم‌ها باید لغو شوند و ایران آماده مذاکره است."]),
])
def test_store_quotes_by_speaker_and_topic(store, kwargs, contents):
    assert [q.content for q in store.quotes(**kwargs)] == contents


def test_store_events_who_met_whom(store):
    events = store.events(type="meet", since="2023-06-01")
    assert [(e.date, [a["name"] for a in e.actors]) for e in events] == [("2023-06-02", ["عباس عراقچی"])]
    assert "دیدار" in events[0].text
    assert [e.document_id for e in store.events(actor="علی شمخانی")] == [1]
    assert store.events(type="condemn") == []


def test_store_entity_profile(store):
    profile = store.entity("علی شمخانی")
    assert profile.entity.documents == 2
    assert profile.timeline == [("2023-05", 1), ("2023-07", 1)]
    assert {c.name for c, _ in profile.cooccurring} == {"شورای عالی امنیت ملی", "ایران", "عمان"}
    assert len(profile.quotes) == 2
    assert store.entity("هیچ‌کس") is None


def test_store_rolls_back_a_failed_batch(empty_store):
    good = records(corpus()[:2])
    bad = records(corpus()[2:4])
    bad[1].quotes.append({"speaker": None, "cue": "گفت"})  # missing keys: fails mid-batch
    empty_store.add(good)
    with pytest.raises(KeyError):
        empty_store.add(bad)
    assert empty_store.stats()["documents"] == 2
    result = empty_store.add(records(corpus()))
    assert len(result.added) == 3 and empty_store.stats()["documents"] == 5
    assert empty_store.search("تیم").total == 1
