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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="khabar",
        description="khabar (خبر): Persian news to structured, searchable knowledge, offline.",
    )
    parser.add_argument("--version", action="version", version=f"khabar {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"khabar.cli.{name}")
        except ImportError as err:  # a command whose optional dependency is missing
            if err.name and err.name.startswith("khabar.cli"):
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
