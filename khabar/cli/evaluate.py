"""``khabar evaluate TASK ...``: score khabar on a dev set and print one JSON object.

Each task lives in ``khabar.evaluation.<module>`` with ``add_arguments(parser)`` and ``run(args) -> int``;
those modules import heavy libraries inside ``run`` only.
"""
from __future__ import annotations

import argparse
import importlib

TASKS = {
    "ud": ("ud", "tokenization, sentences, UPOS/XPOS/features and lemmas on a UD CoNLL-U file"),
    "ner": ("ner", "named entities on a PEYMA, Arman or ParsTwiNER file (entity-level P/R/F1)"),
    "quotes": ("quotes", "quote attribution on a khabar gold file"),
    "events": ("events", "events on a khabar gold file"),
    "topic": ("about", "topic classification on Fars-style JSONL"),
    "keywords": ("about", "keywords against the articles' tags (P@5, R@10)"),
    "summary": ("about", "lead summaries against agency abstracts (ROUGE)"),
    "search": ("corpus", "known-item search and near-duplicate grouping on the Fars/Varzesh3 articles"),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score khabar on a dev set",
                       description="Score khabar on a development set; prints one JSON object.")
    tasks = p.add_subparsers(dest="task", metavar="TASK")
    for task, (module_name, help_text) in TASKS.items():
        try:
            module = importlib.import_module(f"khabar.evaluation.{module_name}")
        except ImportError as err:
            if err.name and err.name.startswith("khabar.evaluation"):
                continue
            raise
        tp = tasks.add_parser(task, help=help_text, description=help_text)
        module.add_arguments(tp, task)
        tp.set_defaults(handler=module.run)
    p.set_defaults(handler=lambda args: p.print_help() or 2)
