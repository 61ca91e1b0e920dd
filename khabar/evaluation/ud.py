"""``khabar evaluate ud FILE.conllu [--out PRED.conllu] [--gold-tokens]``.

Runs khabar on the file's raw text as running text (``# text`` lines joined by spaces; paragraph breaks
only at ``# newpar``/``# newdoc``), converts the document back to CoNLL-U whose FORMs and ``# text`` are
the raw input's characters (mapped back through the offset map), and scores it with the CoNLL 2018
algorithm (:mod:`khabar.evaluation.ud_scoring`). Prints one JSON object.

Reusable pieces for other evaluations:

- :func:`document_to_conllu` — a processed :class:`~khabar.document.Document` as CoNLL-U sentences;
- :func:`gold_token_document` — a document holding the gold sentences and words as tokens, for running
  only the stages after the tokenizer;
- :func:`~khabar.evaluation.ud_scoring.score_ud` — the scorer.
"""
from __future__ import annotations

import argparse
import bisect
import json
import sys
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from khabar.document import Document, Token
    from khabar.evaluation.conllu import UDSentence

TAGGING_STAGES = ("tagger", "lemmatizer")


def add_arguments(parser: argparse.ArgumentParser, task: str = "ud") -> None:
    parser.add_argument("file", help="a UD CoNLL-U file (gold)")
    parser.add_argument("--out", help="write the predicted CoNLL-U here")
    parser.add_argument("--gold-tokens", action="store_true",
                        help="feed the gold sentences and words as tokens; run only the stages after the tokenizer")
    parser.add_argument("--no-tags", action="store_true", help="run and score only the text stages")


def _raw_token_spans(doc: "Document", groups: list[list["Token"]]) -> list[tuple[int, int]]:
    """Raw spans of orthographic tokens; raw characters that fall between tokens and are not whitespace
    (e.g. an invisible mark the normalizer deleted) join the token before them, so the predicted file
    keeps every character of the input."""
    raw = doc.raw
    spans = []
    for group in groups:
        start, end = group[0].surface or (group[0].start, group[-1].end)
        spans.append([doc.offsets.to_raw(start), doc.offsets.to_raw_end(end)])
    for k, span in enumerate(spans):
        nxt = spans[k + 1][0] if k + 1 < len(spans) else len(raw)
        pos = span[1]
        while pos < nxt:
            if not raw[pos].isspace():
                span[1] = pos + 1
            pos += 1
    if spans:
        first = spans[0]
        while first[0] > 0 and not raw[first[0] - 1].isspace():
            first[0] -= 1
    return [(s, e) for s, e in spans]


def _token_groups(tokens: Sequence["Token"]) -> list[list["Token"]]:
    groups: list[list["Token"]] = []
    for tok in tokens:
        if groups and tok.surface is not None and groups[-1][-1].surface == tok.surface:
            groups[-1].append(tok)
        else:
            groups.append([tok])
    return groups


def _one_line(text: str) -> str:
    return " ".join(text.split())


def document_to_conllu(doc: "Document") -> list["UDSentence"]:
    """The document's sentences and tokens as CoNLL-U, with raw-text FORMs and ``# text``.

    Words of a multiword token (tokens sharing one ``surface``) become a range line plus one line each.
    Tags, features and lemmas come from the tokens (``_`` when a stage did not set them)."""
    from khabar.evaluation.conllu import UDSentence, UDToken, UDWord

    groups = _token_groups(doc.tokens)
    spans = _raw_token_spans(doc, groups)
    raw = doc.raw
    out: list[UDSentence] = []
    # every token belongs to the last sentence starting at or before it (tokens outside any sentence
    # join a neighbour, so no character of the input is lost)
    starts = [s.start for s in doc.sentences] or [0]
    members: list[list[int]] = [[] for _ in starts]
    for k, group in enumerate(groups):
        members[max(0, bisect.bisect_right(starts, group[0].start) - 1)].append(k)
    for n, sent_groups in enumerate((m for m in members if m), 1):
        ud = UDSentence(comments=[f"# sent_id = {n}",
                                  f"# text = {_one_line(raw[spans[sent_groups[0]][0]:spans[sent_groups[-1]][1]])}"])
        for k in sent_groups:
            group, (rs, re_) = groups[k], spans[k]
            form = _one_line(raw[rs:re_])
            last_in_sentence = k == sent_groups[-1]
            no_space = not last_in_sentence and k + 1 < len(spans) and spans[k + 1][0] == re_
            misc = "SpaceAfter=No" if no_space else "_"
            words = []
            for t in group:
                wform = form if len(group) == 1 else _one_line(
                    raw[doc.offsets.to_raw(t.start):doc.offsets.to_raw_end(t.end)]) or t.text
                words.append(UDWord(wform, t.lemma or "_", t.pos or "_", t.xpos or "_", t.feats or "_",
                                    misc=misc if len(group) == 1 else "_"))
            ud.tokens.append(UDToken(form, words, misc if len(group) > 1 else "_"))
        out.append(ud)
    return out


