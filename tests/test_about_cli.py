"""`khabar evaluate topic|keywords|summary` print one JSON object with the documented scores."""
from __future__ import annotations

import json

import pytest

from khabar.cli import main


@pytest.mark.parametrize("task, extra, keys", [
    ("topic", [], {"accuracy", "macro_f1"}),
    ("keywords", [], {"precision_at_5", "recall_at_10"}),
    ("summary", [], {"rouge1", "rouge2", "rougeL", "lead1", "lead3"}),
    ("summary", ["--method", "lead"], {"rouge1", "rouge2", "rougeL"}),
])
def test_about_cli_evaluate_prints_one_json_object(shared_data, capsys, task, extra, keys):
    path = shared_data / "farsnews-lmcourse" / "train.jsonl"
    assert main(["evaluate", task, str(path), "--limit", "40", "--text-only", *extra]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    result = json.loads(out[0])
    assert keys <= set(result) and result["task"] == task
    for key in keys & {"accuracy", "precision_at_5", "rouge1"}:
        assert 0 < result[key] <= 100


def test_about_cli_evaluate_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["evaluate", "summary", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
