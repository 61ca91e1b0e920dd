"""The store schema as numbered migrations, shared by SQLite and PostgreSQL.

Each migration is applied once and recorded in ``schema_migrations`` (version, description, applied_at).
Statements use portable SQL; ``{blob}``, ``{id_pk}`` (SQLite: ``INTEGER PRIMARY KEY``, the rowid),
``{without_rowid}`` and ``{id_list_agg}`` (distinct ids joined with commas) are filled in per backend.
A database made by an older khabar is migrated when it is opened (all steps of a batch in one transaction);
one made by a newer khabar is refused with ``E320``.

Tables
------
``documents``      id, content_hash (unique), source, url, title, published (ISO date), topic,
                   grp (first document of its near-duplicate group), length (indexed terms), added_at
``document_terms`` id, term_ids: the indexed term sequence (packed uint32), for phrase checks
``document_content`` id, spans (character span of each indexed position, for highlights), text,
                   doc_json (``khabar.document/1``, zlib-compressed UTF-8)
``doc_bands``      MinHash LSH band → the near-duplicate group that first had it
``terms``          id, term (a term's document frequency is the length of its postings)
``postings``       one row per term per written batch (``block`` = first document id of the batch):
                   packed little-endian arrays of document ids (uint32), term frequencies (uint16) and
                   document lengths (uint32), so a term's whole postings list is a few rows and ranking
                   runs vectorized (numpy) on the same numbers for both backends
``entities``       merged across documents by ``key`` = ``LABEL|folded name``; documents, mentions,
                   first_seen / last_seen (publication dates)
``doc_entities``   which entities a document mentions (its local id ``e1``…, roles as JSON, number of
                   mentions), clustered by (doc_id, local_id); the mention spans are in ``doc_json``
``quotes``         statements with their speaker (merged entity id, or NULL), content span and
                   ``entity_ids``: the merged entities mentioned inside the statement, as ``,12,45,``
``events``         events with type, CAMEO code, trigger, span, resolved date; ``event_args`` links them to
                   actor/target entities
``corpus_stats``   running totals used by BM25 (documents, total_length)
``fetch_state``    ETag / Last-Modified of fetched URLs (conditional GET on the next ingest)
"""
from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "documents, index, entities, quotes, events", [
        # metadata only, so that filters scan small rows; the text and analysis are in document_content
        """CREATE TABLE documents (
            id {id_pk},
            content_hash TEXT NOT NULL UNIQUE,
            source TEXT, url TEXT, title TEXT, published TEXT, topic TEXT,
            grp BIGINT NOT NULL,
            length INTEGER NOT NULL,
            added_at TEXT NOT NULL)""",
        "CREATE INDEX documents_published ON documents (published)",
        "CREATE INDEX documents_source ON documents (source, published)",
        "CREATE INDEX documents_topic ON documents (topic, published)",
        "CREATE INDEX documents_url ON documents (url)",
        "CREATE INDEX documents_grp ON documents (grp)",
        # the term sequence alone (about 2 KB, no overflow pages): phrase checks read only this
        "CREATE TABLE document_terms (id {id_pk}, term_ids {blob} NOT NULL)",
        """CREATE TABLE document_content (
            id {id_pk},
            spans {blob} NOT NULL,
            text TEXT NOT NULL,
            doc_json {blob} NOT NULL)""",
        "CREATE TABLE doc_bands (band BIGINT PRIMARY KEY, grp BIGINT NOT NULL) {without_rowid}",
        "CREATE TABLE terms (id {id_pk}, term TEXT NOT NULL UNIQUE)",
        # rows are appended in batch order; the index (small entries) finds a term's rows
        "CREATE TABLE postings (term_id BIGINT NOT NULL, block BIGINT NOT NULL, doc_ids {blob} NOT NULL, "
        "tfs {blob} NOT NULL, dls {blob} NOT NULL)",
        "CREATE UNIQUE INDEX postings_term ON postings (term_id, block)",
        """CREATE TABLE entities (
            id {id_pk},
            key TEXT NOT NULL UNIQUE,
            label TEXT NOT NULL,
            name TEXT NOT NULL,
            documents INTEGER NOT NULL,
            mentions INTEGER NOT NULL,
            first_seen TEXT, last_seen TEXT)""",
        "CREATE INDEX entities_label ON entities (label, documents)",
        "CREATE INDEX entities_documents ON entities (documents)",
        """CREATE TABLE doc_entities (
            doc_id BIGINT NOT NULL, local_id TEXT NOT NULL, entity_id BIGINT NOT NULL,
            roles TEXT NOT NULL, mentions INTEGER NOT NULL, published TEXT,
            PRIMARY KEY (doc_id, local_id))""",
        "CREATE INDEX doc_entities_entity ON doc_entities (entity_id, published)",
        """CREATE TABLE mentions (
            doc_id BIGINT NOT NULL, entity_id BIGINT NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL)""",
        "CREATE INDEX mentions_doc ON mentions (doc_id, start_char)",
        """CREATE TABLE quotes (
            id {id_pk}, doc_id BIGINT NOT NULL, speaker_id BIGINT, speaker_text TEXT,
            cue TEXT NOT NULL, content TEXT NOT NULL, direct INTEGER NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, published TEXT)""",
        "CREATE INDEX quotes_speaker ON quotes (speaker_id, published)",
        "CREATE INDEX quotes_doc ON quotes (doc_id)",
        """CREATE TABLE events (
            id {id_pk}, doc_id BIGINT NOT NULL, type TEXT NOT NULL, cameo TEXT NOT NULL,
            trig TEXT, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, date TEXT, published TEXT)""",
        "CREATE INDEX events_type ON events (type, published)",
        "CREATE INDEX events_doc ON events (doc_id)",
        "CREATE TABLE event_args (event_id BIGINT NOT NULL, entity_id BIGINT NOT NULL, role TEXT NOT NULL)",
        "CREATE INDEX event_args_entity ON event_args (entity_id)",
        "CREATE INDEX event_args_event ON event_args (event_id)",
        "CREATE TABLE corpus_stats (key TEXT PRIMARY KEY, value BIGINT NOT NULL)",
        "INSERT INTO corpus_stats (key, value) VALUES ('documents', 0)",
        "INSERT INTO corpus_stats (key, value) VALUES ('total_length', 0)",
    ]),
    (2, "conditional GET state of fetched URLs", [
        "CREATE TABLE fetch_state (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched_at TEXT NOT NULL)",
    ]),
    # Fewer rows and index entries per document (ingest speed, issue #7): the mentions table (28 rows and
    # 28 index entries per news article) held spans that the document JSON already has; the one query
    # that needed them (quotes about an entity) reads the quote's own list of entities mentioned inside it.
    # doc_entities is clustered by (doc_id, local_id) instead of a rowid table plus a unique index, and
    # four indexes that no query used (documents url and grp, quotes and events by doc_id) are gone.
    (3, "quotes list the entities mentioned inside them; no mentions table; doc_entities clustered by document", [
        "ALTER TABLE quotes ADD COLUMN entity_ids TEXT",
        "UPDATE quotes SET entity_ids = (SELECT ',' || {id_list_agg} || ',' FROM mentions m "
        "WHERE m.doc_id = quotes.doc_id AND m.start_char >= quotes.start_char AND m.end_char <= quotes.end_char)",
        "DROP TABLE mentions",
        """CREATE TABLE doc_entities_3 (
            doc_id BIGINT NOT NULL, local_id TEXT NOT NULL, entity_id BIGINT NOT NULL,
            roles TEXT NOT NULL, mentions INTEGER NOT NULL, published TEXT,
            PRIMARY KEY (doc_id, local_id)) {without_rowid}""",
        "INSERT INTO doc_entities_3 (doc_id, local_id, entity_id, roles, mentions, published) "
        "SELECT doc_id, local_id, entity_id, roles, mentions, published FROM doc_entities",
        "DROP TABLE doc_entities",
        "ALTER TABLE doc_entities_3 RENAME TO doc_entities",
        "CREATE INDEX doc_entities_entity ON doc_entities (entity_id, published)",
        "DROP INDEX documents_url",
        "DROP INDEX documents_grp",
        "DROP INDEX quotes_doc",
        "DROP INDEX events_doc",
    ]),
]

LATEST = MIGRATIONS[-1][0]