def gold_token_document(gold: Sequence["UDSentence"]) -> "Document":
    """A document over the gold running text whose sentences and tokens are the gold ones (words of a
    multiword token share its ``surface``). Use it to run only the stages after the tokenizer."""
    from khabar.document import Document, Sentence, Token
    from khabar.evaluation.conllu import running_text

    text = running_text(gold)
    doc = Document.from_text(text)
    pos = 0
    for sent in gold:
        sent_start = None
        for tok in sent.tokens:
            form = tok.form
            while pos < len(text) and text[pos].isspace():
                pos += 1
            start = text.find(form, pos)
            if start < 0:
                raise ValueError(f"E021: gold token {form!r} not found in the running text after offset {pos}")
            end = start + len(form)
            sent_start = start if sent_start is None else sent_start
            if tok.is_multiword:
                cursor = start
                for w in tok.words:
                    ws = text.find(w.form, cursor, end) if w.form else -1
                    if ws < 0:
                        ws, we = start, end
                    else:
                        we = ws + len(w.form)
                        cursor = we
                    doc.tokens.append(Token(ws, we, w.form, surface=(start, end)))
            else:
                doc.tokens.append(Token(start, end, form))
            pos = end
        doc.sentences.append(Sentence(sent_start if sent_start is not None else pos, pos))
    return doc


class GoldTokens:
    """A stand-in for the text stages when the document already holds gold sentences and tokens."""

    name = "gold-tokens"
    requires: tuple[str, ...] = ()
    assigns = ("text", "sentences", "tokens")

    def __call__(self, doc: "Document") -> "Document":
        return doc


def _pipeline_stages(tags: bool) -> list[str]:
    from khabar import stages as table

    names = list(table.TEXT_STAGES)
    if tags:
        names += [s for s in TAGGING_STAGES if table.available(s)]
    return names


def evaluate_file(path: str, *, gold_tokens: bool = False, tags: bool = True,
                  out: str | None = None) -> dict:
    """Run khabar on a CoNLL-U file and score it; the dict that ``khabar evaluate ud`` prints."""
    import khabar
    from khabar.evaluation.conllu import read_conllu, running_text, write_conllu
    from khabar.evaluation.ud_scoring import score_ud

    gold = read_conllu(path)
    names = _pipeline_stages(tags)
    if gold_tokens:
        after = [n for n in names if n not in ("normalizer", "sentences", "tokenizer")]
        doc = gold_token_document(gold)
        if after:
            from khabar.pipeline import Pipeline
            from khabar.stages import build_stage

            doc = Pipeline([GoldTokens()] + [build_stage(n) for n in after])(doc)
    else:
        doc = khabar.load(names)(running_text(gold))
    pred = document_to_conllu(doc)
    if out:
        write_conllu(out, pred)
    produced_tags = any(t.pos for t in doc.tokens)
    scores = score_ud(gold, pred, tags=produced_tags)
    if produced_tags:
        if not any(t.lemma for t in doc.tokens):
            scores = {k: v for k, v in scores.items() if not k.startswith("lemma")}
        if not any(t.feats for t in doc.tokens):
            scores = {k: v for k, v in scores.items() if not k.startswith(("ufeats", "alltags"))}
        if not any(t.xpos for t in doc.tokens):
            scores = {k: v for k, v in scores.items() if not k.startswith(("xpos", "alltags"))}
    return {"task": "ud", "file": str(path), "gold_tokens": gold_tokens, "stages": doc.stages, **scores}


def run(args: argparse.Namespace) -> int:
    from khabar.errors import InputError
    from khabar.evaluation.ud_scoring import UDScoreError

    try:
        result = evaluate_file(args.file, gold_tokens=args.gold_tokens, tags=not args.no_tags, out=args.out)
    except FileNotFoundError:
        raise InputError(f"{args.file}: no such file") from None
    except (ValueError, UDScoreError) as err:
        raise InputError(f"{args.file}: {err}") from None
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0
