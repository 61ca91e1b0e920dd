"""The HTTP app: :func:`create_app` builds a FastAPI application over khabar's pipeline and corpus store.

Everything the app needs lives on ``app.state.khabar`` (an :class:`AppContext`) and is built here, once
per app, from an explicit :class:`~khabar.api.settings.ApiSettings`: no globals, so two apps with two
settings can live in one process (the tests do that).

>>> from khabar.api.app import create_app
>>> from khabar.api.settings import ApiSettings
>>> app = create_app(ApiSettings(stages=("normalizer", "sentences", "tokenizer")))
>>> sorted(r.path for r in app.routes if getattr(r, "path", "").startswith("/analyze"))
['/analyze']
"""
from __future__ import annotations

import asyncio
import copy
import functools
import hmac
import json
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles

from khabar import __version__
from khabar.api.analysis import Analyzer
from khabar.api.errors import ApiError, BodySizeLimit, SecurityHeaders, install_error_handlers
from khabar.api.settings import ApiSettings
from khabar.pipeline import Pipeline

API_DESCRIPTION = """\
khabar (خبر) analyzes Persian news offline and serves the corpus it has stored.

* `POST /analyze` turns a text or an HTML page into a `khabar.document/1` JSON document.
* The read endpoints (`/documents`, `/search`, `/entities`, `/quotes`, `/events`) query the store; they are
  open unless the server was started with `KHABAR_API_CLOSED=1`, then they need the token too.
* `POST /ingest` analyzes and stores documents; it needs `Authorization: Bearer <token>` and is off when
  no token is configured.

Errors are JSON: `{"error": {"status": 4xx, "code": "...", "message": "..."}}`.
"""


class _Lane:
    """One store connection and the one thread that owns it (a SQLite connection belongs to the thread
    that opened it and serves one query at a time)."""

    def __init__(self, opener: Callable[[], Any], index: int) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"khabar-store-{index}")
        self.busy = 0
        try:
            self.store = self.executor.submit(opener).result()
        except BaseException:
            self.executor.shutdown(wait=False)
            raise

    def close(self) -> None:
        try:
            self.executor.submit(self.store.close).result(timeout=30)
        finally:
            self.executor.shutdown(wait=False)


class StoreAccess:
    """The store behind ``lanes`` connections, each on its own thread. Handlers
    ``await access.call(fn, ...)``, which runs ``fn(store, ...)`` on the least busy lane without blocking
    the event loop. Several lanes let SQLite (WAL) and PostgreSQL answer reads in parallel; writers queue
    on the database's own lock."""

    def __init__(self, opener: Callable[[], Any], lanes: int = 1) -> None:
        self._lanes: list[_Lane] = []
        try:
            for i in range(max(1, lanes)):
                self._lanes.append(_Lane(opener, i))
        except BaseException:
            self.close()
            raise

    async def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        lane = min(self._lanes, key=lambda ln: ln.busy)
        lane.busy += 1  # only the event loop thread touches the counters
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(lane.executor, functools.partial(fn, lane.store, *args, **kwargs))
        finally:
            lane.busy -= 1

    def close(self) -> None:
        for lane in self._lanes:
            lane.close()
        self._lanes = []


@dataclass
class AppContext:
    """What the request handlers share: settings, the analyzer (one pipeline), the store."""

    settings: ApiSettings
    analyzer: Analyzer
    store: StoreAccess | None = None

    def require_store(self) -> StoreAccess:
        if self.store is None:
            raise ApiError(503, "no_store", "this server was started without a corpus store (--db)")
        return self.store


def context(request: Request) -> AppContext:
    return request.app.state.khabar


def _token_from(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    return request.headers.get("x-khabar-token")


def check_token(request: Request, *, action: str) -> None:
    """Raise 401/403 unless the request carries the configured token."""
    settings = context(request).settings
    if not settings.api_token:
        raise ApiError(403, "disabled", f"{action} is disabled: the server has no API token configured "
                                        f"(set KHABAR_API_TOKEN)")
    given = _token_from(request)
    if not given:
        raise ApiError(401, "missing_token", f"{action} needs a token: send 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.encode(), settings.api_token.encode()):
        raise ApiError(403, "bad_token", "the API token is not valid")


async def require_write(request: Request) -> None:
    """Dependency of the write endpoints (async: FastAPI would run a plain function on a thread)."""
    check_token(request, action="writing to the store")


async def require_read(request: Request) -> None:
    """Dependency of the read endpoints: open unless ``read_requires_token``."""
    if context(request).settings.read_requires_token:
        check_token(request, action="reading from this server")


def build_pipeline(settings: ApiSettings) -> Pipeline:
    import khabar

    options = {k: dict(v) for k, v in settings.stage_options.items()}
    return khabar.load(list(settings.stages) if settings.stages else None, options=options)


def store_opener(settings: ApiSettings) -> Callable[[], Any] | None:
    if not settings.database:
        return None
    database = settings.database

    def opener() -> Any:
        from khabar.store import open_store

        return open_store(database)

    return opener


def create_app(settings: ApiSettings | None = None, *, pipeline: Pipeline | None = None,
               store_factory: Callable[[], Any] | None = None) -> FastAPI:
    """Build the app. ``pipeline`` may be passed in (tests, embedding), and ``store_factory`` (a callable
    that opens a store; called once per ``settings.store_connections``); otherwise both are built from
    ``settings``: the pipeline now, once, and the store
    from ``settings.database``."""
    settings = settings or ApiSettings()
    nlp = pipeline if pipeline is not None else build_pipeline(settings)
    analyzer = Analyzer(nlp, workers=settings.analysis_workers, timeout=settings.analysis_timeout)
    opener = store_factory or store_opener(settings)
    lanes = 1 if settings.database == ":memory:" else settings.store_connections
    store = StoreAccess(opener, lanes) if opener is not None else None
    ctx = AppContext(settings=settings, analyzer=analyzer, store=store)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        analyzer.close()
        if ctx.store is not None:
            ctx.store.close()

    app = FastAPI(title="khabar", version=__version__, description=API_DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.khabar = ctx
    install_error_handlers(app)

    from khabar.api import routes_analyze, routes_corpus

    app.include_router(routes_analyze.router)
    app.include_router(routes_corpus.router)
    if settings.web:
        _mount_web(app)
    app.openapi = lambda: _openapi(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _mount_web(app: FastAPI) -> None:
    web = resources.files("khabar.web")
    index = web.joinpath("index.html")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(index), media_type="text/html; charset=utf-8")

    @app.get("/example", include_in_schema=False)
    def example() -> PlainTextResponse:
        """The packaged example article (the page's «نمونه» button)."""
        from khabar.resources import read_text

        return PlainTextResponse(read_text("examples", "shamkhani-meeting.txt"))

    app.mount("/static", StaticFiles(directory=str(web)), name="static")


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated OpenAPI, with the ``khabar.document/1`` JSON Schema as a component."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schema = json.loads(resources.files("khabar.schema").joinpath("document.schema.json").read_text("utf-8"))
    schema = copy.deepcopy(schema)
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    components = spec.setdefault("components", {}).setdefault("schemas", {})
    for name, sub in defs.items():
        components[f"KhabarDocument_{name}"] = sub
    components["KhabarDocument"] = schema
    text = json.dumps(spec, ensure_ascii=False).replace('"#/$defs/', '"#/components/schemas/KhabarDocument_')
    app.openapi_schema = json.loads(text)
    return app.openapi_schema


def json_response(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)
