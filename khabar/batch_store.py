"""Loading a batch output (``khabar batch --out DIR``) into the corpus store (``--db``).

The store skips content it already holds (content hash), so loading the same output twice, or an output
that a rerun completed, adds every document exactly once."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

BATCH_SIZE = 500


def load_into_store(out_dir: str | Path, db: str) -> dict[str, Any]:
    """Add every analyzed document of ``out_dir`` to the store at ``db``, in transactional batches."""
    import pyarrow.parquet as pq

    from khabar.document import Document
    from khabar.store import open_store
    from khabar.store.records import prepare

    added = duplicates = 0
    with open_store(db) as store:
        for path in sorted((Path(out_dir) / "documents").glob("part-*.parquet")):
            batch = []
            for row in pq.read_table(path, columns=["document"]).to_pylist():
                if row["document"] is None:
                    continue
                doc = Document.from_dict(json.loads(row["document"]))
                batch.append(prepare(doc, doc_json=row["document"]))
                if len(batch) >= BATCH_SIZE:
                    result = store.add(batch)
                    added, duplicates = added + len(result.added), duplicates + len(result.duplicates)
                    batch = []
            if batch:
                result = store.add(batch)
                added, duplicates = added + len(result.added), duplicates + len(result.duplicates)
    return {"db": db, "added": added, "duplicates": duplicates}
