"""The Persian examples in the about-modules' docstrings run as doctests."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["khabar.about.terms", "khabar.about.articles", "khabar.about.topic", "khabar.about.keywords",
           "khabar.about.summary", "khabar.about.rouge", "khabar.about.fingerprint", "khabar.evaluation.about"]


@pytest.mark.parametrize("name", MODULES)
def test_about_doctests_pass(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
