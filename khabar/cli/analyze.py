"""``khabar analyze PATH|- [--format json|text]``: analyze one document."""
from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="analyze a Persian text file (or - for standard input)",
                       description="Analyze one Persian document and print it as khabar.document/1 JSON "
                                   "or as a readable terminal view.")
    p.add_argument("path", help="a UTF-8, UTF-16 (with BOM) or Windows-1256 text file, or - for stdin")
    p.add_argument("--format", choices=("json", "text"), default="json", help="output format (default: json)")
    p.add_argument("--published", help="publication date (ISO or Jalali YYYY/MM/DD) to resolve relative dates")
    p.add_argument("--raw", action="store_true", help="include the raw input and the offset map in the JSON")
    p.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import gc

    import khabar
    from khabar.inputs import read_path
    from khabar.resources import gc_paused

    decoded = read_path(args.path)
    meta = {"source": args.path, "encoding": decoded.encoding}
    if args.published:
        meta["published"] = args.published
    # One document, then the process ends: the models live until exit, so the cyclic GC never needs to walk
    # them. It stays off while they are imported and built, and they are then frozen (moved out of the
    # collector's generations), which also spares the full collection at interpreter shutdown (start-up time).
    with gc_paused():
        nlp = khabar.load()
    gc.freeze()
    doc = nlp(decoded.text, meta)
    if args.format == "json":
        sys.stdout.write(doc.to_json(indent=args.indent, include_raw=args.raw) + "\n")
    else:
        from khabar.render import render_text

        sys.stdout.write(render_text(doc))
    return 0
