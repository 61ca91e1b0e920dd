"""Schema migrations on both backends: a database written by an older khabar is migrated when opened and
answers the same queries; one from a newer khabar is refused with a clear message."""
from __future__ import annotations

import pytest

from khabar.store import StoreError, open_store
from khabar.store import schema
from khabar.store import sql as sql_module
from store_backends import BACKENDS, open_backend, store_url
from store_support import ANALYZER

TEXT = "علی شمخانی در مسقط گفت: ایران از گفت‌وگو با عمان حمایت می‌کند. شمخانی به تهران بازگشت."
CONTENT = "ایران از گفت‌وگو با عمان حمایت می‌کند."


def _span(word: str, start: int = 0) -> tuple[int, int]:
    i = TEXT.index(word, start)
    return i, i + len(word)


def _version_2_database(url: str, monkeypatch) -> None:
    """A store as khabar wrote it at schema version 2 (mention spans in their own table), made with the
    version-2 migrations and that version's rows, written by hand."""
    with monkeypatch.context() as m:
        m.setattr(sql_module, "MIGRATIONS", schema.MIGRATIONS[:2])
        m.setattr(sql_module, "LATEST", 2)
        store = open_store(url, analyzer=ANALYZER)
        try:
            assert store.schema_version() == 2
            q_start = TEXT.index(CONTENT)
            rows = {
                "documents (id, content_hash, source, url, title, published, topic, grp, length, added_at)":
                    [(1, "h1", "irna.ir", "https://irna.ir/1", "شمخانی", "2023-05-10", None, 1, 14, "2024")],
                "entities (id, key, label, name, documents, mentions, first_seen, last_seen)": [
                    (1, "PER|علی شمخانی", "PER", "علی شمخانی", 1, 2, "2023-05-10", "2023-05-10"),
                    (2, "LOC|ایران", "LOC", "ایران", 1, 1, "2023-05-10", "2023-05-10"),
                    (3, "LOC|عمان", "LOC", "عمان", 1, 1, "2023-05-10", "2023-05-10"),
                    (4, "LOC|تهران", "LOC", "تهران", 1, 1, "2023-05-10", "2023-05-10")],
                "doc_entities (doc_id, local_id, entity_id, roles, mentions, published)": [
                    (1, "e1", 1, '["speaker"]', 2, "2023-05-10"), (1, "e2", 2, "[]", 1, "2023-05-10"),
                    (1, "e3", 3, "[]", 1, "2023-05-10"), (1, "e4", 4, "[]", 1, "2023-05-10")],
                "mentions (doc_id, entity_id, start_char, end_char, text)": [
                    (1, 1, *_span("علی شمخانی"), "علی شمخانی"), (1, 1, *_span("شمخانی", 20), "شمخانی"),
                    (1, 2, *_span("ایران"), "ایران"), (1, 3, *_span("عمان"), "عمان"),
                    (1, 4, *_span("تهران"), "تهران")],
                "quotes (id, doc_id, speaker_id, speaker_text, cue, content, direct, start_char, end_char, "
                "published)": [(1, 1, 1, "علی شمخانی", "گفت", CONTENT, 1, q_start, q_start + len(CONTENT),
                                "2023-05-10")],
            }
            store._begin_write()
            for table, values in rows.items():
                marks = ", ".join("?" * len(values[0]))
                for row in values:
                    store._execute(f"INSERT INTO {table} VALUES ({marks})", row)
            store._commit()
        finally:
            store.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_store_migrations_upgrade_a_version_2_database(backend, tmp_path, request, monkeypatch):
    url = store_url(backend, tmp_path, request)
    _version_2_database(url, monkeypatch)
    store = open_backend(backend, tmp_path, request, analyzer=ANALYZER) if backend == "sqlite" else \
        open_store(url, analyzer=ANALYZER)
    request.addfinalizer(store.close)
    assert store.schema_version() == schema.LATEST == 3
    assert store.stats()["mentions"] == 5
    # the quote mentions Iran and Oman (entity ids kept by the migration), not Tehran (outside the quote)
    assert [q.content for q in store.quotes(about="ايران")] == [CONTENT]  # Arabic yeh: by entity only
    assert [q.content for q in store.quotes(about="عمان")] == [CONTENT]
    assert store.quotes(about="تهران") == []
    profile = store.entity("علی شمخانی")
    assert profile.roles == [("speaker", 1)]
    assert {e.name for e, _ in profile.cooccurring} == {"ایران", "عمان", "تهران"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_store_migrations_refuse_a_newer_database(backend, tmp_path, request, monkeypatch):
    url = store_url(backend, tmp_path, request)
    open_store(url, analyzer=ANALYZER).close()
    monkeypatch.setattr(sql_module, "LATEST", schema.LATEST - 1)
    with pytest.raises(StoreError, match=f"E320: .*schema version {schema.LATEST}, newer than this khabar"):
        open_store(url, analyzer=ANALYZER)
