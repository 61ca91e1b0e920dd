"""``khabar serve [--db PATH|URL] [--host HOST] [--port PORT]``: the REST API and the Persian web page.

The write token is read from ``KHABAR_API_TOKEN`` (not from the command line, where other users of the
machine could see it in the process list)."""
from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the REST API and the Persian web page",
                       description="Serve khabar's REST API and its Persian web page over a corpus store "
                                   "(SQLite file by default). POST /ingest needs the token in "
                                   "KHABAR_API_TOKEN; without it ingestion over HTTP is off.")
    p.add_argument("--db", default=None,
                   help="store: a SQLite file path or postgresql:// URL (default: $KHABAR_DB or khabar.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--closed", action="store_true",
                   help="read endpoints need the token too (also KHABAR_API_CLOSED=1)")
    p.add_argument("--max-body", type=int, default=None, metavar="BYTES",
                   help="largest request body accepted (default: 2 MiB)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="analysis time limit per document (default: 20)")
    p.add_argument("--no-web", action="store_true", help="serve the API only, without the web page")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"),
                   help="server log level (default: info)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from khabar.api.app import create_app
    from khabar.api.settings import ApiSettings
    from khabar.store import DEFAULT_DB

    settings = ApiSettings.from_env(database=args.db, max_body_bytes=args.max_body,
                                    analysis_timeout=args.timeout,
                                    read_requires_token=True if args.closed else None,
                                    web=False if args.no_web else None)
    if not settings.database:
        settings = settings.replace(database=DEFAULT_DB)
    if settings.read_requires_token and not settings.api_token:
        from khabar.errors import InputError

        raise InputError("--closed (KHABAR_API_CLOSED) needs a token: set KHABAR_API_TOKEN")
    app = create_app(settings)
    where = settings.database if "://" not in settings.database else settings.database.split("@")[-1]
    print(f"khabar: serving http://{args.host}:{args.port}/ over {where}"
          f" (ingest {'on' if settings.ingest_enabled else 'off: set KHABAR_API_TOKEN'})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0
