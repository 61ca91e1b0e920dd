"""Every command and sub-command documents itself (as sqlite-utils' test_docs does)."""
from __future__ import annotations

import argparse

import pytest

from khabar.cli import COMMAND_MODULES, build_parser, main


def _subparsers(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield name, helps.get(name), sub
                for child, child_help, grandchild in _subparsers(sub):
                    yield f"{name} {child}", child_help, grandchild


COMMANDS = list(_subparsers(build_parser()))


def test_cli_help_lists_every_command_module():
    names = {name.split()[0] for name, _, _ in COMMANDS}
    assert {"analyze", "evaluate", "train", "ingest", "search", "quotes", "events", "entities", "entity",
            "serve", "batch"} <= names
    assert len(COMMAND_MODULES) >= 6


@pytest.mark.parametrize("name, help_text, parser", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_cli_help_every_command_has_help_text(name, help_text, parser):
    assert help_text and help_text.strip(), f"`khabar {name}` has no help text"
    for action in parser._actions:
        if action.option_strings and action.dest != "help":
            assert action.help, f"`khabar {name} {action.option_strings[0]}` has no help text"


def test_cli_help_every_command_is_documented():
    from pathlib import Path

    docs = "\n".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent.parent / "docs").glob("*.md"))
    missing = [name for name, _, _ in COMMANDS if f"khabar {name}" not in docs]
    assert not missing, f"commands missing from docs/: {missing}"


def test_cli_without_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out
