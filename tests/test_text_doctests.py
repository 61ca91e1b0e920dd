"""The Persian examples in the text layer's docstrings stay true."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["khabar.text.normalizer", "khabar.text.lexical", "khabar.text.lexicon", "khabar.text.sentences",
           "khabar.text.tokenizer", "khabar.text.clitics", "khabar.evaluation.conllu",
           "khabar.evaluation.ud_scoring", "khabar.evaluation.spelling"]


@pytest.mark.parametrize("name", MODULES)
def test_text_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0
