"""Tagging + lemmatization speed (tokens/s, one process, one core).

    python bench/bench_pos.py [--repeat 3]
    python bench/bench_pos.py --news 1000    # a realistic stream: fresh stages over 1,000 news articles

The tagger reads the NER's spans (``khabar.tagging.entity_tags``). With ``--news``, the figures are given
three ways over the same articles: tagging + lemmatization after an (untimed) ``ner`` stage, as in the
default pipeline (``tokens_per_cpu_s``); the same plus the ``ner`` stage's own time
(``with_ner_tokens_per_cpu_s``); and a tagger that runs the NER itself because no ``ner`` stage ran
before it (``standalone_tokens_per_cpu_s``). The other mode runs the tagger stand-alone.

Runs :class:`~khabar.tagging.tagger.TaggerStage` and :class:`~khabar.tagging.lemmatizer.LemmatizerStage`
over documents built from the tokens of the UD PerDT and Seraji dev files (``../shared/data``), in
articles of ~500 words, and prints one JSON object. The first pass starts with empty per-type caches
(``cold``); later passes reuse them (``warm``), as a long-running server would.
"""
from __future__ import annotations

import argparse
import json
import time


def articles(words_per_article: int = 500):
    from khabar.datasets import data_dir
    from khabar.document import Document, Sentence, Token
    from khabar.evaluation.conllu import read_conllu

    sentences = []
    for rel in ("ud-perdt/fa_perdt-ud-dev.conllu", "ud-seraji/fa_seraji-ud-dev.conllu"):
        sentences += [[w.form for w in s.words] for s in read_conllu(data_dir() / rel)]
    docs, current = [], []
    for sent in sentences:
        current.append(sent)
        if sum(len(s) for s in current) >= words_per_article:
            docs.append(current)
            current = []
    out = []
    for group in docs:
        text, tokens, sents = "", [], []
        for sent in group:
            start = len(text)
            for w in sent:
                tokens.append(Token(len(text), len(text) + len(w), w))
                text += w + " "
            sents.append(Sentence(start, len(text) - 1))
        doc = Document.from_text(text)
        doc.tokens, doc.sentences = tokens, sents
        out.append(doc)
    return out


def news_articles(count: int):
    """The first ``count`` articles of ``fa-news-unlabeled`` as documents (regex tokens, sentences cut at
    . ! ? ؟): a realistic stream in which most word types repeat."""
    from khabar.datasets import data_dir
    from khabar.document import Document, Sentence, Token
    from khabar.training.pos_clusters import TOKEN, read_documents

    out = []
    for line in read_documents(data_dir() / "fa-news-unlabeled"):
        if len(out) >= count:
            break
        doc = Document.from_text(line.strip())
        start = 0
        for m in TOKEN.finditer(doc.text):
            doc.tokens.append(Token(m.start(), m.end(), m.group()))
            if m.group() in ".!?؟":
                doc.sentences.append(Sentence(start, m.end()))
                start = m.end()
        if start < len(doc.text):
            doc.sentences.append(Sentence(start, len(doc.text)))
        out.append(doc)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--news", type=int, default=0, metavar="N",
                        help="instead, one pass over the first N articles of fa-news-unlabeled with fresh stages")
    args = parser.parse_args()
    from khabar.tagging.lemmatizer import LemmatizerStage
    from khabar.tagging.tagger import TaggerStage

    t0 = time.perf_counter()
    tagger, lemmatizer = TaggerStage(), LemmatizerStage()
    load_s = time.perf_counter() - t0
    if args.news:
        from khabar.ner.stage import NerStage

        ner = NerStage()
        docs = news_articles(args.news)
        n_tokens = sum(len(d.tokens) for d in docs)
        ner_cpu = pos_cpu = 0.0
        t0 = time.perf_counter()
        for doc in docs:
            c0 = time.process_time()
            ner(doc)
            doc.stages.append("ner")
            c1 = time.process_time()
            lemmatizer(tagger(doc))
            c2 = time.process_time()
            ner_cpu += c1 - c0
            pos_cpu += c2 - c1
        wall = time.perf_counter() - t0
        # fresh stages and documents: the tagger runs the NER itself (no ner stage before it)
        tagger, lemmatizer = TaggerStage(), LemmatizerStage()
        docs = news_articles(args.news)
        c0 = time.process_time()
        for doc in docs:
            lemmatizer(tagger(doc))
        alone_cpu = time.process_time() - c0
        print(json.dumps({"bench": "pos-news", "articles": len(docs), "tokens": n_tokens,
                          "load_seconds": round(load_s, 2), "tokens_per_cpu_s": round(n_tokens / pos_cpu),
                          "with_ner_tokens_per_cpu_s": round(n_tokens / (pos_cpu + ner_cpu)),
                          "standalone_tokens_per_cpu_s": round(n_tokens / alone_cpu),
                          "ner_tokens_per_cpu_s": round(n_tokens / ner_cpu),
                          "with_ner_tokens_per_wall_s": round(n_tokens / wall),
                          "ms_per_500_tokens_cpu": round(1000 * pos_cpu / n_tokens * 500, 2)}))
        return
    docs = articles()
    n_tokens = sum(len(d.tokens) for d in docs)
    rates, cpu_rates = [], []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for doc in docs:
            lemmatizer(tagger(doc))
        rates.append(n_tokens / (time.perf_counter() - t0))
        cpu_rates.append(n_tokens / (time.process_time() - c0))
    # CPU-time rates are what one core delivers; wall-clock rates also count time the process waited
    # for a CPU on a busy machine.
    print(json.dumps({"bench": "pos", "articles": len(docs), "tokens": n_tokens, "load_seconds": round(load_s, 2),
                      "cold_tokens_per_cpu_s": round(cpu_rates[0]),
                      "warm_tokens_per_cpu_s": round(max(cpu_rates[1:] or cpu_rates)),
                      "cold_tokens_per_wall_s": round(rates[0]),
                      "warm_tokens_per_wall_s": round(max(rates[1:] or rates))}))


if __name__ == "__main__":
    main()
