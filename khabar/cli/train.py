"""``khabar train MODEL ...``: rebuild a shipped model from ``../shared/data`` reproducibly."""
from __future__ import annotations

import argparse
import importlib

MODELS = {
    "lexicon": ("lexicon", "the normalizer's word lexicon (join/split decisions) from hazm, UD, NER corpora and news"),
    "pos": ("pos", "the POS tagger (UD UPOS/XPOS/features) from the UD dev treebanks and the hazm lexicon"),
    "ner": ("ner", "the named-entity tagger from PEYMA, Arman and ParsTwiNER"),
    "clusters": ("clusters", "word clusters from the unlabeled news (features for the taggers)"),
    "topic": ("topic", "the topic classifier from the Fars and Varzesh3 articles"),
    "summary": ("summary", "the lead-summary sentence scorer from the Fars agency abstracts"),
    "keywords": ("keywords", "word document frequencies for keyword IDF from the unlabeled news"),
    "roles": ("roles", "the roles/titles lexicon (words next to PER spans in the NER corpora)"),
    "cues": ("cues", "the speech-cue lexicon (hazm verbs attested before a colon in the news articles)"),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train a shipped model from ../shared/data",
                       description="Train a model from ../shared/data and write it into the package.")
    models = p.add_subparsers(dest="model", metavar="MODEL")
    for model, (module_name, help_text) in MODELS.items():
        try:
            module = importlib.import_module(f"khabar.training.{module_name}")
        except ImportError as err:
            if err.name and err.name.startswith("khabar.training"):
                continue
            raise
        mp = models.add_parser(model, help=help_text, description=help_text)
        module.add_arguments(mp)
        mp.set_defaults(handler=module.run)
    p.set_defaults(handler=lambda args: p.print_help() or 2)
