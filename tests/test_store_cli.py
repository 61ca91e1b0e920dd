"""The corpus commands over a store of hand-annotated documents: quotes, events, entities, entity, search."""
from __future__ import annotations

import json

import pytest

from khabar.cli import main
from khabar.store import open_store
from store_support import ANALYZER, records


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cli") / "k.db")
    with open_store(path, analyzer=ANALYZER) as store:
        store.add(records())
    return path


def run_json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_store_cli_quotes_by_speaker(db, capsys):
    out = run_json(capsys, "quotes", "--speaker", "علی شمخانی", "--db", db, "--json")
    assert [q["content"] for q in out["quotes"]] == ["تحریم‌ها اثر خود را از دست داده‌اند.",
                                                      "ایران از گفت‌وگو حمایت می‌کند."]
    assert out["quotes"][0]["published"] == "2023-07-15"


def test_store_cli_events_meetings_since(db, capsys):
    out = run_json(capsys, "events", "--type", "meet", "--since", "1402/03/01", "--db", db, "--json")
    assert [(e["date"], [a["name"] for a in e["actors"]]) for e in out["events"]] == [("2023-06-02", ["عباس عراقچی"])]


def test_store_cli_entities_and_profile(db, capsys):
    out = run_json(capsys, "entities", "--top", "1", "--db", db, "--json")
    assert [(e["name"], e["documents"]) for e in out["entities"]] == [("ایران", 3)]
    profile = run_json(capsys, "entity", "علي شمخاني", "--db", db, "--json")
    assert profile["entity"]["documents"] == 2 and len(profile["quotes"]) == 2
    assert [t["month"] for t in profile["timeline"]] == ["2023-05", "2023-07"]


def test_store_cli_text_output(db, capsys):
    assert main(["entity", "علی شمخانی", "--db", db]) == 0
    text = capsys.readouterr().out
    assert text.startswith("علی شمخانی (PER): 2 documents") and "«ایران از گفت‌وگو حمایت می‌کند.»" in text
    # the command analyzes the query with khabar's own stages (the words below are their own lemmas)
    assert main(["search", '"لیگ برتر"', "--db", db]) == 0
    assert "[لیگ] [برتر]" in capsys.readouterr().out


@pytest.mark.parametrize("argv, code, message", [
    (["entity", "هیچ‌کس"], 2, "E361"),
    (["events", "--since", "دیروز"], 2, "E360"),
    (["search", "--", "-ایران"], 2, "E307"),     # a query that starts with '-' follows '--'
])
def test_store_cli_errors(db, capsys, argv, code, message):
    assert main(argv[:1] + ["--db", db] + argv[1:]) == code
    assert message in capsys.readouterr().err


def test_store_cli_every_command_has_help(capsys):
    for command in ("ingest", "search", "quotes", "events", "entities", "entity"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert len(capsys.readouterr().out) > 200
