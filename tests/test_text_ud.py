"""CoNLL-U reading/writing, the CoNLL 2018 scorer, and ``khabar evaluate ud``."""
from __future__ import annotations

import json

import pytest

from khabar.cli import main
from khabar.evaluation.conllu import format_conllu, parse_conllu, running_text
from khabar.evaluation.ud import document_to_conllu, gold_token_document
from khabar.evaluation.ud_scoring import UDScoreError, score_ud


def conllu(*sentences: list[str]) -> str:
    """Tiny CoNLL-U: each sentence is a list of tokens; ``کار+ش`` marks a multiword token."""
    out = []
    for tokens in sentences:
        out.append("# text = " + " ".join(t.replace("+", "") for t in tokens))
        wid = 1
        for tok in tokens:
            parts = tok.split("+")
            if len(parts) > 1:
                out.append(f"{wid}-{wid + len(parts) - 1}\t{''.join(parts)}" + "\t_" * 8)
            for p in parts:
                out.append(f"{wid}\t{p}\t{p}\tNOUN\t_\t_\t0\troot\t_\t_")
                wid += 1
        out.append("")
    return "\n".join(out) + "\n"


GOLD = conllu(["کتاب+ش", "را", "خواندم", "."], ["او", "رفت", "."])


@pytest.mark.parametrize("pred, tokens, words, sentences", [
    (GOLD, 100.0, 100.0, 100.0),
    # clitic not split: the token is right, its two words are lost, one wrong word predicted
    (conllu(["کتابش", "را", "خواندم", "."], ["او", "رفت", "."]), 100.0, round(100 * 2 * 6 / (8 + 7), 2), 100.0),
    # one sentence instead of two
    (conllu(["کتاب+ش", "را", "خواندم", ".", "او", "رفت", "."]), 100.0, 100.0, 0.0),
    # "." glued to the word
    (conllu(["کتاب+ش", "را", "خواندم."], ["او", "رفت", "."]), round(100 * 2 * 5 / (7 + 6), 2), round(100 * 2 * 6 / (8 + 7), 2),
     100.0),
])
def test_ud_scoring_table(pred, tokens, words, sentences):
    scores = score_ud(parse_conllu(GOLD), parse_conllu(pred))
    assert (scores["tokens_f1"], scores["words_f1"], scores["sentences_f1"]) == (tokens, words, sentences)


def test_ud_scoring_rejects_different_text():
    with pytest.raises(UDScoreError, match="differ"):
        score_ud(parse_conllu(GOLD), parse_conllu(conllu(["کتاب", "را"])))


def test_ud_scoring_tags_on_aligned_words():
    pred = GOLD.replace("\tرا\tرا\tNOUN", "\tرا\tرا\tADP")
    scores = score_ud(parse_conllu(GOLD), parse_conllu(pred))
    assert scores["upos_f1"] == round(100 * 7 / 8, 2) and scores["lemma_f1"] == 100.0


def test_ud_conllu_round_trip():
    sents = parse_conllu(GOLD)
    assert parse_conllu(format_conllu(sents)) == sents
    assert running_text(sents) == "کتابش را خواندم . او رفت ."
    assert [w.form for w in sents[0].words] == ["کتاب", "ش", "را", "خواندم", "."]


def test_ud_document_to_conllu_keeps_raw_forms(text_nlp):
    raw = "كتابش را خواندم. او رفت."
    sents = document_to_conllu(text_nlp(raw))
    assert [t.form for s in sents for t in s.tokens] == ["كتابش", "را", "خواندم", ".", "او", "رفت", "."]
    assert [w.form for w in sents[0].words][:2] == ["كتاب", "ش"]
    assert sents[0].comment("text") == "كتابش را خواندم."


def test_ud_gold_token_document_round_trip():
    gold = parse_conllu(GOLD)
    doc = gold_token_document(gold)
    assert score_ud(gold, document_to_conllu(doc))["words_f1"] == 100.0


def test_ud_evaluate_cli_prints_one_json(tmp_path, capsys):
    path = tmp_path / "gold.conllu"
    path.write_text(GOLD, encoding="utf-8")
    out = tmp_path / "pred.conllu"
    assert main(["evaluate", "ud", str(path), "--out", str(out), "--no-tags"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["sentences_f1"] == 100.0 and result["words_f1"] == 100.0
    assert score_ud(parse_conllu(GOLD), parse_conllu(out.read_text(encoding="utf-8")))["words_f1"] == 100.0


def test_ud_evaluate_cli_bad_file_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.conllu"
    path.write_text("1\tonly-two-columns\n", encoding="utf-8")
    assert main(["evaluate", "ud", str(path), "--no-tags"]) == 2
    assert "columns" in capsys.readouterr().err


def test_ud_evaluate_gold_tokens_runs_later_stages(tmp_path, monkeypatch):
    """--gold-tokens: a stage that requires tokens runs on the gold words, and its tags are scored."""
    from khabar import stages
    from khabar.evaluation import ud

    class Tagger:
        name, requires, assigns = "tagger", ("tokens",), ("pos",)

        def __call__(self, doc):
            for tok in doc.tokens:
                tok.pos = "NOUN"
            return doc

    monkeypatch.setattr(ud, "_pipeline_stages", lambda tags: ["normalizer", "sentences", "tokenizer", "tagger"])
    monkeypatch.setattr(stages, "build_stage", lambda name, options=None: Tagger())
    path = tmp_path / "gold.conllu"
    path.write_text(GOLD, encoding="utf-8")
    result = ud.evaluate_file(str(path), gold_tokens=True)
    assert result["stages"] == ["gold-tokens", "tagger"]
    assert result["words_f1"] == 100.0 and result["upos_f1"] == 100.0
