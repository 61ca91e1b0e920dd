"""``khabar evaluate topic|keywords|summary FILE.jsonl ...``: what a document is about, scored on
news-article JSONL (the ``farsnews-lmcourse`` / ``varzesh3-lmcourse`` format). Prints one JSON object.

- ``topic``: accuracy and macro-F1 (percent) of the shipped classifier on the articles whose section maps to
  a coarse topic; with ``--cv K``, stratified K-fold cross-validation of the same learner trained on the
  file itself (the honest figure on training data).
- ``keywords``: precision@5 and recall@10 (percent) of the ranked keyphrases against each article's own
  ``tags`` (articles without tags skipped). A keyphrase matches a tag when both are equal after folding
  (:func:`khabar.about.terms.fold`) and removing spaces.
- ``summary``: ROUGE-1/2/L F1 (percent, :mod:`khabar.about.rouge`) of the summary sentences against the
  agency ``abstract`` (``خبرگزاري فارس:`` stripped), and of Lead-1 and Lead-3 (the first one/three body
  sentences) for comparison.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser, task: str) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="news-article JSONL (fields title, paragraphs, abstract, tags, cat, link)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles of each file")
    parser.add_argument("--text-only", action="store_true",
                        help="run only the text stages before the scored stage (no tagger/lemmatizer)")
    if task == "topic":
        parser.add_argument("--cv", type=int, default=0,
                            help="K-fold cross-validation trained on FILE (default 0: the shipped model)")
        parser.add_argument("--seed", type=int, default=13, help="seed of the CV folds (default 13)")
    elif task == "keywords":
        parser.add_argument("--method", choices=("tfidf", "textrank"), default="tfidf",
                            help="keyphrase ranker (default: tfidf, the shipped one)")
        parser.add_argument("--entities", action="store_true",
                            help="run NER and entity stages first (entity-aware keywords)")
    elif task == "summary":
        parser.add_argument("--method", choices=("scorer", "lead"), default="scorer",
                            help="the trained sentence scorer (default) or the first sentences")


# --- library functions (tests call these) ------------------------------------------------------

def keyword_key(text: str) -> str:
    """The comparison form of a keyphrase or tag: folded, without spaces, ZWNJ or a final period.

    >>> keyword_key("محیط‌ زیست.") == keyword_key("محيط زيست")
    True
    """
    from khabar.about.terms import fold

    return fold("".join(text.split())).strip(".")


def evaluate_topic(articles, nlp, *, cv: int = 0, seed: int = 13, stage=None) -> dict:
    """Accuracy/macro-F1 on the labeled articles: with ``cv`` folds trained on them, else with ``stage``
    (default: the shipped :class:`~khabar.about.topic.TopicStage`)."""
    from sklearn.metrics import accuracy_score, f1_score

    from khabar.about.articles import article_document
    from khabar.about.terms import load_stopwords
    from khabar.about.topic import TopicStage, topic_features

    labeled = [a for a in articles if a.topic]
    labels = [a.topic for a in labeled]
    docs = [article_document(nlp, a) for a in labeled]
    if cv:
        from khabar.training.topic import cross_validate

        stopwords = load_stopwords()
        features = [topic_features(d, stopwords) for d in docs]
        groups = ["fars" if "farsnews" in a.link else "other" for a in labeled]
        out = cross_validate(features, labels, groups, folds=cv, seed=seed, c=10.0)
        out["cv_folds"] = cv
        return out
    stage = stage or TopicStage()
    predicted = [stage(d).topic.label for d in docs]
    return {"accuracy": round(100 * accuracy_score(labels, predicted), 2),
            "macro_f1": round(100 * f1_score(labels, predicted, average="macro"), 2), "n": len(labels)}


def evaluate_keywords(articles, nlp, stage) -> dict:
    from khabar.about.articles import article_document

    p5 = r10 = 0.0
    n = 0
    for art in articles:
        tags = {keyword_key(t) for t in art.tags} - {""}
        if not tags:
            continue
        ranked = [keyword_key(k.text) for k in stage.rank(article_document(nlp, art))]
        p5 += len(set(ranked[:5]) & tags) / 5
        r10 += len(set(ranked[:10]) & tags) / len(tags)
        n += 1
    return {"precision_at_5": round(100 * p5 / n, 2) if n else 0.0,
            "recall_at_10": round(100 * r10 / n, 2) if n else 0.0, "n": n}


def evaluate_summary(articles, nlp, stage) -> dict:
    from khabar.about.articles import article_document
    from khabar.about.rouge import mean_scores, rouge_scores
    from khabar.training.summary import reference_words, summary_words

    ours, lead1, lead3 = [], [], []
    for art in articles:
        ref = reference_words(nlp, art.reference_summary) if art.reference_summary else []
        if not ref:
            continue
        doc = stage(article_document(nlp, art))
        body, _ = stage.features(doc)
        if not body:
            continue
        ours.append(rouge_scores(summary_words(doc, doc.summary), ref))
        lead1.append(rouge_scores(summary_words(doc, body[:1]), ref))
        lead3.append(rouge_scores(summary_words(doc, body[:3]), ref))
    out: dict = mean_scores(ours)
    out["lead1"] = mean_scores(lead1)
    out["lead3"] = mean_scores(lead3)
    out["n"] = len(ours)
    return out


def read_files(files, limit: int | None = None) -> list:
    from khabar.about.articles import read_articles

    out = []
    for path in files:
        arts = list(read_articles(path))
        out += arts[:limit] if limit else arts
    return out


def text_pipeline(text_only: bool, extra: tuple[str, ...] = ()):
    import khabar
    from khabar.about.articles import analysis_pipeline

    if text_only:
        return khabar.load(stages=["normalizer", "sentences", "tokenizer", *extra])
    return analysis_pipeline(extra)


# --- command ---------------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    from khabar.errors import InputError

    for path in args.files:
        if not path.exists():
            raise InputError(f"no such file: {path}")
    started = time.time()
    articles = read_files(args.files, args.limit)
    task = args.task
    if task == "topic":
        nlp = text_pipeline(args.text_only)
        result = evaluate_topic(articles, nlp, cv=args.cv, seed=args.seed)
    elif task == "keywords":
        from khabar.about.keywords import KeywordStage

        extra = ()
        if args.entities:
            from khabar import stages

            extra = tuple(s for s in ("ner", "entities") if stages.available(s))
        nlp = text_pipeline(args.text_only, extra)
        result = evaluate_keywords(articles, nlp, KeywordStage(method=args.method))
        result["method"] = args.method
    else:
        from khabar.about.summary import SummaryStage

        nlp = text_pipeline(args.text_only)
        result = evaluate_summary(articles, nlp, SummaryStage(method=args.method))
        result["method"] = args.method
    result = {"task": task, "files": [str(p) for p in args.files], **result,
              "stages": nlp.stage_names, "seconds": round(time.time() - started, 1)}
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
