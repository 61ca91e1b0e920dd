"""The ``khabar`` command line: a thin layer that parses arguments and prints results.

Each command lives in its own module under ``khabar.cli`` with ``register(subparsers)``; the module's
handler imports the library lazily so that ``khabar --help`` and ``khabar analyze`` start fast.
Exit codes: 0 success, 1 failure while working, 2 bad input or usage.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from khabar import __version__
from khabar.errors import InputError, KhabarError

COMMAND_MODULES = ("analyze", "evaluate", "train", "corpus", "serve", "batch")
# which module registers each command: ``khabar analyze`` imports only khabar.cli.analyze (start-up time)
COMMANDS = {"analyze": "analyze", "evaluate": "evaluate", "train": "train", "serve": "serve", "batch": "batch",
            **{name: "corpus" for name in ("ingest", "search", "quotes", "events", "entities", "entity")}}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every command, or only ``command``'s module when it is named."""
    parser = argparse.ArgumentParser(
        prog="khabar",
        description="khabar (خبر): Persian news to structured, searchable knowledge, offline.",
    )
    parser.add_argument("--version", action="version", version=f"khabar {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = (COMMANDS[command],) if command in COMMANDS else COMMAND_MODULES
    for name in modules:
        try:
            module = importlib.import_module(f"khabar.cli.{name}")
        except ImportError as err:  # a command whose optional dependency is missing
            if err.name and err.name.startswith("khabar.cli"):
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    # the command is the first argument when there is one (options before it mean: build everything)
    parser = build_parser(args_list[0] if args_list else None)
    args = parser.parse_args(args_list)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except InputError as err:
        print(f"khabar: error: {err}", file=sys.stderr)
        return 2
    except KhabarError as err:
        print(f"khabar: error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("khabar: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
